import Database from 'better-sqlite3'
import { join } from 'node:path'
import { firstValueFrom, filter } from 'rxjs'
import { addRxPlugin, createBlob, createRxDatabase } from 'rxdb'
import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb'
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments'
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { getRxStorageSqlite, sqliteConnectionOf } from './rx-storage-sqlite'
import type { RxStorageSqlite } from './rx-storage-sqlite'

// Dev-mode validates schemas, queries and documents; it prints one notice, silenced here.
disableWarnings()
addRxPlugin(RxDBDevModePlugin)
addRxPlugin(RxDBAttachmentsPlugin)
addRxPlugin(RxDBMigrationSchemaPlugin)

interface Ticket {
  id: string
  accountId: string
  severity: number
  status: 'open' | 'waiting' | 'closed'
  subject: string
  openedAt: string
  sla: { firstResponseMinutes: number }
}

const ticketSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    accountId: { type: 'string', maxLength: 40 },
    severity: { type: 'integer', minimum: 1, maximum: 4, multipleOf: 1 },
    status: { type: 'string', enum: ['open', 'waiting', 'closed'], maxLength: 10 },
    subject: { type: 'string' },
    openedAt: { type: 'string', format: 'date-time', maxLength: 30 },
    sla: {
      type: 'object',
      properties: { firstResponseMinutes: { type: 'number' } },
      required: ['firstResponseMinutes'],
    },
  },
  required: ['id', 'accountId', 'severity', 'status', 'subject', 'openedAt', 'sla'],
  indexes: [
    ['accountId', 'openedAt'],
    ['status', 'severity'],
  ],
  attachments: {},
} as const satisfies RxJsonSchema<Ticket>

type Collections = { tickets: RxCollection<Ticket> }

async function openDatabase(storage: RxStorageSqlite, name = 'workspace-1') {
  const db: RxDatabase<Collections> = await createRxDatabase<Collections>({
    name,
    storage: wrappedValidateAjvStorage({ storage }),
    multiInstance: false,
    eventReduce: true,
  })
  await db.addCollections({ tickets: { schema: ticketSchema } })
  return db
}

const ticket = (i: number): Ticket => ({
  id: `t-${String(i).padStart(4, '0')}`,
  accountId: `acc-${i % 7}`,
  severity: (i % 4) + 1,
  status: i % 3 === 0 ? 'closed' : i % 3 === 1 ? 'open' : 'waiting',
  subject: `Ticket ${i}`,
  openedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
  sla: { firstResponseMinutes: (i * 13) % 240 },
})

