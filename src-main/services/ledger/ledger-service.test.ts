import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import { newId } from '@shared/model/ids'
import type { LedgerEntry } from '@shared/model/ledger'
import type { Tier } from '@shared/model/tier'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createLedgerService } from './ledger-service'
import {
  openDemoWorkspace,
  type DemoWorkspace,
  storedAccounts,
  tierVersionsById,
} from '../testing/demo-workspace'

// Mid-month, so the current month has begun and the previous one is complete.
const NOW = Date.parse(DEFAULT_AS_OF) - 16 * 86_400_000

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let ledger: ReturnType<typeof createLedgerService>
let withTam: { account: Account; tier: Tier }

beforeAll(async () => {
  workspace = await openDemoWorkspace('ledger', { accounts: 30, tickets: 300 })
  store = workspace.store
  const accounts = await storedAccounts(store.rx())
  const versions = await tierVersionsById(store.rx())
  const found = accounts
    .map((account) => ({ account, tier: versions.get(account.tierVersionId) }))
    .find(
      (a): a is { account: Account; tier: Tier } =>
        a.tier !== undefined &&
        a.tier.definition.entitlements.tamHoursPerMonth > 0 &&
        a.account.customTerms.length === 0 &&
        a.account.contractStart < '2026-09-01',
    )
  if (found === undefined) throw new Error('no account with TAM hours in the demo book')
  withTam = found
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  ledger = createLedgerService(engines, createAccountData(engines), () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const entriesOf = async (accountId: string) =>
  (await store.rx().ledgerEntries.find({ selector: { accountId } }).exec()).map(
    (d) => d.toJSON() as LedgerEntry,
  )

describe('ledger.forAccount', () => {
  it('sums the entries the database holds for each month against the signed version', async () => {
    const { account, tier } = withTam
    const view = await ledger.forAccount({ accountId: account.id, months: 12 })
    expect(view.tierVersionId).toBe(account.tierVersionId)
    const entries = await entriesOf(account.id)
    const tam = view.lines.filter((l) => l.item === 'tamHours')
    expect(tam.at(-1)?.period.label).toBe('2026-10')
    for (const line of tam) {
      const inMonth = entries.filter(
        (e) => e.entitlement === 'tamHours' && e.period === line.period.label,
      )
      const consumed = inMonth.filter((e) => e.kind !== 'grant').reduce((s, e) => s + e.quantity, 0)
      expect(line.consumed).toBeCloseTo(consumed, 9)
      expect(line.entitled).toBe(tier.definition.entitlements.tamHoursPerMonth)
      expect([...line.evidenceIds].sort()).toEqual(inMonth.map((e) => e.id).sort())
      expect(line.flag).toBe(
        line.consumed > line.available
          ? 'over'
          : line.period.elapsed >= 0.25 && line.consumed < 0.5 * line.expectedByNow
            ? 'under'
            : 'on-track',
      )
    }
    expect(view.overCount).toBe(view.lines.filter((l) => l.flag === 'over').length)
  })

  it('recomputes when an entry is added', async () => {
    const { account } = withTam
    const before = await ledger.forAccount({ accountId: account.id, months: 3 })
    const october = before.lines.find((l) => l.item === 'tamHours' && l.period.label === '2026-10')
    const at = new Date(NOW - 86_400_000).toISOString()
    await store.rx().ledgerEntries.insert({
      id: newId(),
      accountId: account.id,
      entitlement: 'tamHours',
      kind: 'consumption',
      quantity: 2.5,
      period: '2026-10',
      occurredAt: at,
      description: 'Escalation review',
      deliveredById: account.tamId,
      activityId: null,
      updatedAt: at,
      updatedBy: account.ownerId,
    })
    const after = await ledger.forAccount({ accountId: account.id, months: 3 })
    const octoberAfter = after.lines.find(
      (l) => l.item === 'tamHours' && l.period.label === '2026-10',
    )
    expect(octoberAfter?.consumed).toBeCloseTo((october?.consumed ?? 0) + 2.5, 9)
  })

  it('refuses bad input and unknown accounts', async () => {
    expect(
      contract['ledger.forAccount'].input.safeParse({ accountId: withTam.account.id, months: 0 })
        .success,
    ).toBe(false)
    await expect(ledger.forAccount({ accountId: newId(), months: 12 })).rejects.toMatchObject({
      code: 'not-found',
    })
  })
})
