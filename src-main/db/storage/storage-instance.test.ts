import Database from 'better-sqlite3'
import { join } from 'node:path'
import { firstValueFrom, toArray } from 'rxjs'
import { createBlob, now, stackCheckpoints } from 'rxdb'
import type {
  EventBulk,
  RxDocumentData,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
  RxStorageWriteErrorConflict,
} from 'rxdb'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { sqliteConnectionOf } from './rx-storage-sqlite'
import type { Account } from './test-kit'
import {
  account,
  accountSchema,
  ids,
  openAccounts,
  preparedQuery,
  REV_2,
  REV_3,
  REV_4,
  storageIn,
} from './test-kit'
import { TierlineError } from '@shared/ipc/errors'
import { fillWithDefaultSettings } from 'rxdb'

type Bulk = EventBulk<RxStorageChangeEvent<RxDocumentData<Account>>, RxStorageDefaultCheckpoint>

async function setup() {
  const folder = await tempDir()
  const storage = storageIn(folder)
  const instance = await openAccounts(storage)
  return { folder, storage, instance, file: join(folder, 'workspace.sqlite') }
}

describe('bulkWrite', () => {
  it('inserts documents and reads them back unchanged', async () => {
    const { instance } = await setup()
    const docs = [account(1), account(2), account(3)]
    const result = await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    )
    expect(result.error).toEqual([])
    const found = await instance.findDocumentsById(ids(docs), false)
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual(docs)
    await instance.close()
  })

  it('reports a 409 with the stored document for a stale write and still writes the other rows', async () => {
    const { instance } = await setup()
    const original = account(1)
    await instance.bulkWrite([{ document: original }], 'test')
    const updated = { ...original, name: 'Renamed', _rev: REV_2, _meta: { lwt: now() } }
    await instance.bulkWrite([{ previous: original, document: updated }], 'test')

    const stale = { ...original, name: 'Lost update', _rev: REV_3, _meta: { lwt: now() } }
    const fresh = account(2)
    const result = await instance.bulkWrite(
      [{ previous: original, document: stale }, { document: fresh }, { document: account(1) }],
      'test',
    )
    expect(result.error).toHaveLength(2)
    for (const error of result.error) {
      expect(error).toMatchObject({ status: 409, documentId: 'acc-00001', isError: true })
      const documentInDb = (error as RxStorageWriteErrorConflict<Account>).documentInDb
      expect(documentInDb).toEqual(updated)
      // Nothing of the storage's own columns leaks into the document.
      expect(Object.keys(documentInDb).sort()).toEqual(Object.keys(updated).sort())
    }
    expect(await instance.findDocumentsById(['acc-00001', 'acc-00002'], false)).toEqual(
      expect.arrayContaining([updated, fresh]),
    )
    await instance.close()
  })

  it('lets only the first of two concurrent inserts of the same id win', async () => {
    const { instance } = await setup()
    const [first, second] = await Promise.all([
      instance.bulkWrite([{ document: account(1, { name: 'first' }) }], 'test'),
      instance.bulkWrite([{ document: account(1, { name: 'second' }) }], 'test'),
    ])
    expect(first.error).toEqual([])
    expect(second.error[0]?.status).toBe(409)
    expect((await instance.findDocumentsById(['acc-00001'], false))[0]?.name).toBe('first')
    await instance.close()
  })

  it('keeps deleted documents as tombstones that only findDocumentsById(…, true) returns', async () => {
    const { instance } = await setup()
    const live = account(1)
    const doomed = account(2)
    await instance.bulkWrite([{ document: live }, { document: doomed }], 'test')
    const tombstone = { ...doomed, _deleted: true, _rev: REV_2, _meta: { lwt: now() } }
    expect(
      (await instance.bulkWrite([{ previous: doomed, document: tombstone }], 'test')).error,
    ).toEqual([])

    expect(ids(await instance.findDocumentsById(['acc-00001', 'acc-00002'], false))).toEqual([
      'acc-00001',
    ])
    expect(await instance.findDocumentsById(['acc-00002'], false)).toEqual([])
    expect(await instance.findDocumentsById(['acc-00002'], true)).toEqual([tombstone])
    expect(
      (await instance.findDocumentsById(['acc-00001', 'acc-00002', 'missing'], true)).length,
    ).toBe(2)

    // Re-inserting over a tombstone without `previous` is a conflict at the storage level…
    const again = account(2, { _rev: REV_3 })
    expect((await instance.bulkWrite([{ document: again }], 'test')).error[0]?.status).toBe(409)
    // …and an update of the tombstone (e.g. from replication) or an un-delete with it is fine.
    const edited = { ...tombstone, name: 'still deleted', _rev: REV_3, _meta: { lwt: now() } }
    expect(
      (await instance.bulkWrite([{ previous: tombstone, document: edited }], 'test')).error,
    ).toEqual([])
    const undeleted = { ...edited, _deleted: false, _rev: REV_4, _meta: { lwt: now() } }
    expect(
      (await instance.bulkWrite([{ previous: edited, document: undeleted }], 'test')).error,
    ).toEqual([])
    expect(await instance.findDocumentsById(['acc-00002'], false)).toEqual([undeleted])
    await instance.close()
  })

  it('writes and finds 10,000 documents in one call', async () => {
    const { instance } = await setup()
    const docs = Array.from({ length: 10_000 }, (_, i) => account(i))
    expect(
      (
        await instance.bulkWrite(
          docs.map((document) => ({ document })),
          'bulk',
        )
      ).error,
    ).toEqual([])
    expect(await instance.findDocumentsById(ids(docs), false)).toHaveLength(10_000)
    expect((await instance.count(preparedQuery({}))).count).toBe(10_000)
    await instance.close()
  })

  it('stores ids and values with umlauts and emoji', async () => {
    const { instance } = await setup()
    const doc = account(1, { id: 'äöü-😀', name: 'Grüße 😀' })
    await instance.bulkWrite([{ document: doc }], 'test')
    expect(await instance.findDocumentsById(['äöü-😀'], false)).toEqual([doc])
    await instance.close()
  })

  it('rolls the whole batch back and rejects with a storage error when SQLite fails', async () => {
    const { instance, storage } = await setup()
    const db = sqliteConnectionOf(storage, 'workspace')
    // A trigger standing in for a full disk or I/O error in the middle of a batch.
    db?.exec(
      `create trigger fail before insert on rx_accounts_v0 when new.id = 'acc-00003' begin select raise(abort, 'disk I/O error'); end`,
    )
    const batch = [account(1), account(2), account(3)].map((document) => ({ document }))
    const failure = await instance.bulkWrite(batch, 'test').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TierlineError)
    expect(failure).toMatchObject({
      code: 'storage',
      message: expect.stringContaining('workspace.sqlite'),
    })
    expect(await instance.findDocumentsById(['acc-00001', 'acc-00002'], true)).toEqual([])
    db?.exec('drop trigger fail')
    expect((await instance.bulkWrite(batch, 'test')).error).toEqual([])
    await instance.close()
  })
})

