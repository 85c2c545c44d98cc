import fc from 'fast-check'
import { now, randomToken } from 'rxdb'
import type {
  MangoQuerySelector,
  MangoQuerySortPart,
  RxDocumentData,
  RxStorageInstance,
} from 'rxdb'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeIndexString } from './index-keys'
import type { RxStorageInstanceSqlite } from './storage-instance'
import type { Account } from './test-kit'
import {
  account,
  accountSchema,
  ids,
  openAccounts,
  preparedQuery,
  REV_2,
  storageIn,
} from './test-kit'
import { getRxStorageSqlite } from './rx-storage-sqlite'

type Query = Parameters<typeof preparedQuery>[0]

const DOCS = 600

/**
 * The same documents in our storage and in RxDB's memory storage (the reference), so every
 * query can be checked against what RxDB itself returns, order included.
 */
let sqlite: RxStorageInstanceSqlite<Account>
let memory: RxStorageInstance<Account, unknown, unknown>
// Shared by every test of the file, so created here rather than with tempDir() (per test).
let folder: string

function dataset(): RxDocumentData<Account>[] {
  const docs = Array.from({ length: DOCS }, (_, i) => account(i))
  // Names that sort at the edges: emoji (above U+FFFF), tabs (below space), empty.
  docs[5] = account(5, { name: '😀 Smiles Ltd' })
  docs[6] = account(6, { name: '\tTabbed' })
  docs[7] = account(7, { name: '' })
  docs[8] = account(8, { name: 'Ünïcødé GmbH', owner: { id: 'csm-3', name: 'CSM 3' } })
  return docs
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-query-'))
  const writer = await openAccounts(storageIn(folder))
  memory = await getRxStorageMemory().createStorageInstance<Account>({
    databaseInstanceToken: 'ref',
    databaseName: `ref-${randomToken(8)}`,
    collectionName: 'accounts',
    schema: accountSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  })
  const docs = dataset()
  for (const instance of [writer, memory]) {
    const result = await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'seed',
    )
    expect(result.error).toEqual([])
  }
  // Every tenth document is deleted, in both.
  const lwt = now()
  const deletes = docs
    .filter((_, i) => i % 10 === 9)
    .map((previous) => ({
      previous,
      document: { ...previous, _deleted: true, _rev: REV_2, _meta: { lwt } },
    }))
  for (const instance of [writer, memory]) {
    expect((await instance.bulkWrite(deletes, 'delete')).error).toEqual([])
  }
  await writer.close()
})

afterAll(async () => {
  await memory.remove()
  await rm(folder, { recursive: true, force: true })
})

/**
 * Every read path runs three ways: with the document cache holding everything, starting
 * empty (documents parsed and cached as queries go), and turned off.
 */
const modes = {
  'warm cache': { documentCacheBytes: undefined, warm: true },
  'cold cache': { documentCacheBytes: undefined, warm: false },
  'no cache': { documentCacheBytes: 0, warm: false },
} as const

function openIn(mode: keyof typeof modes) {
  const { documentCacheBytes } = modes[mode]
  return openAccounts(
    getRxStorageSqlite({
      fileFor: (name) => join(folder, `${name}.sqlite`),
      ...(documentCacheBytes === undefined ? {} : { documentCacheBytes }),
    }),
  )
}

async function both(query: Query) {
  const prepared = preparedQuery(query)
  const [ours, reference] = await Promise.all([sqlite.query(prepared), memory.query(prepared)])
  const [ourCount, referenceCount] = await Promise.all([
    sqlite.count(prepared),
    memory.count(prepared),
  ])
  // The memory storage counts as if there were no skip or limit; the RxStorageInstance
  // interface says count() must equal query().documents.length, which ours does.
  const { skip, limit = Infinity } = prepared.query
  return {
    ours: ids(ours.documents),
    reference: ids(reference.documents),
    ourCount: ourCount.count,
    referenceCount: Math.max(0, Math.min(referenceCount.count - skip, limit)),
    plan: prepared.queryPlan,
  }
}

const live = { _deleted: { $eq: false } } as const

