import type Database from 'better-sqlite3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RxDocumentData, RxJsonSchema } from 'rxdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPglite } from '../../src-server/db/pglite'
import type { SqlDatabase } from '../../src-server/db/database'
import { tableOf } from '../../src-server/db/tables'
import { createSyncServer, type SyncServer } from '../../src-server/server'
import { importDocuments } from '../../src-server/sync/documents'
import { createWorld, ticketDoc, type World } from '../../src-server/testing/world'
import { rowLayoutOf } from '../../src-main/db/storage/bulk-load'
import { openWorkspaceStore, type WorkspaceStore } from '../../src-main/db/workspace-store'
import { createConflictStore } from '../../src-main/sync/conflict-store'
import { startSyncEngine, type SyncEngineOptions } from '../../src-main/sync/sync-engine'
import { recordingLogger } from '../fixtures/recording-logger'

/**
 * A first sync of a pull-only collection into an empty table is a bulk load that bypasses
 * RxDB's downstream (src-main/sync/first-pull/). Against the real server on PGlite and real
 * workspace databases (one open at a time: one RxDB database per process), these check that it
 * stores exactly what RxDB's own pull stores, that RxDB's queries and later pulls see it, and
 * that a failed request midway neither loses nor repeats a document.
 */

const TICKETS = 3_500 // three full pages of 1,000 and a short one: two pages are appended
let folder: string
let db: SqlDatabase
let world: World
let server: SyncServer
let baseUrl: string
let ticketIds: string[]
let deletedId: string
let caseCounter = 0

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-first-pull-'))
  db = await openPglite(join(folder, 'server-data'))
  server = await createSyncServer({
    db,
    log: false,
    heartbeatMs: 200,
    rateLimit: { max: 100_000, windowMs: 60_000 },
  })
  baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 })
  world = await createWorld(db)
  const tickets = Array.from({ length: TICKETS }, (_, i) =>
    ticketDoc(world.newId(), world.accounts.a.id, 1_000 + i),
  )
  await importDocuments(db, 'tickets', tickets)
  ticketIds = [world.tickets.a.id, world.tickets.b.id, ...tickets.map((t) => t.id)]
  // A tombstone on the first page: it must arrive as one.
  deletedId = tickets[10]?.id ?? ''
  await db.query(`UPDATE ${tableOf('tickets')} SET deleted = true WHERE id = $1`, [deletedId])
}, 120_000)

afterAll(async () => {
  await server.close()
  await server.app.close()
  await db.close()
  await rm(folder, { recursive: true, force: true })
})

async function openWorkspace(): Promise<{ store: WorkspaceStore; folder: string }> {
  const workspace = join(folder, `case-${++caseCounter}`)
  const store = await openWorkspaceStore({
    file: join(workspace, 'tierline.sqlite'),
    log: recordingLogger(),
    onChange: () => undefined,
  })
  return { store, folder: workspace }
}

function engineFor(
  store: WorkspaceStore,
  workspace: string,
  extra: Partial<SyncEngineOptions> = {},
) {
  const log = recordingLogger()
  const engine = startSyncEngine({
    rx: store.rx(),
    connection: { baseUrl, token: world.tokens.admin },
    conflicts: createConflictStore(workspace),
    identity: `${baseUrl}|admin`,
    heartbeatMs: 200,
    log,
    ...extra,
  })
  return { engine, log }
}

const bulkLoaded = (log: ReturnType<typeof recordingLogger>) =>
  log.entries
    .filter((e) => e.message === 'first sync: documents appended in bulk')
    .map((e) => e.fields)

/**
 * The stored ticket rows, their documents parsed (the bulk load keeps the server's JSON text,
 * RxDB its own serialisation), with what differs between two databases by design made equal:
 * the write time (`_meta.lwt`, and the key of RxDB's changes index, which starts with it) and
 * the database's token in `_rev`.
 */
interface StoredRow {
  readonly id: string
  readonly data: Record<string, unknown>
  readonly deleted: number
}