describe('changeStream', () => {
  it('emits one bulk per write before bulkWrite resolves, with a usable checkpoint', async () => {
    const { instance } = await setup()
    const emitted: Bulk[] = []
    const subscription = instance.changeStream().subscribe((bulk) => emitted.push(bulk))
    const first = account(1)
    await instance.bulkWrite([{ document: first }], 'ctx-insert')
    expect(emitted).toHaveLength(1)
    expect(emitted[0]).toMatchObject({
      context: 'ctx-insert',
      checkpoint: { id: 'acc-00001', lwt: first._meta.lwt },
      events: [{ operation: 'INSERT', documentId: 'acc-00001', documentData: first }],
    })

    const updated = { ...first, name: 'x', _rev: REV_2, _meta: { lwt: now() } }
    await instance.bulkWrite([{ previous: first, document: updated }], 'ctx')
    const deleted = { ...updated, _deleted: true, _rev: REV_3, _meta: { lwt: now() } }
    await instance.bulkWrite([{ previous: updated, document: deleted }], 'ctx')
    await instance.bulkWrite(
      Array.from({ length: 10 }, (_, i) => ({ document: account(100 + i) })),
      'ctx',
    )
    expect(emitted.map((bulk) => bulk.events.map((event) => event.operation))).toEqual([
      ['INSERT'],
      ['UPDATE'],
      ['DELETE'],
      Array(10).fill('INSERT'),
    ])
    expect(emitted[2]?.events[0]?.previousDocumentData).toEqual(updated)

    // Nothing is newer than the stacked checkpoints of the events.
    const checkpoint = stackCheckpoints(emitted.map((bulk) => bulk.checkpoint))
    expect((await instance.getChangedDocumentsSince(100, checkpoint)).documents).toEqual([])

    // A write that only conflicts emits nothing.
    await instance.bulkWrite([{ document: account(100) }], 'ctx')
    expect(emitted).toHaveLength(4)
    subscription.unsubscribe()
    await instance.close()
  })

  it('is shared by two instances of the same collection and completes on close', async () => {
    const { instance, storage } = await setup()
    const other = await openAccounts(storage)
    const seen = firstValueFrom(other.changeStream())
    const all = firstValueFrom(instance.changeStream().pipe(toArray()))
    await instance.bulkWrite([{ document: account(7) }], 'test')
    expect((await seen).events[0]?.documentId).toBe('acc-00007')
    await other.close()
    await instance.close()
    expect(await all).toHaveLength(1)
  })
})

