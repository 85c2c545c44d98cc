import Database from 'better-sqlite3'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  createRevision,
  createRxDatabase,
  fillWithDefaultSettings,
  normalizeMangoQuery,
  now,
  prepareQuery,
  randomToken,
} from 'rxdb'
import type {
  MangoQuery,
  RxCollection,
  RxDatabase,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageInstance,
} from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { configureConnection, getRxStorageSqlite } from '../src-main/db/storage'
import { round2 } from './measure'

/**
 * Our RxDB storage against RxDB's memory storage (the speed ceiling), Dexie on fake-indexeddb
 * (what a browser RxDB app would use) and hand-written better-sqlite3 (the floor for SQLite),
 * on the same 10,000 documents, in one process. The workload follows RxDB's
 * runPerformanceTests(): bulk insert, find by ids after a reopen, serial inserts, queries with
 * sort and limit, counts. Every figure is the median over ROUNDS rounds after a warm-up round,
 * the subjects taking turns within each round; each round starts from a fresh database.
 *
 * Ratios: queryVsMemory and bulkInsertVsDexie compare storages through RxDB, as
 * runPerformanceTests does. insertVsRaw compares at the storage layer, the only layer raw SQL
 * has: storageInstance.bulkWrite() of ready documents against prepared INSERTs of the same
 * documents into a table with the same indexes and connection settings. The other layer of
 * each is reported too, and every ratio again with the storage's document cache turned off
 * (`…Uncached`): the 10,000 documents (about 10 MB of JSON) fit in its default budget, a
 * larger workspace's would only partly.
 */

const DOCS = 10_000
const BATCH = 1_000
const SERIAL_INSERTS = 200
const QUERIES_PER_SHAPE = 12
const ROUNDS = 7

interface Account {
  id: string
  name: string
  tier: 'community' | 'standard' | 'premium' | 'enterprise'
  segment: 'smb' | 'mid-market' | 'enterprise'
  arr: number
  seats: number
  renewalDate: string
  ownerId: string
  healthScore: number
  updatedAt: string
  contacts: { name: string; email: string; role: string }[]
  usage: {
    activeUsers: number
    apiCalls: number
    seatsUsed: number
    adoption: Record<string, number>
  }
  tags: string[]
  notes: string
}

const TIERS = ['community', 'standard', 'premium', 'enterprise'] as const
const SEGMENTS = ['smb', 'mid-market', 'enterprise'] as const
const OWNERS = Array.from({ length: 40 }, (_, i) => `csm-${String(i).padStart(3, '0')}`)

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 32 },
    name: { type: 'string' },
    tier: { type: 'string', enum: [...TIERS], maxLength: 12 },
    segment: { type: 'string', enum: [...SEGMENTS] },
    arr: { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 },
    seats: { type: 'integer' },
    renewalDate: { type: 'string', maxLength: 10 },
    ownerId: { type: 'string', maxLength: 16 },
    healthScore: { type: 'integer', minimum: 0, maximum: 100 },
    updatedAt: { type: 'string', maxLength: 24 },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          email: { type: 'string' },
          role: { type: 'string' },
        },
      },
    },
    usage: { type: 'object' },
    tags: { type: 'array', items: { type: 'string' } },
    notes: { type: 'string' },
  },
  required: ['id', 'name', 'tier', 'arr', 'renewalDate', 'ownerId', 'healthScore', 'updatedAt'],
  indexes: [['tier', 'arr'], 'renewalDate', ['ownerId', 'updatedAt']],
} as const satisfies RxJsonSchema<Account>

