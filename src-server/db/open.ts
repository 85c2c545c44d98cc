import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { SqlDatabase } from './database'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'

export interface DatabaseChoice {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  readonly databaseUrl?: string | undefined
  /** PGlite's data folder (created if missing); `memory://` for an in-memory one. */
  readonly dataDir: string
  readonly onListenError?: (message: string) => void
}

/** PostgreSQL with `DATABASE_URL`, embedded PGlite in a data folder without. */
export async function openDatabase(choice: DatabaseChoice): Promise<SqlDatabase> {
  if (choice.databaseUrl) {
    const db = openPostgres({
      connectionString: choice.databaseUrl,
      ...(choice.onListenError ? { onListenError: choice.onListenError } : {}),
    })
    await db.query('SELECT 1')
    return db
  }
  if (choice.dataDir === 'memory://') return openPglite('memory://')
  const dir = resolve(choice.dataDir)
  mkdirSync(dir, { recursive: true })
  return openPglite(dir)
}