describe('getChangedDocumentsSince', () => {
  it('pages through documents that share one lwt without skipping or repeating any', async () => {
    const { instance } = await setup()
    const lwt = now()
    const docs = Array.from({ length: 25 }, (_, i) => account(i, { _meta: { lwt } }))
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    )
    const later = account(99)
    await instance.bulkWrite([{ document: later }], 'test')

    const seen: string[] = []
    let checkpoint: RxStorageDefaultCheckpoint | undefined
    for (;;) {
      const page = await instance.getChangedDocumentsSince(4, checkpoint)
      if (page.documents.length === 0) {
        // The end returns the given checkpoint unchanged.
        expect(page.checkpoint).toEqual(checkpoint)
        break
      }
      seen.push(...ids(page.documents))
      checkpoint = page.checkpoint
    }
    expect(seen).toEqual([...ids(docs), 'acc-00099'])
    expect(checkpoint).toEqual({ id: 'acc-00099', lwt: later._meta.lwt })
  })

  it('returns only the latest state of a document changed many times, tombstones included', async () => {
    const { instance } = await setup()
    const empty = await instance.getChangedDocumentsSince(10)
    expect(empty).toEqual({ documents: [], checkpoint: { id: '', lwt: 0 } })
    let previous = account(1)
    await instance.bulkWrite([{ document: previous }, { document: account(2) }], 'test')
    for (let version = 2; version <= 10; version++) {
      const next = { ...previous, seats: version, _rev: `${version}-abc`, _meta: { lwt: now() } }
      await instance.bulkWrite([{ previous, document: next }], 'test')
      previous = next
    }
    const all = await instance.getChangedDocumentsSince(10)
    expect(ids(all.documents)).toEqual(['acc-00002', 'acc-00001'])
    expect(all.documents[1]?.seats).toBe(10)
    const tombstone = { ...previous, _deleted: true, _rev: '11-abc', _meta: { lwt: now() } }
    await instance.bulkWrite([{ previous, document: tombstone }], 'test')
    expect((await instance.getChangedDocumentsSince(10, all.checkpoint)).documents).toEqual([
      tombstone,
    ])
  })
})

