import type { Worker } from 'node:worker_threads'
import { TierlineError } from '@shared/ipc/errors'
import type { Logger } from '../log/logger'
import { sourceWorkerEntry, startWorker, type WorkerEntry } from '../../threads/worker-entry'
import type { BookRun, BookRunResult, BookRuns } from './book-runs'
import type { EngineWorkerData, RunReply, RunRequest } from './worker/worker-protocol'

/** How to start the engine worker. */
export type EngineWorkerEntry = WorkerEntry

/** The engine worker's TypeScript source when running from source (see sourceWorkerEntry). */
export function sourceEngineWorker(): EngineWorkerEntry | undefined {
  return sourceWorkerEntry(import.meta.url, 'worker/engine-worker.ts')
}

interface Pending {
  readonly run: BookRun
  resolve(value: unknown): void
  reject(error: unknown): void
}

export interface WorkerBookRuns extends BookRuns {
  /** Stops the worker; runs still waiting for it fail with a typed error. */
  close(): Promise<void>
}

/**
 * Book-wide runs computed in a worker thread on the open workspace's file. When the worker
 * cannot start or dies, this logs a warning once and every run (those waiting included) is
 * computed by `fallback` in main instead, so figures keep coming, only less smoothly.
 */
export function createWorkerBookRuns(options: {
  /** Undefined: no worker (runs go to `fallback`, with the warning). */
  readonly entry: EngineWorkerEntry | undefined
  /**
   * The open workspace's SQLite file, and the object that stands for this opening of it (its
   * database): a different object means the worker must not reuse what it read before.
   */
  readonly workspace: () => Promise<{ readonly file: string; readonly opening: object }>
  readonly fallback: BookRuns
  readonly nativeBinding?: string | undefined
  readonly log: Logger
}): WorkerBookRuns {
  const pending = new Map<number, Pending>()
  let worker: Worker | undefined
  let broken = options.entry === undefined
  let warned = false
  let closed = false
  let nextId = 1
  const openings = new WeakMap<object, number>()
  const instanceOf = (opening: object) => {
    const known = openings.get(opening)
    if (known !== undefined) return known
    const instance = nextId++
    openings.set(opening, instance)
    return instance
  }

  const warn = (why: string) => {
    if (warned) return
    warned = true
    options.log.warn('the engine worker is not running; book-wide engine runs compute in main', {
      reason: why,
    })
  }
  if (options.entry === undefined) warn('no engine worker entry for this build')

  /** Everything waiting on a worker that is gone is computed in main instead. */
  function giveUp(why: string) {
    broken = true
    warn(why)
    const waiting = [...pending.values()]
    pending.clear()
    const failed = worker
    worker = undefined
    void failed?.terminate()
    for (const entry of waiting) options.fallback.run(entry.run).then(entry.resolve, entry.reject)
  }

  function started(entry: EngineWorkerEntry): Worker {
    if (worker !== undefined) return worker
    const data: EngineWorkerData = { nativeBinding: options.nativeBinding }
    const thread = startWorker(entry, data)
    thread.on('message', (reply: RunReply) => {
      const entry = pending.get(reply.id)
      if (entry === undefined) return
      pending.delete(reply.id)
      if (reply.ok) entry.resolve(reply.value)
      else
        entry.reject(
          reply.error.typed === null
            ? new TierlineError('internal', `An engine run failed: ${reply.error.message}`)
            : TierlineError.from(reply.error.typed),
        )
    })
    thread.on('error', (error) => {
      if (worker === thread) giveUp(String(error))
    })
    thread.on('exit', (code) => {
      if (worker === thread && !closed) giveUp(`the worker exited with code ${code}`)
    })
    worker = thread
    return thread
  }

  return {
    async run<R extends BookRun>(run: R): Promise<BookRunResult<R>> {
      if (closed) throw new TierlineError('storage', 'The workspace is closing.')
      if (broken || options.entry === undefined) return options.fallback.run(run)
      const { file, opening } = await options.workspace()
      const instance = instanceOf(opening)
      let thread: Worker
      try {
        thread = started(options.entry)
      } catch (error) {
        giveUp(String(error))
        return options.fallback.run(run)
      }
      const id = nextId++
      return new Promise<BookRunResult<R>>((resolve, reject) => {
        pending.set(id, { run, resolve: resolve as (value: unknown) => void, reject })
        const request: RunRequest = { id, file, instance, run }
        thread.postMessage(request)
      })
    },
    async close() {
      closed = true
      const waiting = [...pending.values()]
      pending.clear()
      for (const entry of waiting) {
        entry.reject(
          new TierlineError('storage', 'The workspace closed before its figures were computed.'),
        )
      }
      const thread = worker
      worker = undefined
      await thread?.terminate()
    },
  }
}
