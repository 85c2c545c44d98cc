import { parentPort, workerData } from 'node:worker_threads'
import { TierlineError } from '@shared/ipc/errors'
import { runBookRun } from '../book-runs'
import { createSqliteBookSource } from './sqlite-book-source'
import type { EngineWorkerData, RunReply, RunRequest } from './worker-protocol'

/**
 * The engine worker (a worker thread of main): computes book-wide runs on its own read-only
 * connection to the workspace file, so main's event loop keeps answering the window meanwhile.
 * Runs one at a time, in the order asked; each loads only the tables that changed since the last.
 */
const port = parentPort
if (port === null) throw new Error('engine-worker.ts must run as a worker thread')
const source = createSqliteBookSource(workerData as EngineWorkerData)
let queue: Promise<void> = Promise.resolve()

port.on('message', (request: RunRequest) => {
  queue = queue.then(async () => {
    let reply: RunReply
    try {
      const value = await runBookRun(request.run, source.load(request.file, request.instance))
      reply = { id: request.id, ok: true, value }
    } catch (error) {
      reply = {
        id: request.id,
        ok: false,
        error: {
          typed: error instanceof TierlineError ? error.toIpcError() : null,
          message: error instanceof Error ? error.message : String(error),
        },
      }
    }
    port.postMessage(reply)
  })
})
port.on('close', () => source.close())
