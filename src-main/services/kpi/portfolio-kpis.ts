import {
  DEFAULT_ADOPTION_SHARE,
  openEscalations,
  portfolioBook,
  retentionCohort,
  revenueRetention,
  slaCompliance,
  timeToValue,
  valueMilestones,
  type ComplianceRow,
  type MeasuredClocks,
  type Retention,
} from '@shared/engines'
import type { PortfolioKpis, SlaKpi, TierKpis } from '@shared/kpi/kpi-queries'
import type { Account } from '@shared/model/account'
import type { Calendar } from '@shared/model/calendar'
import type { HealthBand } from '@shared/model/enums'
import type { Proposal } from '@shared/model/proposal'
import type { Ticket } from '@shared/model/ticket'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { UsageSnapshot } from '@shared/model/usage'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import { clockTicket } from '../sla/measure'

const DAY_MS = 86_400_000

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The default period: the twelve months up to and including today. */
export function defaultPeriod(now: number): { from: string; to: string } {
  const date = new Date(now)
  const from = Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate() + 1)
  return { from: isoDay(from), to: isoDay(now) }
}

const slaKpi = (row: ComplianceRow | undefined): SlaKpi | null =>
  row === undefined
    ? null
    : { tickets: row.tickets, met: row.met, breached: row.breached, metShare: row.metShare }

const retentionKpi = (row: Retention | undefined) =>
  row === undefined
    ? null
    : {
        startArrMinor: row.startArrMinor,
        grossRetention: row.grossRetention,
        netRetention: row.netRetention,
      }

export const retentionNote =
  'The workspace keeps no ARR history: ARR at the start is today’s ARR less the change of tier proposals accepted in the period; archived or churned accounts end at 0; the cohort is the customers signed before the period.'
export const timeToValueNote = `Days from the customer’s start to the first month in which active users reach ${DEFAULT_ADOPTION_SHARE * 100} % of contracted seats; only customers whose start is in their usage history.`

/** Everything the KPI header is computed from; plain data, so the engine worker can build it. */
export interface PortfolioKpiInput {
  readonly at: number
  readonly period: { readonly from: string; readonly to: string }
  readonly accounts: {
    readonly all: readonly Account[]
    readonly byId: ReadonlyMap<string, Account>
  }
  readonly versions: ReadonlyMap<string, Tier>
  readonly calendars: ReadonlyMap<string, Calendar>
  readonly settings: WorkspaceSettings
  readonly tickets: readonly Ticket[]
  /** Accepted proposals (the retention cohort's ARR changes). */
  readonly proposals: readonly Proposal[]
  readonly usage: readonly UsageSnapshot[]
  /** The health engine's current band of each account. */
  readonly bands: ReadonlyMap<string, HealthBand>
}

/**
 * The portfolio KPI header: ARR, accounts and at-risk ARR by tier, renewals in the
 * workspace's windows, GRR/NRR by starting tier, time to value, SLA compliance by tier and open
 * escalations — each from the engines in `src-shared/engines/kpi` and `compliance`.
 */
export function computePortfolioKpis(input: PortfolioKpiInput): PortfolioKpis {
  const { at, period, accounts, versions, calendars, settings } = input
  const tickets = { all: input.tickets }
  // At-risk ARR counts the accounts the health engine scores at risk, as every screen shows
  // them; an account the engine has no score for keeps the band stored on it.
  const scored = accounts.all.map((account) => {
    const band = input.bands.get(account.id)
    return band === undefined || band === account.healthBand
      ? account
      : { ...account, healthBand: band }
  })
  const book = portfolioBook(scored, at, settings.renewalWindowsDays)
  const cohort = retentionCohort({
    accounts: accounts.all,
    proposals: input.proposals,
    versions,
    period,
    settings,
  })
  const retention = new Map(revenueRetention(cohort).map((row) => [row.tierId, row]))
  const [retentionTotal] = revenueRetention(cohort.map((row) => ({ ...row, tierId: '*' })))
  const ttv = new Map(
    timeToValue(valueMilestones(accounts.all, input.usage)).map((row) => [row.tierId, row]),
  )

  // SLA compliance: tickets opened in the period, each under the version stamped on it.
  const from = Date.parse(`${period.from}T00:00:00.000Z`)
  const to = Date.parse(`${period.to}T00:00:00.000Z`) + DAY_MS
  const context = { versions, calendars, atRiskShare: settings.slaAtRiskShare, now: at }
  const measured: MeasuredClocks[] = []
  let unmeasuredTickets = 0
  for (const ticket of tickets.all) {
    const created = Date.parse(ticket.createdAt)
    if (created < from || created >= to) continue
    const account = accounts.byId.get(ticket.accountId)
    if (account === undefined) {
      unmeasuredTickets++
      continue
    }
    const clocked = clockTicket(ticket, account, context)
    if (!clocked.ok) {
      unmeasuredTickets++
      continue
    }
    measured.push({
      clocks: clocked.clocks,
      accountId: account.id,
      tierId: clocked.measured.tier.tierId,
      createdAt: created,
    })
  }
  const compliance = new Map(
    slaCompliance({ tickets: measured, groupBy: 'tier', period: { from, to } }).map((row) => [
      row.key,
      row,
    ]),
  )
  const [complianceTotal] = slaCompliance({
    tickets: measured,
    groupBy: 'all',
    period: { from, to },
  })
  const escalations = openEscalations(
    tickets.all,
    new Map(accounts.all.filter((a) => !a.archived).map((a) => [a.id, a.tierId])),
  )
  const escalationsByTier = new Map(escalations.byTier.map((row) => [row.tierId, row]))
  const bookByTier = new Map(book.byTier.map((row) => [row.tierId, row]))

  const catalogue = currentTierVersions([...versions.values()], isoDay(at))
  const tiers: TierKpis[] = catalogue.map((tier) => {
    const books = bookByTier.get(tier.tierId)
    const value = ttv.get(tier.tierId)
    return {
      tierId: tier.tierId,
      name: tier.name,
      rank: tier.rank,
      accounts: books?.accounts ?? 0,
      arrMinor: books?.arrMinor ?? 0,
      atRiskArrMinor: books?.atRiskArrMinor ?? 0,
      retention: retentionKpi(retention.get(tier.tierId)),
      sla: slaKpi(compliance.get(tier.tierId)),
      timeToValue:
        value === undefined
          ? null
          : {
              accounts: value.accounts,
              reached: value.reached,
              medianDays: value.medianDays,
              p90Days: value.p90Days,
            },
      openEscalations: escalationsByTier.get(tier.tierId)?.tickets ?? 0,
    }
  })
  return {
    asOf: new Date(at).toISOString(),
    currency: settings.reportingCurrency,
    period,
    tiers,
    total: {
      ...book.total,
      retention: retentionKpi(retentionTotal),
      sla: slaKpi(complianceTotal),
    },
    renewals: book.renewals,
    escalations: escalations.total,
    unmeasuredTickets,
    notes: { retention: retentionNote, timeToValue: timeToValueNote },
  }
}
