import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { collectionNames, type CollectionName } from '@shared/model/registry'
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
import { openWorkspaceStore } from '../src-main/db/workspace-store'
import { createConflictStore } from '../src-main/sync/conflict-store'
import { startSyncEngine } from '../src-main/sync/sync-engine'
import { round2 } from './measure'

/**
 * Issue 6's benchmark: a full client cold sync from the team server. The book (2,000 accounts /
 * 200,000 tickets; TIERLINE_BENCH_SIZE=demo for the 300-account one) is seeded into a fresh
 * database: PostgreSQL when TIERLINE_BENCH_DATABASE_URL (or TIERLINE_TEST_DATABASE_URL) names a
 * server we may create databases on, PGlite otherwise (the result says which). The team server
 * runs in a process of its own (see startServer). An admin token then syncs the book into an
 * empty client workspace: the real client (src-main/sync's engine, RxDB on
 * our SQLite storage, every collection replicating at once) until every collection is in sync,
 * and every count is checked against the server's tables.
 *
 * Baseline, in the same run: SELECTing the same rows (id, data, deleted) with pg (with PGlite's
 * own query for PGlite), before and after, so vsRawRead = our time / the raw read's time.
 * `serverPullSeconds` is the server half alone (every collection pulled over HTTP into memory,
 * collections concurrently, largest pages), to tell server from client time.
 */

