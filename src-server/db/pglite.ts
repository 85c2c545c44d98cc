import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { SqlDatabase, SqlExecutor, SqlParam } from './database'

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in a data folder: the server with no setup.
 * `dataDir` `memory://` keeps everything in memory (tests). One process per folder: PGlite is
 * single-user, so run several instances only against a real PostgreSQL.
 */
export async function openPglite(dataDir: string): Promise<SqlDatabase> {
  const db = await PGlite.create(dataDir)

  const executor = (target: PGlite | Transaction): SqlExecutor => ({
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await target.query<Row>(sql, [...params])
      return result.rows
    },
    async exec(sql: string) {
      await target.exec(sql)
    },
  })

  return {
    kind: 'pglite',
    ...executor(db),
    // PGlite runs one transaction at a time and queues everything else behind it.
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    async listen(channel, handlers) {
      // In-process: the connection cannot drop, so onReconnect is never needed.
      const unlisten = await db.listen(channel, handlers.onNotify)
      return () => unlisten()
    },
    close: () => db.close(),
  }
}
