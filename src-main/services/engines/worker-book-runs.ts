import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { TierlineError } from '@shared/ipc/errors'
import type { Logger } from '../log/logger'
import type { BookRun, BookRunResult, BookRuns } from './book-runs'
import type { EngineWorkerData, RunReply, RunRequest } from './worker/worker-protocol'

/** How to start the engine worker. */
export interface EngineWorkerEntry {
  /** The worker's file: the built `engine-worker.js` beside the main bundle, or its TypeScript source. */
  readonly file: string
  /** For a TypeScript `file`: tsx's ESM loader module and the tsconfig whose paths it resolves. */
  readonly typescript?: { readonly loader: string; readonly tsconfig: string }
}

/**
 * The worker's TypeScript source, loaded through tsx, when this module itself runs from source
 * (vitest, the end-to-end harness under Playwright, `npm run bench`); undefined in a bundle,
 * where the host names the built entry (src-main/electron/index.ts).
 */
export function sourceEngineWorker(): EngineWorkerEntry | undefined {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.ts')) return undefined
  const projectRoot = resolve(dirname(here), '../../..')
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  return {
    file: join(dirname(here), 'worker', 'engine-worker.ts'),
    typescript: {
      loader: join(tsx, 'dist', 'esm', 'api', 'index.mjs'),
      // The root tsconfig only references the projects; the `@shared` alias is in the Node one.
      tsconfig: join(projectRoot, 'tsconfig.node.json'),
    },
  }
}

/**
 * A TypeScript entry starts as a small script that registers tsx in the worker thread, then
 * imports the entry: loader flags (`--import`) in a worker's execArgv do not reach its first
 * module on Node 20, and the test runners' own loaders do not reach worker threads at all.
 */
function startWorker(entry: EngineWorkerEntry, data: EngineWorkerData): Worker {
  if (entry.typescript === undefined) return new Worker(entry.file, { workerData: data })
  const url = (path: string) => JSON.stringify(pathToFileURL(path).href)
  const bootstrap = [
    `import(${url(entry.typescript.loader)})`,
    `.then(({ register }) => { register({ tsconfig: ${JSON.stringify(entry.typescript.tsconfig)} }); return import(${url(entry.file)}) })`,
  ].join('')
  return new Worker(bootstrap, { eval: true, workerData: data })
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
    // The worker never keeps the process alive on its own: main's services own its lifetime.
    thread.unref()
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