/** A small deterministic PRNG, so every run and every storage gets the same documents. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function makeAccounts(count: number, seed: number, prefix: string): Account[] {
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const day = (offset: number) =>
    new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
  return Array.from({ length: count }, (_, i) => {
    const seats = 5 + Math.floor(next() * 2000)
    return {
      id: `${prefix}${String(i).padStart(6, '0')}${randomToken(6)}`,
      name: `${pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'])} ${pick(['Labs', 'Corp', 'GmbH', 'Inc', 'AB'])} ${i}`,
      tier: pick(TIERS),
      segment: pick(SEGMENTS),
      arr: Math.floor(next() * 2_000_000),
      seats,
      renewalDate: day(Math.floor(next() * 730)),
      ownerId: pick(OWNERS),
      healthScore: Math.floor(next() * 101),
      updatedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 3.15e10)).toISOString(),
      contacts: Array.from({ length: 2 + Math.floor(next() * 3) }, (_, c) => ({
        name: `Contact ${c} of ${i}`,
        email: `contact${c}.${i}@example.com`,
        role: pick(['champion', 'economic buyer', 'admin', 'user']),
      })),
      usage: {
        activeUsers: Math.floor(seats * next()),
        apiCalls: Math.floor(next() * 1e7),
        seatsUsed: Math.floor(seats * next()),
        adoption: { dashboards: next(), alerts: next(), sso: next(), api: next() },
      },
      tags: ['renewal-q' + (1 + Math.floor(next() * 4)), pick(['emea', 'amer', 'apac'])],
      notes: 'Quarterly check-in notes. '.repeat(4 + Math.floor(next() * 8)),
    }
  })
}

/** Query shapes a portfolio view runs; each call gets different parameters, so no cache hits. */
function queryFor(shape: number, i: number): MangoQuery<Account> {
  const tier = TIERS[i % TIERS.length] ?? 'standard'
  switch (shape) {
    case 0: // the biggest accounts of a tier
      return {
        selector: { tier, arr: { $gte: (i * 7919) % 400_000 } },
        sort: [{ arr: 'desc' }],
        limit: 20,
      }
    case 1: // renewals in a window
      return {
        selector: { renewalDate: { $gte: `2026-${String((i % 12) + 1).padStart(2, '0')}-01` } },
        sort: [{ renewalDate: 'asc' }],
        limit: 50,
      }
    case 2: // one CSM's accounts, most recently updated first
      return {
        selector: { ownerId: OWNERS[i % OWNERS.length] ?? 'csm-000' },
        sort: [{ updatedAt: 'desc' }],
        limit: 25,
      }
    default: // at-risk accounts: a filter and a sort no index covers
      return {
        selector: { healthScore: { $lt: 20 + (i % 30) }, tier: { $in: ['premium', 'enterprise'] } },
        sort: [{ healthScore: 'asc' }],
        limit: 20,
      }
  }
}

function countFor(i: number): MangoQuery<Account> {
  return i % 2 === 0
    ? { selector: { tier: TIERS[i % TIERS.length] ?? 'standard', arr: { $gte: i * 1000 } } }
    : { selector: { healthScore: { $lt: 10 + i } } }
}

type Collections = { accounts: RxCollection<Account> }

/** Milliseconds per phase of one round. */
type Phases = Record<string, number>

async function openDb(storage: RxStorage<unknown, unknown>, name: string) {
  const db: RxDatabase<Collections> = await createRxDatabase<Collections>({
    name,
    storage,
    multiInstance: false,
    eventReduce: true,
    // Dexie counts a selector its indexes cannot settle by reading documents ("slow" count).
    allowSlowCount: true,
  })
  await db.addCollections({ accounts: { schema } })
  return db
}

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/** One round of the RxDB-level workload on a fresh database; milliseconds per phase. */
async function rxdbRound(
  storage: RxStorage<unknown, unknown>,
  docs: Account[],
  extra: Account[],
  withQueries: boolean,
): Promise<Phases> {
  const name = `bench${randomToken(8)}`
  let db = await openDb(storage, name)
  const bulkInsert = await time(async () => {
    for (let i = 0; i < docs.length; i += BATCH) {
      const result = await db.accounts.bulkInsert(docs.slice(i, i + BATCH))
      if (result.error.length > 0) throw new Error(`insert failed: ${result.error[0]?.status}`)
    }
  })
  // Reopen so nothing is answered from RxDB's caches, as runPerformanceTests() does.
  await db.close()
  db = await openDb(storage, name)
  const ids = docs.map((doc) => doc.id)
  const findByIds = await time(async () => {
    const found = await db.accounts.findByIds(ids).exec()
    if (found.size !== docs.length) throw new Error(`found ${found.size}`)
  })
  const serialInsert = await time(async () => {
    for (const doc of extra) await db.accounts.insert(doc)
  })
  if (!withQueries) {
    await db.remove()
    return { bulkInsert, findByIds, serialInsert }
  }
  const query = await time(async () => {
    for (let i = 0; i < QUERIES_PER_SHAPE; i++) {
      for (let shape = 0; shape < 4; shape++) await db.accounts.find(queryFor(shape, i)).exec()
    }
  })
  const count = await time(async () => {
    for (let i = 0; i < QUERIES_PER_SHAPE * 2; i++) await db.accounts.count(countFor(i)).exec()
  })
  await db.remove()
  return { bulkInsert, findByIds, serialInsert, query, count }
}

