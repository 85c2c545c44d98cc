import Database from 'better-sqlite3'
import { join } from 'node:path'
import { now } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { getRxStorageSqlite } from './rx-storage-sqlite'
import { account, ids, openAccounts, preparedQuery, REV_2 } from './test-kit'

async function setup(documentCacheBytes?: number) {
  const folder = await tempDir()
  const storage = getRxStorageSqlite({
    fileFor: (name) => join(folder, `${name}.sqlite`),
    ...(documentCacheBytes === undefined ? {} : { documentCacheBytes }),
  })
  const instance = await openAccounts(storage)
  return { instance, file: join(folder, 'workspace.sqlite') }
}

const cacheOf = (instance: Awaited<ReturnType<typeof openAccounts>>) =>
  instance.internals.documentCache

describe('document cache', () => {
  it('hands out the parsed document again until it changes, then the new version', async () => {
    const { instance } = await setup()
    const original = account(1)
    await instance.bulkWrite([{ document: original }], 'test')
    const [first] = await instance.findDocumentsById(['acc-00001'], false)
    const [second] = (await instance.query(preparedQuery({ selector: { id: 'acc-00001' } })))
      .documents
    expect(second).toBe(first)

    const updated = { ...original, name: 'New name', _rev: REV_2, _meta: { lwt: now() } }
    await instance.bulkWrite([{ previous: original, document: updated }], 'test')
    const [third] = await instance.findDocumentsById(['acc-00001'], false)
    expect(third).toEqual(updated)
    // The replaced version left the cache rather than wasting its budget.
    expect(cacheOf(instance).size.documents).toBe(1)
    await instance.close()
  })

  it('stays within its budget, least recently used out first, and reads stay correct', async () => {
    const docs = Array.from({ length: 300 }, (_, i) => account(i))
    const budget = 40 * JSON.stringify(docs[0]).length
    const { instance } = await setup(budget)
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    )
    expect(cacheOf(instance).size.bytes).toBeLessThanOrEqual(budget)
    expect(cacheOf(instance).size.documents).toBeGreaterThan(20)
    const all = await instance.query(preparedQuery({}))
    expect(ids(all.documents)).toEqual(ids(docs))
    expect(cacheOf(instance).size.bytes).toBeLessThanOrEqual(budget)
    await instance.close()
  })

  it('notices writes by another connection (another process) and reads them', async () => {
    const { instance, file } = await setup()
    await instance.bulkWrite([{ document: account(1) }], 'test')
    expect((await instance.findDocumentsById(['acc-00001'], false))[0]?.name).toBe('Account 919')
    const other = new Database(file)
    other
      .prepare(`update rx_accounts_v0 set data = json_set(data, '$.name', 'Changed elsewhere')`)
      .run()
    other.close()
    expect((await instance.findDocumentsById(['acc-00001'], false))[0]?.name).toBe(
      'Changed elsewhere',
    )
    await instance.close()
  })

  it('can be turned off, and then parses every read afresh', async () => {
    const { instance } = await setup(0)
    await instance.bulkWrite([{ document: account(1) }], 'test')
    const [first] = await instance.findDocumentsById(['acc-00001'], false)
    const [second] = await instance.findDocumentsById(['acc-00001'], false)
    expect(second).toEqual(first)
    expect(second).not.toBe(first)
    expect(cacheOf(instance).size.documents).toBe(0)
    await instance.close()
  })

  it('never answers a row number SQLite hands out again with an old document', async () => {
    const { instance } = await setup()
    const db = instance.internals.database
    const first = account(1)
    const second = account(2)
    await instance.bulkWrite([{ document: first }, { document: second }], 'test')
    await instance.findDocumentsById(['acc-00001', 'acc-00002'], true)
    // Delete and purge the newest rows, so that SQLite reuses their seq for the next insert.
    const tombstone = { ...second, _deleted: true, _rev: REV_2, _meta: { lwt: now() - 10 } }
    await instance.bulkWrite([{ previous: second, document: tombstone }], 'test')
    const seqBefore = db.prepare('select max(seq) from rx_accounts_v0').pluck().get()
    await instance.cleanup(0)
    const third = account(3)
    await instance.bulkWrite([{ document: third }], 'test')
    const seqOfThird = db
      .prepare(`select seq from rx_accounts_v0 where id = 'acc-00003'`)
      .pluck()
      .get()
    expect(seqOfThird).toBeLessThanOrEqual(Number(seqBefore))
    expect(await instance.findDocumentsById(['acc-00003'], true)).toEqual([third])
    const everything = await instance.query(preparedQuery({}))
    expect(everything.documents).toEqual([first, third])
    await instance.close()
  })

  it('forgets purged tombstones', async () => {
    const { instance } = await setup()
    const doomed = account(2)
    await instance.bulkWrite([{ document: account(1) }, { document: doomed }], 'test')
    const tombstone = { ...doomed, _deleted: true, _rev: REV_2, _meta: { lwt: now() - 10 } }
    await instance.bulkWrite([{ previous: doomed, document: tombstone }], 'test')
    await instance.cleanup(0)
    expect(cacheOf(instance).size.documents).toBe(1)
    expect(await instance.findDocumentsById(['acc-00002'], true)).toEqual([])
    await instance.close()
  })
})
