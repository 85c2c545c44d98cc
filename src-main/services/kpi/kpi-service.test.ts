import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import type { Ticket } from '@shared/model/ticket'
import type { Tier } from '@shared/model/tier'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { openTicketStatuses } from '../accounts/accounts-repository'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createHealthService } from '../health/health-service'
import { createSlaService, periodStart } from '../sla/sla-service'
import { createKpiService, defaultPeriod } from './kpi-service'
import {
  openDemoWorkspace,
  type DemoWorkspace,
  storedAccounts,
  storedTickets,
  tierVersionsById,
} from '../testing/demo-workspace'

const NOW = Date.parse(DEFAULT_AS_OF)
const TODAY = DEFAULT_AS_OF.slice(0, 10)

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let kpi: ReturnType<typeof createKpiService>
let accounts: Account[]
let tickets: Ticket[]
let versions: Map<string, Tier>

beforeAll(async () => {
  workspace = await openDemoWorkspace('kpi', { accounts: 16, tickets: 800 })
  store = workspace.store
  const rx = store.rx()
  accounts = await storedAccounts(rx)
  tickets = await storedTickets(rx)
  versions = await tierVersionsById(rx)
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  kpi = createKpiService(engines, () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const sumBy = <T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number) => {
  const sums = new Map<string, number>()
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item))
  return sums
}

describe('kpi.portfolio', () => {
  it('sums ARR, accounts and at-risk ARR by tier; at risk is what the health engine (Account 360) says', async () => {
    const result = await kpi.portfolio({ period: null })
    const health = createHealthService(engines, createAccountData(engines), () => NOW)
    const bandOf = async (account: Account) =>
      (await health.forAccount({ accountId: account.id, weeks: 1 })).band
    const live = accounts.filter((account) => !account.archived)
    const arr = sumBy(
      live,
      (a) => a.tierId,
      (a) => a.arrReportingMinor,
    )
    const count = sumBy(
      live,
      (a) => a.tierId,
      () => 1,
    )
    const engineAtRisk: Account[] = []
    for (const account of live)
      if ((await bandOf(account)) === 'at-risk') engineAtRisk.push(account)
    // The stored bands were seeded apart from the engine: the header must not go by them.
    expect(engineAtRisk.map((a) => a.id)).not.toEqual(
      live.filter((a) => a.healthBand === 'at-risk').map((a) => a.id),
    )
    const atRisk = sumBy(
      engineAtRisk,
      (a) => a.tierId,
      (a) => a.arrReportingMinor,
    )
    for (const tier of result.tiers) {
      expect(tier.arrMinor, tier.name).toBe(arr.get(tier.tierId) ?? 0)
      expect(tier.accounts, tier.name).toBe(count.get(tier.tierId) ?? 0)
      expect(tier.atRiskArrMinor, tier.name).toBe(atRisk.get(tier.tierId) ?? 0)
    }
    expect(result.total.arrMinor).toBe(live.reduce((sum, a) => sum + a.arrReportingMinor, 0))
    expect(result.tiers.map((tier) => tier.rank)).toEqual(
      [...result.tiers.map((tier) => tier.rank)].sort((a, b) => a - b),
    )
    expect(result.period).toEqual(defaultPeriod(NOW))
  })

  it('counts renewals in each window and open escalations from the stored documents', async () => {
    const result = await kpi.portfolio({ period: null })
    for (const window of result.renewals) {
      const horizon = new Date(NOW + window.days * 86_400_000).toISOString().slice(0, 10)
      const due = accounts.filter(
        (a) => !a.archived && a.renewalDate > TODAY && a.renewalDate <= horizon,
      )
      expect(window.accounts, `${window.days} days`).toBe(due.length)
      expect(window.arrMinor).toBe(due.reduce((sum, a) => sum + a.arrReportingMinor, 0))
    }
    const escalated = await store
      .rx()
      .tickets.count({
        selector: { escalationLevel: { $gt: 0 }, status: { $in: [...openTicketStatuses] } },
      })
      .exec()
    expect(result.escalations.tickets).toBe(escalated)
    expect(result.tiers.reduce((sum, tier) => sum + tier.openEscalations, 0)).toBe(escalated)
  })

  it('measures SLA compliance by the tier each ticket was opened under, agreeing with the account views', async () => {
    const from = new Date(periodStart(NOW, 12)).toISOString().slice(0, 10)
    const result = await kpi.portfolio({ period: { from, to: TODAY } })
    const opened = tickets.filter(
      (t) => t.createdAt.slice(0, 10) >= from && t.createdAt.slice(0, 10) <= TODAY,
    )
    const perTier = sumBy(
      opened,
      (t) => versions.get(t.tierVersionId)?.tierId ?? '?',
      () => 1,
    )
    for (const tier of result.tiers) {
      expect(tier.sla?.tickets ?? 0, tier.name).toBe(perTier.get(tier.tierId) ?? 0)
    }
    expect(result.unmeasuredTickets).toBe(0)
    // The same breaches the SLA panel lists, account by account.
    const sla = createSlaService(engines, () => NOW)
    let breaches = 0
    for (const account of accounts) {
      breaches += (await sla.forAccount({ accountId: account.id, months: 12 })).breaches.length
    }
    expect(result.total.sla?.breached).toBe(breaches)
    expect(breaches).toBeGreaterThan(0)
  }, 60_000)

  it('recomputes retention when an account of the cohort churns', async () => {
    const period = { from: '2025-11-02', to: TODAY }
    const before = await kpi.portfolio({ period })
    const churning = accounts.find(
      (a) => !a.archived && a.customerSince < period.from && a.arrReportingMinor > 0,
    )
    if (churning === undefined || before.total.retention === null) {
      throw new Error('no cohort account to churn')
    }
    const doc = await store.rx().accounts.findOne(churning.id).exec()
    await doc?.incrementalPatch({ archived: true })
    try {
      const after = await kpi.portfolio({ period })
      const start = before.total.retention.startArrMinor
      expect(after.total.retention?.startArrMinor).toBe(start)
      // Its whole ARR leaves gross retention (less, if it had expanded during the period).
      const lost =
        (before.total.retention.grossRetention ?? 0) - (after.total.retention?.grossRetention ?? 0)
      expect(lost).toBeGreaterThan(0)
      expect(lost).toBeLessThanOrEqual(churning.arrReportingMinor / start + 1e-12)
      expect(after.total.arrMinor).toBe(before.total.arrMinor - churning.arrReportingMinor)
    } finally {
      await (
        await store.rx().accounts.findOne(churning.id).exec()
      )?.incrementalPatch({
        archived: false,
      })
    }
  })

  it('refuses a period that ends before it starts, naming the field', () => {
    const parsed = contract['kpi.portfolio'].input.safeParse({
      period: { from: '2026-10-01', to: '2026-09-01' },
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['period', 'to'])
    expect(contract['kpi.portfolio'].input.parse(undefined)).toEqual({ period: null })
  })
})
