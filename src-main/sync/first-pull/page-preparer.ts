import type { Worker } from 'node:worker_threads'
import type { RxDocumentData, RxJsonSchema } from 'rxdb'
import type { RowLayout } from '../../db/storage/bulk-load'
import { sourceWorkerEntry, startWorker, type WorkerEntry } from '../../threads/worker-entry'
import { unpackPage, type PrepareReply, type PrepareRequest } from './page-transfer'
import { preparePullPage, type PageStamp, type PreparedPage } from './prepare-page'

/** The page worker's TypeScript source when running from source (see sourceWorkerEntry). */
export function sourcePageWorker(): WorkerEntry | undefined {
  return sourceWorkerEntry(import.meta.url, 'page-worker.ts')
}

/** One collection's side of the preparer: what its pages are turned into. */
export interface PageTarget {
  readonly collection: string
  readonly schema: RxJsonSchema<RxDocumentData<unknown>>
  readonly layout: RowLayout
}

export interface PagePreparer {
  /** The page's rows; undefined when the bytes are not a pull answer. */
  prepare(
    target: PageTarget,
    bytes: ArrayBuffer,
    stamp: PageStamp,
  ): Promise<PreparedPage | undefined>
  close(): Promise<void>
}

interface Pending {
  readonly run: () => PreparedPage | undefined
  resolve(page: PreparedPage | undefined): void
  reject(error: unknown): void
}

/**
 * Prepares pages in a worker thread, so that main's event loop only appends rows while the
 * worker decodes and parses the next page. When the worker cannot start or dies, `onFallback`
 * hears why once and pages are prepared in main instead (slower, never wrong).
 */
export function createPagePreparer(options: {
  readonly entry: WorkerEntry | undefined
  readonly onFallback: (reason: string) => void
}): PagePreparer {
  const pending = new Map<number, Pending>()
  const schemasSent = new Set<string>()
  let worker: Worker | undefined
  let broken = false
  let nextId = 1

  function fallBack(reason: string) {
    if (broken) return
    broken = true
    options.onFallback(reason)
    const failed = worker
    worker = undefined
    void failed?.terminate()
    const waiting = [...pending.values()]
    pending.clear()
    for (const entry of waiting) settleInline(entry)
  }

  function settleInline(entry: Pending) {
    try {
      entry.resolve(entry.run())
    } catch (error) {
      entry.reject(error)
    }
  }

  function started(entry: WorkerEntry): Worker {
    if (worker !== undefined) return worker
    // A page parses into ~4 MB of short-lived objects. With V8's default young generation the
    // worker was busy 17–18 s on the benchmark book's first sync, a quarter of it collecting
    // them; with 64 MB, 13–14 s (128 MB was no better).
    const thread = startWorker(entry, null, { maxYoungGenerationSizeMb: 64 })
    thread.on('message', (reply: PrepareReply) => {
      const waiting = pending.get(reply.id)
      if (waiting === undefined) return
      pending.delete(reply.id)
      if (!reply.ok) waiting.reject(new Error(`The page worker failed: ${reply.message}`))
      else waiting.resolve(reply.page === null ? undefined : unpackPage(reply.page))
    })
    thread.on('error', (error) => {
      if (worker === thread) fallBack(String(error))
    })
    thread.on('exit', (code) => {
      if (worker === thread) fallBack(`the page worker exited with code ${code}`)
    })
    worker = thread
    schemasSent.clear()
    return thread
  }

  return {
    prepare(target, bytes, stamp) {
      return new Promise((resolve, reject) => {
        const entry: Pending = {
          run: () => preparePullPage(bytes, target.layout, stamp),
          resolve,
          reject,
        }
        if (broken || options.entry === undefined) {
          if (options.entry === undefined) fallBack('no page worker entry for this build')
          settleInline(entry)
          return
        }
        let thread: Worker
        try {
          thread = started(options.entry)
        } catch (error) {
          fallBack(String(error))
          settleInline(entry)
          return
        }
        const id = nextId++
        pending.set(id, entry)
        const firstOfCollection = !schemasSent.has(target.collection)
        schemasSent.add(target.collection)
        const request: PrepareRequest = {
          id,
          collection: target.collection,
          ...(firstOfCollection ? { schema: target.schema } : {}),
          bytes,
          stamp,
        }
        thread.postMessage(request)
      })
    },
    async close() {
      broken = true
      const thread = worker
      worker = undefined
      const waiting = [...pending.values()]
      pending.clear()
      for (const entry of waiting) entry.reject(new Error('The sync stopped.'))
      await thread?.terminate()
    },
  }
}
