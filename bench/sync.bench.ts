import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { collectionNames } from '@shared/model/registry'
import {
  authorizationHeader,
  pullSearchParams,
  syncLimits,
  syncPaths,
  type PullResponse,
} from '@shared/sync/protocol'
import { generateDemoBook } from '../src-main/db/seed/demo-book'
import type { DemoBookSize } from '../src-main/db/seed/options'
import type { SqlDatabase } from '../src-server/db/database'
import { openPglite } from '../src-server/db/pglite'
import { openPostgres } from '../src-server/db/postgres'
import { tableOf } from '../src-server/db/tables'
import { seedBook } from '../src-server/seed'
import { createSyncServer } from '../src-server/server'
import { round2 } from './measure'

/**
 * Cold sync from the team server — the server half of issue 6's benchmark (the desktop client
 * is not built yet, so the documents are pulled over HTTP and parsed, not written into a client
 * workspace). The book (2,000 accounts / 200,000 tickets; TIERLINE_BENCH_SIZE=demo for the
 * small one) is seeded into a fresh database: PostgreSQL when TIERLINE_BENCH_DATABASE_URL (or
 * TIERLINE_TEST_DATABASE_URL) names a server we may create databases on, PGlite otherwise.
 * An admin token pulls every collection from an empty checkpoint in pages of the protocol's
 * largest batch. Baseline, in the same run: SELECTing the same rows (id, data, deleted) with pg
 * (for PGlite, with PGlite's own query), so vsRawRead = our time / the raw read's time.
 */

interface Subject {
  readonly db: SqlDatabase
  readonly name: 'postgres' | 'pglite'
  /** Reads every row of every collection the plainest way; resolves to the row count. */
  rawRead(): Promise<number>
  dispose(): Promise<void>
}

async function openSubject(): Promise<Subject> {
  const url = process.env.TIERLINE_BENCH_DATABASE_URL ?? process.env.TIERLINE_TEST_DATABASE_URL
  if (url) {
    const name = `tierline_bench_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const target = new URL(url)
    target.pathname = `/${name}`
    const db = openPostgres({ connectionString: target.toString() })
    const raw = new pg.Client({ connectionString: target.toString() })
    await raw.connect()
    return {
      db,
      name: 'postgres',
      async rawRead() {
        let rows = 0
        for (const collection of collectionNames) {
          const result = await raw.query(`SELECT id, data, deleted FROM ${tableOf(collection)}`)
          rows += result.rows.length
        }
        return rows
      },
      async dispose() {
        await raw.end()
        await db.close()
        const cleanup = new pg.Client({ connectionString: url })
        await cleanup.connect()
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await cleanup.end()
      },
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'tierline-bench-sync-'))
  const db = await openPglite(dir)
  return {
    db,
    name: 'pglite',
    async rawRead() {
      let rows = 0
      for (const collection of collectionNames) {
        rows += (await db.query(`SELECT id, data, deleted FROM ${tableOf(collection)}`)).length
      }
      return rows
    },
    async dispose() {
      await db.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function coldPull(baseUrl: string, token: string): Promise<number> {
  let documents = 0
  for (const collection of collectionNames) {
    let checkpoint: PullResponse['checkpoint'] = null
    for (;;) {
      const query = pullSearchParams(checkpoint, syncLimits.pullBatchMax)
      const response = await fetch(`${baseUrl}${syncPaths.pull(collection)}?${query}`, {
        headers: { authorization: authorizationHeader(token) },
      })
      if (response.status !== 200) throw new Error(`pull ${collection}: ${response.status}`)
      const page = (await response.json()) as PullResponse
      documents += page.documents.length
      checkpoint = page.checkpoint
      if (page.documents.length < syncLimits.pullBatchMax) break
    }
  }
  return documents
}

export async function run(): Promise<Record<string, unknown>> {
  const size: DemoBookSize = process.env.TIERLINE_BENCH_SIZE === 'demo' ? 'demo' : 'benchmark'
  const subject = await openSubject()
  try {
    console.error(`seeding the ${size} book into ${subject.name}…`)
    const seedStart = performance.now()
    const seeded = await seedBook(subject.db, generateDemoBook({ size }), {
      now: new Date(),
      validForDays: 1,
    })
    const seedSeconds = (performance.now() - seedStart) / 1000
    console.error(`seeded in ${seedSeconds.toFixed(1)} s`)
    const admin = seeded.tokens.find((t) => t.role === 'admin')
    if (!admin) throw new Error('the seed issued no admin token')
    const server = await createSyncServer({
      db: subject.db,
      log: false,
      rateLimit: { max: 1_000_000, windowMs: 60_000 },
    })
    const baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 })
    try {
      // Baseline before and after, so cache warmth favours neither side.
      const rawBefore = performance.now()
      const rawRows = await subject.rawRead()
      const rawFirst = performance.now() - rawBefore
      const start = performance.now()
      const docs = await coldPull(baseUrl, admin.token)
      const ours = performance.now() - start
      const rawAfter = performance.now()
      await subject.rawRead()
      const rawSecond = performance.now() - rawAfter
      if (docs !== rawRows) throw new Error(`pulled ${docs} documents, the tables hold ${rawRows}`)
      const raw = (rawFirst + rawSecond) / 2
      console.error(
        `cold pull ${docs} docs in ${(ours / 1000).toFixed(2)} s; raw read ${(raw / 1000).toFixed(2)} s`,
      )
      return {
        bench: 'sync',
        db: subject.name,
        docs,
        seconds: round2(ours / 1000),
        docsPerSecond: Math.round(docs / (ours / 1000)),
        vsRawRead: round2(ours / raw),
        scope: 'server: HTTP pull into memory, no client workspace yet',
        book: size,
        seedSeconds: round2(seedSeconds),
      }
    } finally {
      await server.close()
    }
  } finally {
    await subject.dispose()
  }
}