const cases: Record<string, Query> = {
  'everything, by primary key': {},
  'live documents by tier, sorted by ARR (index order)': {
    selector: { ...live, tier: { $eq: 'premium' } },
    sort: [{ arr: 'asc' }],
  },
  'an ARR range within a tier': {
    selector: { ...live, tier: { $eq: 'standard' }, arr: { $gte: 100_000, $lt: 300_000 } },
    sort: [{ arr: 'asc' }],
  },
  'descending sort on an indexed field': {
    selector: { ...live, tier: { $eq: 'enterprise' } },
    sort: [{ arr: 'desc' }],
    limit: 15,
  },
  'descending along an index, stopping inside a group of equal values': {
    selector: { ...live, renewalDate: { $lte: '2026-09-01' } },
    sort: [{ renewalDate: 'desc' }],
    skip: 3,
    limit: 10,
  },
  'descending on every sort field, primary key included': {
    selector: { ...live, tier: { $eq: 'community' } },
    sort: [{ arr: 'desc' }, { id: 'desc' }],
    limit: 12,
  },
  'sort on a field without an index, with skip and limit': {
    selector: live,
    sort: [{ seats: 'desc' }, { name: 'asc' }],
    skip: 20,
    limit: 25,
  },
  $or: {
    selector: {
      ...live,
      $or: [{ tier: 'community', seats: { $gt: 400 } }, { arr: { $lt: 5000 } }],
    },
    sort: [{ renewalDate: 'asc' }],
  },
  $in: {
    selector: { ...live, tier: { $in: ['premium', 'community'] }, seats: { $in: [0, 31, 62, 93] } },
  },
  '$in on the primary key': {
    selector: { id: { $in: ['acc-00003', 'acc-00009', 'acc-00500', 'x'] } },
  },
  $regex: { selector: { ...live, name: { $regex: '^Account 1[0-9]$' } }, sort: [{ name: 'asc' }] },
  'nested field through its index': {
    selector: { ...live, 'owner.id': { $eq: 'csm-3' }, name: { $gt: 'Account 5' } },
    sort: [{ 'owner.id': 'asc' }, { name: 'asc' }],
  },
  'nested field without an index': { selector: { 'owner.name': { $eq: 'CSM 2' } }, limit: 7 },
  'array element and $exists': {
    selector: { ...live, tags: { $elemMatch: { $eq: 'emea' } }, health: { $exists: false } },
    sort: [{ seats: 'asc' }],
  },
  'emoji, tab and empty names at the edges of a string range': {
    selector: { ...live, 'owner.id': { $gte: 'csm-0' } },
    sort: [{ 'owner.id': 'asc' }, { name: 'asc' }],
  },
  'names above every ASCII letter': {
    selector: { ...live, name: { $gt: 'Z' } },
    sort: [{ name: 'asc' }],
  },
  'deleted documents only': { selector: { _deleted: { $eq: true } }, sort: [{ id: 'desc' }] },
  'skip past the end': { selector: live, skip: 10_000, limit: 5 },
  'limit 0': { selector: live, limit: 0 },
  'a date range with a limit': {
    selector: { ...live, renewalDate: { $gt: '2026-03-15', $lte: '2026-06-01' } },
    sort: [{ renewalDate: 'asc' }],
    limit: 30,
  },
  'a forced index outside the query': {
    selector: { ...live, seats: { $lt: 50 } },
    index: ['_deleted', 'renewalDate', 'id'],
  },
}

