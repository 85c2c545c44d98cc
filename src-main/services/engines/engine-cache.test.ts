import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TierlineError } from '@shared/ipc/errors'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { loadDemoBook } from '../../db/demo-loader'
import { openWorkspaceStore, type WorkspaceStore } from '../../db/workspace-store'
import { createEngineCache, keyOf, type EngineCache } from './engine-cache'

// One process holds one workspace database at a time (RxDB closes a duplicate name), exactly
// like the app: a switch closes the open workspace and opens another.
let folder: string
let store: WorkspaceStore

const open = (name: string) =>
  openWorkspaceStore({
    file: join(folder, `${name}.sqlite`),
    log: recordingLogger(),
    onChange: () => undefined,
  })

async function switchTo(name: string, accounts?: number): Promise<void> {
  await store.close()
  store = await open(name)
  if (accounts !== undefined) {
    await loadDemoBook(store.rx(), { accounts, tickets: accounts * 8 })
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-engine-cache-'))
  store = await open('first')
  await loadDemoBook(store.rx(), { accounts: 24, tickets: 200 })
}, 60_000)

afterAll(async () => {
  await store.close()
  await rm(folder, { recursive: true, force: true })
})

const cacheOn = (now: () => number = Date.now): EngineCache =>
  createEngineCache({ database: async () => store.rx(), now })

/** A computation that counts its runs and finishes when told to. */
function counted<T>(value: () => Promise<T>) {
  let runs = 0
  return {
    runs: () => runs,
    compute: async () => {
      runs++
      return value()
    },
  }
}