describe('attachments', () => {
  const schema = fillWithDefaultSettings({ ...accountSchema, attachments: {} })

  it('stores, returns, replaces and removes attachment data', async () => {
    const { storage } = await setup()
    const instance = await openAccounts(storage, { collectionName: 'files', schema })
    const blob = createBlob('quarterly review notes', 'text/plain')
    const withFile = account(1, {
      _attachments: {
        notes: { data: blob, type: 'text/plain', length: blob.size, digest: 'md5-a' },
      },
    } as Partial<RxDocumentData<Account>>)
    expect((await instance.bulkWrite([{ document: withFile }], 'test')).error).toEqual([])

    const [stored] = await instance.findDocumentsById(['acc-00001'], false)
    expect(stored?._attachments).toEqual({
      notes: { type: 'text/plain', length: blob.size, digest: 'md5-a' },
    })
    const data = await instance.getAttachmentData('acc-00001', 'notes', 'md5-a')
    expect(await data.text()).toBe('quarterly review notes')
    expect(data.type).toBe('text/plain')
    await expect(
      instance.getAttachmentData('acc-00001', 'notes', 'md5-other'),
    ).rejects.toMatchObject({
      code: 'not-found',
    })

    // Replace the data and add a second attachment in one write.
    const replaced = createBlob('v2', 'text/plain')
    const second = new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'application/octet-stream' })
    const next = {
      ...stored,
      _rev: REV_2,
      _meta: { lwt: now() },
      _attachments: {
        notes: { data: replaced, type: 'text/plain', length: replaced.size, digest: 'md5-b' },
        logo: {
          data: second,
          type: 'application/octet-stream',
          length: second.size,
          digest: 'md5-c',
        },
      },
    } as RxDocumentData<Account>
    expect(
      (await instance.bulkWrite([{ previous: stored, document: next }], 'test')).error,
    ).toEqual([])
    expect(await (await instance.getAttachmentData('acc-00001', 'notes', 'md5-b')).text()).toBe(
      'v2',
    )
    const bytes = await (
      await instance.getAttachmentData('acc-00001', 'logo', 'md5-c')
    ).arrayBuffer()
    expect([...new Uint8Array(bytes)]).toEqual([...new Uint8Array(await second.arrayBuffer())])

    // A deleted document loses its attachments.
    const [current] = await instance.findDocumentsById(['acc-00001'], false)
    const deleted = {
      ...current,
      _deleted: true,
      _attachments: {},
      _rev: REV_3,
      _meta: { lwt: now() },
    } as RxDocumentData<Account>
    await instance.bulkWrite([{ previous: current, document: deleted }], 'test')
    await expect(instance.getAttachmentData('acc-00001', 'logo', 'md5-c')).rejects.toThrow(
      /does not exist/,
    )
    await instance.close()
  })

  it('reports a 510 for an attachment stub without data on insert', async () => {
    const { storage } = await setup()
    const instance = await openAccounts(storage, { collectionName: 'files', schema })
    const stub = account(1, {
      _attachments: { notes: { type: 'text/plain', length: 3, digest: 'md5-a' } },
    })
    expect((await instance.bulkWrite([{ document: stub }], 'test')).error[0]?.status).toBe(510)
    await instance.close()
  })
})

describe('cleanup', () => {
  it('purges tombstones older than the given age and keeps everything else', async () => {
    const { instance, storage } = await setup()
    const keep = account(1)
    const doomed = account(2)
    await instance.bulkWrite([{ document: keep }, { document: doomed }], 'test')
    const tombstone = { ...doomed, _deleted: true, _rev: REV_2, _meta: { lwt: now() } }
    await instance.bulkWrite([{ previous: doomed, document: tombstone }], 'test')

    expect(await instance.cleanup(60 * 60 * 1000)).toBe(true)
    expect(await instance.findDocumentsById(['acc-00002'], true)).toEqual([tombstone])

    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await instance.cleanup(0)).toBe(true)
    expect(await instance.findDocumentsById(['acc-00002'], true)).toEqual([])
    expect(await instance.findDocumentsById(['acc-00001'], true)).toEqual([keep])
    const db = sqliteConnectionOf(storage, 'workspace')
    expect(db?.prepare('select count(*) from rx_accounts_v0').pluck().get()).toBe(1)
    await instance.close()
  })
})

