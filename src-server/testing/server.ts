import { Writable } from 'node:stream'
import type { SqlDatabase } from '../db/database'
import { createSyncServer, type SyncServerOptions } from '../server'

/** A real server on a loopback port, its logs captured for assertions. */
export async function startTestServer(
  db: SqlDatabase,
  options: Partial<Omit<SyncServerOptions, 'db'>> = {},
) {
  const logs: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'))
      done()
    },
  })
  const server = await createSyncServer({
    db,
    log: { level: 'info', stream },
    heartbeatMs: 200,
    ...options,
  })
  const baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 })
  return { server, baseUrl, logs }
}
