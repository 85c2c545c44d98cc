/**
 * The sync benchmark's team server in a process of its own, as `npm run server` runs beside
 * the desktop clients it serves (started by sync.bench.ts with `fork`): on PostgreSQL when
 * given a connection string, on a PGlite data folder otherwise. Sends `{ url }` once it
 * listens; on "stop" it closes and sends `{ cpuSeconds }` before exiting.
 */
import type { SqlDatabase } from '../src-server/db/database'
import { openPglite } from '../src-server/db/pglite'
import { openPostgres } from '../src-server/db/postgres'
import { createSyncServer } from '../src-server/server'

const [kind, location] = process.argv.slice(2)
if ((kind !== 'postgres' && kind !== 'pglite') || location === undefined) {
  throw new Error('usage: sync-server-process postgres <url> | pglite <data folder>')
}
const send = (message: unknown) => process.send?.(message)

const db: SqlDatabase =
  kind === 'postgres' ? openPostgres({ connectionString: location }) : await openPglite(location)
// The benchmark's requests are one user's cold sync, many times over: no rate limit applies.
const server = await createSyncServer({
  db,
  log: false,
  rateLimit: { max: 1_000_000, windowMs: 60_000 },
})
send({ url: await server.app.listen({ host: '127.0.0.1', port: 0 }) })

process.on('message', (message) => {
  if (message !== 'stop') return
  void (async () => {
    await server.close()
    await db.close()
    const cpu = process.cpuUsage()
    send({ cpuSeconds: (cpu.user + cpu.system) / 1e6 })
    process.disconnect()
  })()
})
