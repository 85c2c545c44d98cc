import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import type { OpenedDatabase } from '../services/workspace/workspace-manager'

/**
 * Opens a workspace's SQLite file in WAL mode. A file that is not a database (or is damaged)
 * is reported as an error status and left exactly as it was: nothing here ever recreates it.
 */
export async function openWorkspaceDatabase(
  file: string,
  nativeBinding?: string,
): Promise<OpenedDatabase> {
  let db: Database.Database | undefined
  let failure: string | undefined
  try {
    db = new Database(file, nativeBinding === undefined ? {} : { nativeBinding })
    db.pragma('journal_mode = WAL')
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') failure = `SQLite integrity check failed: ${String(check)}`
  } catch (error) {
    failure = (error as Error).message
    db?.close()
    db = undefined
  }

  return {
    status() {
      if (db === undefined || failure !== undefined) {
        return { state: 'error', file, message: failure ?? 'The database is closed.' }
      }
      return {
        state: 'ready',
        file,
        sizeBytes: statSync(file).size,
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        sqliteVersion: String(db.prepare('select sqlite_version()').pluck().get()),
        schemaVersion: Number(db.pragma('user_version', { simple: true })),
      }
    },
    connection: () => (failure === undefined ? db : undefined),
    async close() {
      db?.close()
      db = undefined
    },
  }
}