describe('RxDB on the SQLite storage', () => {
  it('runs inserts, queries, updates, deletes and live queries', async () => {
    const folder = await tempDir()
    const storage = getRxStorageSqlite({ fileFor: (name) => join(folder, `${name}.sqlite`) })
    const db = await openDatabase(storage)
    const { tickets } = db

    const inserted = await tickets.bulkInsert(Array.from({ length: 200 }, (_, i) => ticket(i)))
    expect(inserted.error).toEqual([])
    await tickets.insert(ticket(200))

    const openS1 = await tickets
      .find({
        selector: { status: 'open', severity: 1 },
        sort: [{ openedAt: 'desc' }],
        limit: 5,
      })
      .exec()
    const expected = Array.from({ length: 201 }, (_, i) => ticket(i))
      .filter((t) => t.status === 'open' && t.severity === 1)
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
      .slice(0, 5)
    expect(openS1.map((doc) => doc.id)).toEqual(expected.map((t) => t.id))

    expect(await tickets.count({ selector: { accountId: 'acc-3' } }).exec()).toBe(
      Array.from({ length: 201 }, (_, i) => i).filter((i) => i % 7 === 3).length,
    )
    const slow = await tickets
      .find({
        selector: { 'sla.firstResponseMinutes': { $gt: 200 }, subject: { $regex: '^Ticket 1' } },
      })
      .exec()
    expect(slow.length).toBeGreaterThan(0)
    expect(slow.every((doc) => doc.sla.firstResponseMinutes > 200)).toBe(true)

    // A live query follows writes.
    const live = tickets.find({ selector: { accountId: 'acc-99' } }).$
    const seenTwo = firstValueFrom(live.pipe(filter((docs) => docs.length === 2)))
    await tickets.insert({ ...ticket(1000), accountId: 'acc-99' })
    await tickets.insert({ ...ticket(1001), accountId: 'acc-99' })
    expect((await seenTwo).map((doc) => doc.id)).toEqual(['t-1000', 't-1001'])

    const doc = await tickets.findOne('t-0001').exec(true)
    await doc.incrementalPatch({ status: 'closed' })
    expect((await tickets.findOne('t-0001').exec(true)).status).toBe('closed')
    await (await tickets.findOne('t-0002').exec(true)).remove()
    expect(await tickets.findOne('t-0002').exec()).toBeNull()

    // Attachments through RxDB's plugin.
    const withFile = await tickets.findOne('t-0003').exec(true)
    await withFile.putAttachment({
      id: 'log.txt',
      data: createBlob('stack trace', 'text/plain'),
      type: 'text/plain',
    })
    const attachment = (await tickets.findOne('t-0003').exec(true)).getAttachment('log.txt')
    expect(await (await attachment?.getData())?.text()).toBe('stack trace')

    // Validation runs in front of the storage: nothing invalid reaches the file.
    await expect(tickets.insert({ ...ticket(5000), severity: 9 })).rejects.toThrow()

    const connection = sqliteConnectionOf(storage, 'workspace-1')
    const tables = connection
      ?.prepare(
        `select name from sqlite_master where type = 'table' and name like 'rx_%' and name not like '%attachments' order by name`,
      )
      .pluck()
      .all()
    expect(tables).toEqual(expect.arrayContaining(['rx_tickets_v0', 'rx__rxdb_internal_v0']))
    await db.close()
    expect(sqliteConnectionOf(storage, 'workspace-1')).toBeUndefined()

    // Everything is still there after reopening, as after an app restart.
    const again = await openDatabase(
      getRxStorageSqlite({ fileFor: (name) => join(folder, `${name}.sqlite`) }),
    )
    expect(await again.tickets.count().exec()).toBe(202)
    expect((await again.tickets.findOne('t-0001').exec(true)).status).toBe('closed')
    const stored = (await again.tickets.findOne('t-0003').exec(true)).getAttachment('log.txt')
    expect(await (await stored?.getData())?.text()).toBe('stack trace')
    await again.close()

    const file = new Database(join(folder, 'workspace-1.sqlite'), { readonly: true })
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok')
    file.close()
  })

  it('pushes every document through RxDB replication, resuming from the stored checkpoint', async () => {
    const folder = await tempDir()
    const storage = getRxStorageSqlite({ fileFor: (name) => join(folder, `${name}.sqlite`) })
    const db = await openDatabase(storage)
    await db.tickets.bulkInsert(Array.from({ length: 120 }, (_, i) => ticket(i)))
    const pushed: string[] = []
    const replicate = () =>
      replicateRxCollection<Ticket, unknown>({
        collection: db.tickets,
        replicationIdentifier: 'team-server',
        live: false,
        push: {
          batchSize: 25,
          handler: (rows) => {
            pushed.push(...rows.map((row) => row.newDocumentState.id))
            return Promise.resolve([])
          },
        },
      })
    const first = replicate()
    await first.awaitInitialReplication()
    await first.cancel()
    expect(new Set(pushed).size).toBe(120)

    pushed.length = 0
    await db.tickets.insert(ticket(500))
    const second = replicate()
    await second.awaitInitialReplication()
    await second.cancel()
    expect(pushed).toEqual(['t-0500'])
    await db.close()
  })

  it('migrates a collection to a new schema version inside the same file', async () => {
    const folder = await tempDir()
    const storage = getRxStorageSqlite({ fileFor: (name) => join(folder, `${name}.sqlite`) })
    const db = await openDatabase(storage)
    await db.tickets.bulkInsert([ticket(1), ticket(2)])
    await db.close()

    const next = await createRxDatabase({
      name: 'workspace-1',
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    })
    await next.addCollections({
      tickets: {
        schema: {
          ...ticketSchema,
          version: 1,
          properties: { ...ticketSchema.properties, priority: { type: 'string' } },
        },
        migrationStrategies: { 1: (old: Ticket) => ({ ...old, priority: `P${old.severity}` }) },
      },
    })
    const migrated = await next.collections['tickets']?.findOne('t-0002').exec(true)
    expect(migrated?.get('priority')).toBe('P3')
    await next.close()
  })
})