describe.each(Object.keys(modes) as (keyof typeof modes)[])(
  'query and count against RxDB memory storage as reference (%s)',
  (mode) => {
    beforeAll(async () => {
      sqlite = await openIn(mode)
      if (modes[mode].warm) await sqlite.query(preparedQuery({}))
    })
    afterAll(() => sqlite.close())

    for (const [name, query] of Object.entries(cases)) {
      it(name, async () => {
        const result = await both(query)
        expect(result.ours).toEqual(result.reference)
        expect(result.ourCount).toBe(result.referenceCount)
      })
    }

    it('finds what the cases claim, not just what the reference finds', async () => {
      const premium = await both(cases['live documents by tier, sorted by ARR (index order)'] ?? {})
      expect(premium.plan.sortSatisfiedByIndex && premium.plan.selectorSatisfiedByIndex).toBe(true)
      expect(premium.ours.length).toBeGreaterThan(100)
      const edges = await both(cases['names above every ASCII letter'] ?? {})
      expect(edges.ours).toEqual(['acc-00008', 'acc-00005'])
      const deleted = await both(cases['deleted documents only'] ?? {})
      expect(deleted.ours).toHaveLength(DOCS / 10)
      expect((await both(cases['skip past the end'] ?? {})).ours).toEqual([])
      expect((await both(cases['limit 0'] ?? {})).ours).toEqual([])
      const regex = await both(cases.$regex ?? {})
      expect(regex.ours.length).toBeGreaterThan(0)
    })

    it('counts with skip and limit like query() returns', async () => {
      const prepared = preparedQuery({
        selector: { ...live, tier: { $eq: 'premium' } },
        skip: 100,
        limit: 20,
      })
      expect((await sqlite.count(prepared)).count).toBe(
        (await sqlite.query(prepared)).documents.length,
      )
    })

    it('agrees on random queries', async () => {
      const fields = ['tier', 'arr', 'seats', 'renewalDate', 'name', 'owner.id'] as const
      const value = {
        tier: fc.constantFrom('community', 'standard', 'premium', 'enterprise'),
        arr: fc.integer({ min: -1000, max: 600_000 }),
        seats: fc.integer({ min: 0, max: 800 }),
        renewalDate: fc.constantFrom('2026-01', '2026-04-10', '2026-07-3', '2027'),
        name: fc.constantFrom('', 'Account 3', 'Account 9', 'Z', '😀'),
        'owner.id': fc.constantFrom('csm-0', 'csm-2', 'csm-4', 'csm-9'),
      }
      const condition = fc.oneof(
        ...fields.map((field) =>
          fc.record({
            field: fc.constant(field),
            op: fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte', '$ne', '$in'),
            value: value[field] as fc.Arbitrary<string | number>,
          }),
        ),
      )
      const query = fc.record({
        conditions: fc.array(condition, { maxLength: 3 }),
        sort: fc.array(
          fc.record({ field: fc.constantFrom(...fields), dir: fc.constantFrom('asc', 'desc') }),
          { maxLength: 2 },
        ),
        deleted: fc.constantFrom(false, true, undefined),
        skip: fc.constantFrom(0, 0, 3, 50),
        limit: fc.constantFrom(undefined, 1, 10, 100),
      })
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const selector: Record<string, unknown> = {}
          if (q.deleted !== undefined) selector['_deleted'] = { $eq: q.deleted }
          for (const c of q.conditions) {
            const operand = c.op === '$in' ? [c.value] : c.value
            selector[c.field] = { ...(selector[c.field] as object), [c.op]: operand }
          }
          const sort: MangoQuerySortPart<RxDocumentData<Account>>[] = []
          for (const part of q.sort) {
            if (!sort.some((s) => part.field in s)) sort.push({ [part.field]: part.dir })
          }
          const result = await both({
            selector: selector as MangoQuerySelector<RxDocumentData<Account>>,
            sort,
            skip: q.skip,
            ...(q.limit === undefined ? {} : { limit: q.limit }),
          })
          expect(result.ours).toEqual(result.reference)
          expect(result.ourCount).toBe(result.referenceCount)
        }),
        { numRuns: 300, seed: 4 },
      )
    })
  },
)

describe('index key encoding', () => {
  it('orders like JavaScript strings, including characters above U+FFFF', () => {
    const values = [
      ...[
        '',
        '\u0000',
        '\t',
        ' x',
        'A',
        'a',
        'é',
        '\u07FF',
        '\u0800',
        '\uD7FF',
        '\uE000',
        '\uFFFF',
      ],
      ...['😀', '\uDBFF\uDFFF', '\uD800', 'a\uDC00b', 'Zz', 'ab', 'a\uFFFFz', 'a😀z'],
    ]
    const byJs = [...values].sort()
    const byBytes = [...values].sort((a, b) =>
      Buffer.compare(encodeIndexString(a), encodeIndexString(b)),
    )
    expect(byBytes).toEqual(byJs)
  })

  it("drops the primary key's padding at the end of a key, and nothing else", () => {
    expect(encodeIndexString('0premium     000042acc-1      ')).toEqual(
      Buffer.from('0premium     000042acc-1'),
    )
    expect(encodeIndexString('tab\t')).toEqual(Buffer.from('tab\t'))
  })
})