describe('engine cache', () => {
  it('loads the inputs engines need from the database, once until they change', async () => {
    const cache = cacheOn()
    const rx = store.rx()
    const stored = await rx.accounts.find().exec()
    const accounts = await cache.inputs.accounts()
    expect(accounts.all.map((a) => a.id).sort()).toEqual(stored.map((doc) => doc.id).sort())
    expect(await cache.inputs.accounts()).toBe(accounts)

    const versions = await cache.inputs.tierVersions()
    expect([...versions.keys()].sort()).toEqual(
      (await rx.tiers.find().exec()).map((doc) => doc.id).sort(),
    )
    const calendars = await cache.inputs.calendars()
    for (const account of accounts.all) expect(calendars.has(account.calendarId)).toBe(true)
    expect((await cache.inputs.settings()).id).toBe(WORKSPACE_SETTINGS_ID)

    const tickets = await cache.inputs.tickets()
    expect(tickets.all.length).toBe(await rx.tickets.count().exec())
    const [someAccount] = tickets.byAccount.keys()
    if (someAccount === undefined) throw new Error('the demo book has no tickets')
    const own = await cache.inputs.ticketsOf(someAccount)
    expect(own.map((t) => t.id).sort()).toEqual(
      (tickets.byAccount.get(someAccount) ?? []).map((t) => t.id).sort(),
    )
    expect(own.every((t) => t.accountId === someAccount)).toBe(true)
    cache.dispose()
  })

  it('drops a result when a collection it depends on changes, and only then', async () => {
    const cache = cacheOn()
    const rx = store.rx()
    const before = await cache.inputs.accounts()
    const ticketsBefore = await cache.inputs.tickets()
    const target = before.all[0]
    if (target === undefined) throw new Error('no accounts')
    const doc = await rx.accounts.findOne(target.id).exec()
    await doc?.incrementalPatch({ seats: target.seats + 7 })

    const after = await cache.inputs.accounts()
    expect(after).not.toBe(before)
    expect(after.byId.get(target.id)?.seats).toBe(target.seats + 7)
    // Tickets did not change: still the same loaded book.
    expect(await cache.inputs.tickets()).toBe(ticketsBefore)
    cache.dispose()
  })

  it('shares one computation among concurrent callers', async () => {
    const cache = cacheOn()
    const work = counted(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      return { answer: 42 }
    })
    const request = { engine: 'test.shared', key: 'k', dependsOn: ['tickets'] as const }
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => cache.get({ ...request, compute: work.compute })),
    )
    expect(work.runs()).toBe(1)
    expect(new Set(results).size).toBe(1)
    await cache.get({ ...request, compute: work.compute })
    expect(work.runs()).toBe(1)
    // A different key is a different computation.
    await cache.get({ ...request, key: 'other', compute: work.compute })
    expect(work.runs()).toBe(2)
    cache.dispose()
  })

  it('hands a result whose input changed mid-computation to its callers but does not keep it', async () => {
    const cache = cacheOn()
    const rx = store.rx()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const work = counted(async () => {
      const count = await rx.accounts.count({ selector: { archived: false } }).exec()
      await gate
      return count
    })
    const request = { engine: 'test.race', key: 'k', dependsOn: ['accounts'] as const }
    const pending = cache.get({ ...request, compute: work.compute })
    await new Promise((resolve) => setTimeout(resolve, 10))
    const account = (await rx.accounts.find({ selector: { archived: false } }).exec())[0]
    await account?.incrementalPatch({ archived: true })
    release()
    const stale = await pending
    const fresh = await cache.get({ ...request, compute: work.compute })
    expect(work.runs()).toBe(2)
    expect(fresh).toBe(stale - 1)
    await account?.incrementalPatch({ archived: false })
    cache.dispose()
  })

  it('never caches a failure', async () => {
    const cache = cacheOn()
    let fail = true
    const work = counted(async () => {
      if (fail) throw new TierlineError('internal', 'boom')
      return 'ok'
    })
    const request = { engine: 'test.fail', key: 'k', dependsOn: [] }
    await expect(cache.get({ ...request, compute: work.compute })).rejects.toThrow('boom')
    fail = false
    expect(await cache.get({ ...request, compute: work.compute })).toBe('ok')
    expect(work.runs()).toBe(2)
    cache.dispose()
  })

  it('recomputes a time-dependent result once it stops holding', async () => {
    let clock = 1_000
    const cache = cacheOn(() => clock)
    const work = counted(async () => ({ at: clock }))
    const request = {
      engine: 'test.ttl',
      key: 'k',
      dependsOn: [],
      compute: work.compute,
      validUntil: (value: { at: number }) => value.at + 500,
    }
    await cache.get(request)
    clock = 1_499
    await cache.get(request)
    expect(work.runs()).toBe(1)
    clock = 1_500
    expect((await cache.get(request)).at).toBe(1_500)
    expect(work.runs()).toBe(2)
    cache.dispose()
  })

  it('drops everything when another workspace opens', async () => {
    const cache = cacheOn()
    const inFirst = await cache.inputs.accounts()
    expect(inFirst.all.length).toBe(await store.rx().accounts.count().exec())
    try {
      await switchTo('second', 9)
      const inSecond = await cache.inputs.accounts()
      expect(inSecond.all.length).toBe(await store.rx().accounts.count().exec())
      expect(inSecond.all.map((a) => a.id)).not.toEqual(inFirst.all.map((a) => a.id))
    } finally {
      await switchTo('first')
    }
    // And back: the first workspace's accounts again, read afresh.
    const again = await cache.inputs.accounts()
    expect(again).not.toBe(inFirst)
    expect(again.all.map((a) => a.id)).toEqual(inFirst.all.map((a) => a.id))
    cache.dispose()
  })

  it('keeps at most maxEntries results, dropping the least recently used', async () => {
    const cache = createEngineCache({ database: async () => store.rx(), maxEntries: 2 })
    const work = counted(async () => 1)
    const get = (key: string) =>
      cache.get({ engine: 'test.lru', key, dependsOn: [], compute: work.compute })
    await get('a')
    await get('b')
    await get('a')
    await get('c') // evicts b, the least recently used
    await get('a')
    expect(work.runs()).toBe(3)
    await get('b')
    expect(work.runs()).toBe(4)
    cache.dispose()
  })

  it('reports a workspace without settings as a typed error', async () => {
    await switchTo('empty')
    try {
      const cache = cacheOn()
      const failure = await cache.inputs.settings().catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(TierlineError)
      expect((failure as TierlineError).code).toBe('not-found')
      expect((await cache.inputs.accounts()).all).toEqual([])
      cache.dispose()
    } finally {
      await switchTo('first')
    }
  })
})

describe('keyOf', () => {
  it('gives the same key whatever the order of object keys, and differs on values', () => {
    expect(keyOf({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(keyOf({ b: { d: [1, 2], c: 2 }, a: 1 }))
    expect(keyOf({ a: 1 })).not.toBe(keyOf({ a: 2 }))
    expect(keyOf({ list: [1, 2] })).not.toBe(keyOf({ list: [2, 1] }))
  })
})