interface Subject {
  readonly db: SqlDatabase
  readonly name: 'postgres' | 'pglite'
  /** Where the server process finds the database: a connection string or a data folder. */
  readonly location: string
  /** Reads every row of every collection the plainest way; resolves to the row count. */
  rawRead(): Promise<number>
  /** Runs `work` while another process has the database (PGlite allows one at a time). */
  lend<T>(work: () => Promise<T>): Promise<T>
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
      location: target.toString(),
      lend: (work) => work(),
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
  let db = await openPglite(dir)
  return {
    get db() {
      return db
    },
    name: 'pglite',
    location: dir,
    async lend(work) {
      await db.close()
      try {
        return await work()
      } finally {
        db = await openPglite(dir)
      }
    },
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

/** The server half: every collection pulled over HTTP and parsed, collections concurrently. */
async function coldPull(baseUrl: string, token: string): Promise<number> {
  const counts = await Promise.all(collectionNames.map((collection) => pullAll(collection)))
  return counts.reduce((a, b) => a + b, 0)

  async function pullAll(collection: CollectionName): Promise<number> {
    let documents = 0
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
      if (page.documents.length < syncLimits.pullBatchMax) return documents
    }
  }
}

/**
 * The client: an empty workspace database, the sync engine signed in as `token`, until every
 * collection has pulled everything. Resolves to the local document count.
 */
async function clientColdSync(
  baseUrl: string,
  token: string,
  folder: string,
  pageSize: number | undefined,
): Promise<number> {
  const store = await openWorkspaceStore({
    file: join(folder, 'tierline.sqlite'),
    log: { info: () => undefined, warn: () => undefined, error: console.error },
    onChange: () => undefined,
  })
  const rx = store.rx()
  let lastReport = 0
  const engine = startSyncEngine({
    rx,
    connection: { baseUrl, token },
    conflicts: createConflictStore(folder),
    identity: `${baseUrl}|bench`,
    ...(pageSize === undefined ? {} : { batchSize: pageSize }),
    onChange: (snapshot) => {
      if (snapshot.documentsReceived - lastReport >= 50_000) {
        lastReport = snapshot.documentsReceived
        console.error(`  client received ${snapshot.documentsReceived} documents…`)
      }
    },
  })
  try {
    await engine.awaitInSync()
    let documents = 0
    for (const name of collectionNames) documents += await rx.collections[name].count().exec()
    return documents
  } finally {
    await engine.stop()
    await store.close()
  }
}

/** TIERLINE_BENCH_SERVER=inline: the server in the client's process, as before 2026-12. */
const serverInline = process.env.TIERLINE_BENCH_SERVER === 'inline'

interface RunningServer {
  readonly url: string
  /** Resolves to the server process's CPU seconds (undefined when inline). */
  stop(): Promise<number | undefined>
}

/**
 * The team server runs on another machine than the desktop client, so by default it gets a
 * process of its own here (sync-server-process.ts), as `npm run server` would be, rather than
 * sharing the client's event loop.
 */
async function startServer(subject: Subject): Promise<RunningServer> {
  if (serverInline) {
    const server = await createSyncServer({
      db: subject.db,
      log: false,
      rateLimit: { max: 1_000_000, windowMs: 60_000 },
    })
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 })
    return { url, stop: async () => void (await server.close()) }
  }
  const child = fork(
    join(import.meta.dirname, 'sync-server-process.ts'),
    [subject.name, subject.location],
    {
      execArgv: ['--import', 'tsx'],
      // The server's modules import '@shared/…', which only the node project's paths resolve.
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(import.meta.dirname, '../tsconfig.node.json'),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      child.on('message', (message: Record<string, unknown>) => {
        if (key in message) resolve(message[key] as T)
      })
      void exited.then(() => reject(new Error(`the server process exited before sending ${key}`)))
    })
  const url = await next<string>('url')
  let stopped: Promise<number | undefined> | undefined
  return {
    url,
    stop() {
      stopped ??= (async () => {
        const cpu = next<number>('cpuSeconds')
        child.send('stop')
        const seconds = await cpu.catch(() => undefined)
        await exited
        return seconds
      })()
      return stopped
    },
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const size: DemoBookSize = process.env.TIERLINE_BENCH_SIZE === 'demo' ? 'demo' : 'benchmark'
  // TIERLINE_BENCH_PAGE: the client's pull page size, to compare sizes (default: the largest).
  const pageSize = process.env.TIERLINE_BENCH_PAGE
    ? Number(process.env.TIERLINE_BENCH_PAGE)
    : undefined
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
    const clientFolder = await mkdtemp(join(tmpdir(), 'tierline-bench-sync-client-'))
    try {
      // Baseline before and after, so cache warmth favours neither side.
      const rawBefore = performance.now()
      const rawRows = await subject.rawRead()
      const rawFirst = performance.now() - rawBefore
      const measured = await subject.lend(async () => {
        const server = await startServer(subject)
        try {
          const pullStart = performance.now()
          const pulled = await coldPull(server.url, admin.token)
          const serverPull = performance.now() - pullStart
          if (pulled !== rawRows)
            throw new Error(`pulled ${pulled} documents, the tables hold ${rawRows}`)
          console.error(`server half: ${pulled} docs in ${(serverPull / 1000).toFixed(2)} s`)
          const start = performance.now()
          const cpuBefore = process.cpuUsage()
          const docs = await clientColdSync(server.url, admin.token, clientFolder, pageSize)
          const ours = performance.now() - start
          const cpu = process.cpuUsage(cpuBefore)
          return { serverPull, docs, ours, cpu, serverCpuSeconds: await server.stop() }
        } catch (error) {
          await server.stop()
          throw error
        }
      })
      const { serverPull, docs, ours, cpu } = measured
      const rawAfter = performance.now()
      await subject.rawRead()
      const rawSecond = performance.now() - rawAfter
      if (docs !== rawRows)
        throw new Error(`the client holds ${docs} documents, the tables ${rawRows}`)
      const raw = (rawFirst + rawSecond) / 2
      console.error(
        `client cold sync ${docs} docs in ${(ours / 1000).toFixed(2)} s; raw read ${(raw / 1000).toFixed(2)} s`,
      )
      return {
        bench: 'sync',
        db: subject.name,
        docs,
        seconds: round2(ours / 1000),
        docsPerSecond: Math.round(docs / (ours / 1000)),
        vsRawRead: round2(ours / raw),
        scope: 'client: empty workspace (RxDB on SQLite) synced by the sync engine',
        server: serverInline ? 'in the client process' : 'own process',
        // On a shared machine wall time swings with the load; CPU time moves much less. The
        // client's process (with the server when inline), and the server process's whole run
        // (its half of the server-only pull too); PostgreSQL's own processes are not counted.
        cpuSeconds: round2((cpu.user + cpu.system) / 1e6),
        ...(measured.serverCpuSeconds === undefined
          ? {}
          : { serverProcessCpuSeconds: round2(measured.serverCpuSeconds) }),
        pageSize: pageSize ?? syncLimits.pullBatchMax,
        serverPullSeconds: round2(serverPull / 1000),
        rawReadSeconds: round2(raw / 1000),
        book: size,
        seedSeconds: round2(seedSeconds),
      }
    } finally {
      await rm(clientFolder, { recursive: true, force: true })
    }
  } finally {
    await subject.dispose()
  }
}