describe('lifecycle', () => {
  it('keeps every collection of a database in one file on one shared connection', async () => {
    const { storage, instance, file } = await setup()
    const tickets = await openAccounts(storage, { collectionName: 'tickets' })
    const db = sqliteConnectionOf(storage, 'workspace')
    expect(db?.name).toBe(file)
    expect(tickets.internals.database).toBe(db)
    expect(instance.internals.database).toBe(db)
    const tables = db
      ?.prepare(
        `select name from sqlite_master where type = 'table' and name like 'rx_%' and name not like '%attachments' order by name`,
      )
      .pluck()
      .all()
    expect(tables).toEqual(['rx_accounts_v0', 'rx_tickets_v0'])
    expect(db?.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db?.pragma('synchronous', { simple: true })).toBe(1)
    expect(db?.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db?.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000)

    await instance.close()
    expect(sqliteConnectionOf(storage, 'workspace')?.open).toBe(true)
    await tickets.close()
    // Closed with the last collection.
    expect(sqliteConnectionOf(storage, 'workspace')).toBeUndefined()
    expect(db?.open).toBe(false)
  })

  it('accepts every collection name RxDB allows, as a quoted table name', async () => {
    const { storage, instance } = await setup()
    const odd = await openAccounts(storage, { collectionName: 'ticket-notes$2_x' })
    await odd.bulkWrite([{ document: account(1) }], 'test')
    const found = await odd.query(preparedQuery({ selector: { tier: { $eq: 'standard' } } }))
    expect(ids(found.documents)).toEqual(['acc-00001'])
    await odd.remove()
    await instance.close()
  })

  it('keeps the data across close and reopen', async () => {
    const { storage, instance, folder } = await setup()
    await instance.bulkWrite([{ document: account(1) }, { document: account(2) }], 'test')
    await instance.close()
    // A fresh storage object, as after an app restart.
    const reopened = await openAccounts(storageIn(folder))
    expect(ids(await reopened.findDocumentsById(['acc-00001', 'acc-00002'], false)).sort()).toEqual(
      ['acc-00001', 'acc-00002'],
    )
    expect(
      (await reopened.query(preparedQuery({ selector: { tier: 'enterprise' } }))).documents,
    ).toHaveLength(0)
    expect(
      (await reopened.query(preparedQuery({ selector: { tier: 'standard' } }))).documents,
    ).toHaveLength(1)
    await reopened.close()
    expect(sqliteConnectionOf(storage, 'workspace')).toBeUndefined()
  })

  it('rejects calls after close with a storage error', async () => {
    const { instance } = await setup()
    await instance.close()
    await instance.close()
    await expect(instance.findDocumentsById(['x'], false)).rejects.toMatchObject({
      code: 'storage',
    })
    await expect(instance.bulkWrite([{ document: account(1) }], 'test')).rejects.toBeInstanceOf(
      TierlineError,
    )
  })

  it('remove() drops only its own collection, and the collection starts empty again', async () => {
    const { storage, instance, file } = await setup()
    const tickets = await openAccounts(storage, { collectionName: 'tickets' })
    await instance.bulkWrite([{ document: account(1) }], 'test')
    await tickets.bulkWrite([{ document: account(2) }], 'test')
    await instance.remove()
    const db = new Database(file, { readonly: true })
    const tables = db
      .prepare(`select name from sqlite_master where name like 'rx_accounts%'`)
      .pluck()
      .all()
    db.close()
    expect(tables).toEqual([])
    expect(await tickets.findDocumentsById(['acc-00002'], false)).toHaveLength(1)
    const again = await openAccounts(storage)
    expect(await again.findDocumentsById(['acc-00001'], true)).toEqual([])
    await again.close()
    await tickets.close()
  })

  it('rebuilds the key columns when a schema changes its indexes without a version bump', async () => {
    const { instance, folder } = await setup()
    await instance.bulkWrite(
      Array.from({ length: 30 }, (_, i) => ({ document: account(i) })),
      'test',
    )
    await instance.close()
    const changed = fillWithDefaultSettings({
      ...accountSchema,
      indexes: [['seats'], ['tier', 'name']],
    })
    const reopened = await openAccounts(storageIn(folder), { schema: changed })
    const query = preparedQuery(
      { selector: { _deleted: { $eq: false }, seats: { $gte: 300 } }, sort: [{ seats: 'asc' }] },
      changed,
    )
    expect(query.queryPlan.index).toEqual(['_deleted', 'seats', 'id'])
    const { documents } = await reopened.query(query)
    const expected = Array.from({ length: 30 }, (_, i) => account(i)).filter((d) => d.seats >= 300)
    expect(documents.map((d) => d.seats)).toEqual(
      expected.map((d) => d.seats).sort((a, b) => a - b),
    )
    await reopened.close()
  })

  it('refuses keyCompression and encryption it cannot honour, as RxDB requires', async () => {
    const { storage, instance } = await setup()
    await instance.close()
    await expect(
      openAccounts(storage, { schema: { ...accountSchema, keyCompression: true } }),
    ).rejects.toThrow(/UT5/)
    await expect(
      openAccounts(storage, { schema: { ...accountSchema, encrypted: ['name'] } }),
    ).rejects.toThrow(/UT6/)
    // The failed opens did not leave the connection open.
    expect(sqliteConnectionOf(storage, 'workspace')).toBeUndefined()
  })
})
