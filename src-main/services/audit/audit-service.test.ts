import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import { newId } from '@shared/model/ids'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createAuditService } from './audit-service'
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
let audit: ReturnType<typeof createAuditService>
let accounts: Account[]
let versions: Map<string, Tier>

beforeAll(async () => {
  workspace = await openDemoWorkspace('audit', { accounts: 40, tickets: 800 })
  store = workspace.store
  accounts = await storedAccounts(store.rx())
  versions = await tierVersionsById(store.rx())
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  audit = createAuditService(engines, createAccountData(engines), () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

describe('audit.drift', () => {
  it('lists every account on an older version or with custom terms, with the differences', async () => {
    const list = await audit.drift({ tierIds: [], months: 12 })
    const catalogue = currentTierVersions([...versions.values()], DEFAULT_AS_OF.slice(0, 10))
    const live = accounts.filter((a) => !a.archived)
    expect(list.accountsChecked).toBe(live.length)
    const rows = new Map(list.rows.map((row) => [row.accountId, row]))
    let olderVersions = 0
    for (const account of live) {
      const current = catalogue.find((tier) => tier.tierId === account.tierId)
      const row = rows.get(account.id)
      if (current !== undefined && current.id !== account.tierVersionId) {
        olderVersions++
        expect(row?.counts.version, account.id).toBeGreaterThan(0)
        expect(row?.currentVersion).toBe(current.version)
        expect(row?.signedVersion).toBe(versions.get(account.tierVersionId)?.version)
      } else {
        expect(row?.counts.version ?? 0).toBe(0)
      }
      expect(row?.counts['custom-term'] ?? 0).toBe(account.customTerms.length)
      for (const difference of row?.differences ?? []) {
        if (difference.kind !== 'custom-term') continue
        const term = account.customTerms.find((t) => t.id === difference.termId)
        expect(difference.agreed).toEqual(term?.value)
      }
    }
    // The demo book has accounts still on older versions: the audit must find them.
    expect(olderVersions).toBeGreaterThan(0)
    const counts = list.rows.map((row) => row.differences.length)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })

  it('shows a new custom term as drift once it is stored', async () => {
    const target = accounts.find((a) => !a.archived && a.customTerms.length === 0)
    if (target === undefined) throw new Error('no account without custom terms')
    const doc = await store.rx().accounts.findOne(target.id).exec()
    await doc?.incrementalPatch({
      customTerms: [
        {
          id: newId(),
          field: 'sla.S1.firstResponse.minutes',
          value: 20,
          note: 'Faster S1 response agreed for the launch.',
          agreedOn: '2026-10-01',
        },
      ],
    })
    const after = await audit.drift({ tierIds: [], months: 12 })
    const row = after.rows.find((r) => r.accountId === target.id)
    const signed = versions.get(target.tierVersionId)
    expect(row?.differences.find((d) => d.kind === 'custom-term')?.reason).toBe(
      `sla.S1.firstResponse.minutes: agreed 20 instead of ${String(signed?.definition.sla.S1.firstResponse?.minutes ?? 'nothing')}`,
    )
  })

  it('filters by tier and refuses bad input', async () => {
    const tierId = accounts[0]?.tierId ?? ''
    const list = await audit.drift({ tierIds: [tierId], months: 12 })
    expect(list.rows.every((row) => row.tierId === tierId)).toBe(true)
    expect(contract['audit.drift'].input.safeParse({ months: 0 }).success).toBe(false)
    expect(contract['audit.drift'].input.parse(undefined)).toEqual({ tierIds: [], months: 12 })
  })
})
