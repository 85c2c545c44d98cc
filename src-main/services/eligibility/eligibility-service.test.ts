import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEligibilityRules } from '@shared/engines'
import { contract } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import { newId } from '@shared/model/ids'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createEligibilityService } from './eligibility-service'
import {
  openDemoWorkspace,
  type DemoWorkspace,
  storedAccounts,
  tierVersionsById,
} from '../testing/demo-workspace'

const NOW = Date.parse(DEFAULT_AS_OF)

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let eligibility: ReturnType<typeof createEligibilityService>
let accounts: Account[]
let versions: Map<string, Tier>

beforeAll(async () => {
  workspace = await openDemoWorkspace('eligibility', { accounts: 40, tickets: 1600 })
  store = workspace.store
  accounts = await storedAccounts(store.rx())
  versions = await tierVersionsById(store.rx())
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  eligibility = createEligibilityService(engines, createAccountData(engines), () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const collectionOf = {
  tickets: 'tickets',
  usageSnapshots: 'usageSnapshots',
  ledgerEntries: 'ledgerEntries',
  activities: 'activities',
  accounts: 'accounts',
} as const

describe('eligibility.list', () => {
  it('lists accounts with signals, largest ARR first, each citing documents the database holds', async () => {
    const list = await eligibility.list({ tierIds: [], kinds: [] })
    expect(list.accountsChecked).toBe(accounts.filter((a) => !a.archived).length)
    expect(list.rows.length).toBeGreaterThan(0)
    const arr = list.rows.map((row) => row.arrReportingMinor)
    expect(arr).toEqual([...arr].sort((a, b) => b - a))
    const rx = store.rx()
    for (const row of list.rows) {
      const account = accounts.find((a) => a.id === row.accountId)
      expect(account?.tierId).toBe(row.tierId)
      for (const signal of row.signals) {
        expect(signal.id).toBe(`${row.accountId}:${signal.kind}`)
        for (const ref of signal.evidence) {
          const doc = await rx[collectionOf[ref.collection]].findOne(ref.id).exec()
          expect(doc, `${ref.collection} ${ref.id}`).not.toBeNull()
          if (ref.collection !== 'accounts') expect(doc?.get('accountId')).toBe(row.accountId)
        }
        // A target is always a higher-ranked tier of the catalogue.
        if (signal.target !== null) {
          const signed = versions.get(account?.tierVersionId ?? '')
          expect(signal.target.rank).toBeGreaterThan(signed?.rank ?? 99)
        }
      }
    }
  })

  it('filters by tier and kind', async () => {
    const list = await eligibility.list({ tierIds: [], kinds: ['arr-band'] })
    for (const row of list.rows) expect(row.signals.map((s) => s.kind)).toEqual(['arr-band'])
    const tierId = accounts[0]?.tierId ?? ''
    const byTier = await eligibility.list({ tierIds: [tierId], kinds: [] })
    expect(byTier.rows.every((row) => row.tierId === tierId)).toBe(true)
  })

  it('raises a seat-overage signal once the stored usage goes over the tier limit', async () => {
    const catalogue = currentTierVersions([...versions.values()], DEFAULT_AS_OF.slice(0, 10))
    const standard = catalogue.find((tier) => tier.key === 'standard')
    const premium = catalogue.find((tier) => tier.key === 'premium')
    const account = accounts.find((a) => !a.archived && a.tierId === standard?.tierId)
    if (account === undefined || standard === undefined) throw new Error('no Standard account')
    const limit = defaultEligibilityRules.standard?.maxSeats ?? 0
    const before = await eligibility.list({ accountId: account.id, tierIds: [], kinds: [] })
    expect(before.rows.flatMap((r) => r.signals.map((s) => s.kind))).not.toContain('seat-overage')
    // The latest three months known at NOW: seats far above the limit and the contract.
    const snapshots = await store
      .rx()
      .usageSnapshots.find({
        selector: { accountId: account.id, capturedAt: { $lte: DEFAULT_AS_OF } },
        sort: [{ accountId: 'asc' }, { month: 'desc' }],
        limit: 3,
      })
      .exec()
    for (const doc of snapshots) await doc.incrementalPatch({ seatsUsed: limit + 100 })
    const after = await eligibility.list({ accountId: account.id, tierIds: [], kinds: [] })
    const signal = after.rows[0]?.signals.find((s) => s.kind === 'seat-overage')
    expect(signal?.reasons[0]).toBe(`${limit + 100} seats in use; Standard fits up to ${limit}`)
    expect(signal?.target?.tierId).toBe(premium?.tierId)
    expect(signal?.evidence.map((e) => e.id).sort()).toEqual(snapshots.map((d) => d.id).sort())
  })

  it('refuses bad input and unknown accounts', async () => {
    expect(contract['eligibility.list'].input.safeParse({ kinds: ['nope'] }).success).toBe(false)
    expect(contract['eligibility.list'].input.parse(undefined)).toEqual({ tierIds: [], kinds: [] })
    await expect(
      eligibility.list({ accountId: newId(), tierIds: [], kinds: [] }),
    ).rejects.toMatchObject({ code: 'not-found' })
  })
})