const filled = fillWithDefaultSettings(schema) as RxJsonSchema<RxDocumentData<Account>>

function storageDocs(docs: Account[]): RxDocumentData<Account>[] {
  return docs.map((doc) => {
    const data = { ...doc, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: '' }
    return { ...data, _rev: createRevision('bench', undefined) }
  })
}

async function storageInstance(storage: RxStorage<unknown, unknown>) {
  return (await storage.createStorageInstance<Account>({
    databaseInstanceToken: 'bench',
    databaseName: `raw${randomToken(8)}`,
    collectionName: 'accounts',
    schema: filled,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as RxStorageInstance<Account, unknown, unknown>
}

/** The storage layer alone: bulkWrite() and query() with RxDB's prepared queries. */
async function storageRound(storage: RxStorage<unknown, unknown>, rows: RxDocumentData<Account>[]) {
  const instance = await storageInstance(storage)
  const bulkInsert = await time(async () => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const result = await instance.bulkWrite(
        rows.slice(i, i + BATCH).map((document) => ({ document })),
        'bench',
      )
      if (result.error.length > 0) throw new Error('storage insert failed')
    }
  })
  const query = await time(async () => {
    for (let i = 0; i < QUERIES_PER_SHAPE; i++) {
      for (let shape = 0; shape < 4; shape++) {
        const mango = normalizeMangoQuery(filled, queryFor(shape, i))
        // What RxQuery.getPreparedQuery() adds before it calls the storage.
        mango.selector = { ...mango.selector, _deleted: { $eq: false } }
        await instance.query(prepareQuery(filled, mango))
      }
    }
  })
  await instance.remove()
  return { bulkInsert, query }
}

/**
 * Hand-written SQLite: the same documents, an equivalent table with the same indexes, the very
 * same connection settings (configureConnection); no RxDB, no key encoding, no cache.
 */
function rawRound(
  folder: string,
  rows: RxDocumentData<Account>[],
  serialRows: RxDocumentData<Account>[],
) {
  const db = new Database(join(folder, `raw-${randomToken(6)}.sqlite`))
  configureConnection(db)
  db.exec(`create table accounts (id text primary key not null, data text not null,
    deleted integer not null, tier text, arr integer, renewal text, owner text, updated text, lwt real)`)
  db.exec(`create index a_tier on accounts (deleted, tier, arr, id)`)
  db.exec(`create index a_renewal on accounts (deleted, renewal, id)`)
  db.exec(`create index a_owner on accounts (deleted, owner, updated, id)`)
  db.exec(`create index a_lwt on accounts (lwt, id)`)
  const insert = db.prepare(
    'insert into accounts (id, data, deleted, tier, arr, renewal, owner, updated, lwt) values (?, ?, 0, ?, ?, ?, ?, ?, ?)',
  )
  const batch = db.transaction((slice: RxDocumentData<Account>[]) => {
    for (const doc of slice) {
      insert.run(
        doc.id,
        JSON.stringify(doc),
        doc.tier,
        doc.arr,
        doc.renewalDate,
        doc.ownerId,
        doc.updatedAt,
        doc._meta.lwt,
      )
    }
  })
  const start = performance.now()
  for (let i = 0; i < rows.length; i += BATCH) batch.immediate(rows.slice(i, i + BATCH))
  const bulkInsert = performance.now() - start
  // One transaction per document, as RxDB's collection.insert() makes one bulkWrite() each.
  const serialStart = performance.now()
  for (const doc of serialRows) batch.immediate([doc])
  const serialInsert = performance.now() - serialStart
  db.close()
  return { bulkInsert, serialInsert }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function medians<T extends object>(rounds: T[]): T {
  const first = rounds[0]
  if (first === undefined) throw new Error('no rounds')
  const values = (key: string) =>
    rounds.map((round) => (round as Record<string, number>)[key] ?? NaN)
  return Object.fromEntries(
    Object.keys(first).map((key) => [key, round2(median(values(key)))]),
  ) as T
}

/**
 * Runs every subject once to warm up (JIT, SQLite page cache, prepared statements), then
 * ROUNDS rounds in which each subject runs once in turn, so that whatever else the machine is
 * doing slows all of them alike; returns each subject's median per phase.
 */
async function interleave(
  subjects: Record<string, () => Promise<Phases> | Phases>,
): Promise<Record<string, Phases>> {
  const rounds: Record<string, Phases[]> = {}
  for (const [label, work] of Object.entries(subjects)) {
    await work()
    rounds[label] = []
    console.error(`  warmed up ${label}`)
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [label, work] of Object.entries(subjects)) {
      const result = await work()
      rounds[label]?.push(result)
      console.error(`  round ${round}/${ROUNDS} ${label}: ${JSON.stringify(result)}`)
    }
  }
  return Object.fromEntries(
    Object.entries(rounds).map(([label, results]) => [label, medians(results)]),
  )
}

export async function run(): Promise<Record<string, unknown>> {
  const folder = await mkdtemp(join(tmpdir(), 'tierline-bench-storage-'))
  try {
    const docs = makeAccounts(DOCS, 1, 'a')
    const extra = makeAccounts(SERIAL_INSERTS, 2, 's')
    const fileFor = (name: string) => join(folder, `${name}.sqlite`)
    const sqlite = getRxStorageSqlite({ fileFor }) as RxStorage<unknown, unknown>
    const uncached = getRxStorageSqlite({ fileFor, documentCacheBytes: 0 }) as RxStorage<
      unknown,
      unknown
    >
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>
    const dexie = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>
    const rows = storageDocs(docs)
    const serialRows = storageDocs(extra)
    /*
     * Dexie runs the insert phases only: on fake-indexeddb, which steps every cursor through a
     * macrotask, the 48 queries of one round took about four minutes. No target compares
     * queries with Dexie.
     */
    const results = await interleave({
      'rxdb/sqlite': () => rxdbRound(sqlite, docs, extra, true),
      'rxdb/sqliteUncached': () => rxdbRound(uncached, docs, extra, true),
      'rxdb/memory': () => rxdbRound(memory, docs, extra, true),
      'rxdb/dexie': () => rxdbRound(dexie, docs, extra, false),
      'storage/sqlite': () => storageRound(sqlite, rows),
      'storage/sqliteUncached': () => storageRound(uncached, rows),
      'storage/memory': () => storageRound(memory, rows),
      raw: () => rawRound(folder, rows, serialRows),
    })
    const ours = results['rxdb/sqlite']
    const uncachedRx = results['rxdb/sqliteUncached']
    const memoryRx = results['rxdb/memory']
    const dexieRx = results['rxdb/dexie']
    const oursLayer = results['storage/sqlite']
    const uncachedLayer = results['storage/sqliteUncached']
    const memoryLayer = results['storage/memory']
    const raw = results['raw']
    const ratio = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? null : round2(a / b)
    return {
      bench: 'storage',
      queryVsMemory: ratio(ours?.query, memoryRx?.query),
      bulkInsertVsDexie: ratio(dexieRx?.bulkInsert, ours?.bulkInsert),
      insertVsRaw: ratio(oursLayer?.bulkInsert, raw?.bulkInsert),
      docs: DOCS,
      // The same ratios with the document cache turned off (documentCacheBytes: 0).
      queryVsMemoryUncached: ratio(uncachedRx?.query, memoryRx?.query),
      bulkInsertVsDexieUncached: ratio(dexieRx?.bulkInsert, uncachedRx?.bulkInsert),
      insertVsRawUncached: ratio(uncachedLayer?.bulkInsert, raw?.bulkInsert),
      // The other layer of each comparison, and the remaining phases.
      insertViaRxdbVsRaw: ratio(ours?.bulkInsert, raw?.bulkInsert),
      queryVsMemoryStorageLayer: ratio(oursLayer?.query, memoryLayer?.query),
      queryVsMemoryStorageLayerUncached: ratio(uncachedLayer?.query, memoryLayer?.query),
      countVsMemory: ratio(ours?.count, memoryRx?.count),
      countVsMemoryUncached: ratio(uncachedRx?.count, memoryRx?.count),
      findByIdsVsMemory: ratio(ours?.findByIds, memoryRx?.findByIds),
      serialInsertVsMemory: ratio(ours?.serialInsert, memoryRx?.serialInsert),
      serialInsertVsRaw: ratio(ours?.serialInsert, raw?.serialInsert),
      bulkInsertVsMemory: ratio(ours?.bulkInsert, memoryRx?.bulkInsert),
      milliseconds: results,
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