function storedTickets(store: WorkspaceStore): StoredRow[] {
  const sqlite = store.connection() as Database.Database
  const layout = rowLayoutOf(
    store.rx().tickets.storageInstance.schema as RxJsonSchema<RxDocumentData<unknown>>,
  )
  const keys = layout.columns.filter((c) => !c.fields.includes('_meta.lwt')).map((c) => c.column)
  const token = store.rx().token
  const rows = sqlite
    .prepare(`select id, data, deleted, ${keys.join(', ')} from rx_tickets_v0 order by id`)
    .all() as (Omit<StoredRow, 'data'> & { data: unknown })[]
  return rows.map((row) => {
    // Text, as RxDB's own writes store it: bytes would come back as a Buffer.
    if (typeof row.data !== 'string') throw new Error(`${row.id}: data is not stored as text`)
    const data = JSON.parse(row.data) as Record<string, unknown>
    return {
      ...row,
      data: { ...data, _meta: { lwt: 0 }, _rev: String(data['_rev']).replace(token, 'TOKEN') },
    }
  })
}

describe('a first sync of a pull-only collection', { timeout: 120_000 }, () => {
  it('stores what RxDB stores, and RxDB queries and later pulls see every document', async () => {
    const bulk = await openWorkspace()
    const tickets = bulk.store.rx().tickets
    // A query RxDB ran before the load: it must not keep its stale answer.
    const ofAccount: string[][] = []
    const subscription = tickets
      .find({ selector: { accountId: world.accounts.a.id } })
      .$.subscribe((docs) => ofAccount.push(docs.map((d) => d.id)))
    await expect.poll(() => ofAccount.length).toBeGreaterThan(0)

    const { engine, log } = engineFor(bulk.store, bulk.folder)
    await engine.awaitInSync()
    expect(bulkLoaded(log)).toContainEqual({ collection: 'tickets', documents: 2_000 })
    const withBulk = storedTickets(bulk.store)
    expect(withBulk.map((row) => row.id).sort()).toEqual([...ticketIds].sort())
    expect(withBulk.find((row) => row.id === deletedId)?.deleted).toBe(1)
    await expect.poll(() => ofAccount.at(-1)?.length).toBe(TICKETS) // the tombstone is not found
    await expect(tickets.count().exec()).resolves.toBe(TICKETS + 1)

    // The server changes a ticket of the first, appended page: the live pull brings it.
    const changed = {
      ...ticketDoc(ticketIds[2] ?? '', world.accounts.a.id, 1_000),
      subject: 'Changed on the server',
    }
    await importDocuments(db, 'tickets', [changed])
    await expect
      .poll(async () => (await tickets.findOne(changed.id).exec())?.subject, { timeout: 20_000 })
      .toBe('Changed on the server')
    subscription.unsubscribe()
    await engine.stop()
    await bulk.store.close()

    // The same book through RxDB's own downstream (pages of 400 are never bulk-loaded).
    const plain = await openWorkspace()
    const second = engineFor(plain.store, plain.folder, { batchSize: 400 })
    await second.engine.awaitInSync()
    expect(bulkLoaded(second.log)).toEqual([])
    const throughRxdb = storedTickets(plain.store)
    await second.engine.stop()
    await plain.store.close()
    const changedRow = (rows: typeof withBulk) => rows.filter((row) => row.id !== changed.id)
    expect(changedRow(withBulk)).toEqual(changedRow(throughRxdb))
  })

  it('resumes after a failed request where the appended pages end, prepared in main without a worker', async () => {
    const workspace = await openWorkspace()
    let ticketPulls = 0
    // The network drops the third tickets page once (Electron's net.fetch stands here).
    const flakyFetch: typeof fetch = async (input, init) => {
      const url = String(input)
      if (url.includes('/tickets/pull') && ++ticketPulls === 3)
        throw new TypeError('socket hang up')
      return fetch(input, init)
    }
    const { engine, log } = engineFor(workspace.store, workspace.folder, {
      connection: { baseUrl, token: world.tokens.admin, fetch: flakyFetch },
      pageWorker: null,
      backoff: { baseMs: 10, maxMs: 50 },
    })
    await engine.awaitInSync()
    expect(ticketPulls).toBeGreaterThan(3)
    expect(
      log.entries.some((e) => e.message.startsWith('the sync page worker is not running')),
    ).toBe(true)
    expect(bulkLoaded(log).length).toBeGreaterThan(0)
    const ids = storedTickets(workspace.store).map((row) => row.id)
    expect(ids).toHaveLength(new Set(ids).size)
    expect(ids.sort()).toEqual([...ticketIds].sort())
    await engine.stop()
    await workspace.store.close()
  })
})
