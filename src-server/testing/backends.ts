import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { SqlDatabase } from '../db/database'
import { openPglite } from '../db/pglite'
import { openPostgres } from '../db/postgres'

/**
 * The real databases the server's tests run on: embedded PGlite always, PostgreSQL when
 * `TIERLINE_TEST_DATABASE_URL` points at a server we may create databases on (.ci/run starts
 * one). Each opened database is a fresh one, dropped afterwards.
 */
export interface TestBackend {
  readonly name: 'pglite' | 'postgres'
  /** Why this backend is skipped here, or undefined when it runs. */
  readonly skipReason: string | undefined
  open(): Promise<{ db: SqlDatabase; drop(): Promise<void> }>
}

const postgresUrl = process.env.TIERLINE_TEST_DATABASE_URL

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export const testBackends: readonly TestBackend[] = [
  {
    name: 'pglite',
    skipReason: undefined,
    async open() {
      const db = await openPglite('memory://')
      return { db, drop: () => db.close() }
    },
  },
  {
    name: 'postgres',
    skipReason: postgresUrl
      ? undefined
      : 'TIERLINE_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL cluster and sets it)',
    async open() {
      if (!postgresUrl) throw new Error('TIERLINE_TEST_DATABASE_URL is not set')
      const name = `tierline_test_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: postgresUrl })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${name}`)
      await admin.end()
      const db = openPostgres({ connectionString: withDatabase(postgresUrl, name) })
      return {
        db,
        async drop() {
          await db.close()
          const cleanup = new pg.Client({ connectionString: postgresUrl })
          await cleanup.connect()
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
          await cleanup.end()
        },
      }
    },
  },
]

const announced = new Set<string>()

/**
 * For `it.skipIf(skipping(reason))`: true when there is a reason, which is printed (once per
 * reason) so a run's log says why its skipped tests did not run.
 */
export function skipping(reason: string | undefined): boolean {
  if (reason === undefined) return false
  if (!announced.has(reason)) {
    announced.add(reason)
    console.warn(`[sync server tests] skipped: ${reason}`)
  }
  return true
}
