import type { Account } from '../../model/account'
import type { Instant } from '../calendar/business-time'
import { percentile } from '../compliance/percentile'

const MS_PER_DAY = 86_400_000

/** ARR, account count and at-risk ARR of one tier (reporting-currency minor units). */
export interface TierBook {
  readonly tierId: string
  readonly accounts: number
  readonly arrMinor: number
  /** ARR of accounts whose health band is `at-risk`. */
  readonly atRiskArrMinor: number
}

export interface RenewalWindow {
  readonly days: number
  readonly accounts: number
  readonly arrMinor: number
}

export interface PortfolioBook {
  readonly byTier: readonly TierBook[]
  readonly total: Omit<TierBook, 'tierId'>
  readonly renewals: readonly RenewalWindow[]
}

type BookAccount = Pick<
  Account,
  'id' | 'tierId' | 'arrReportingMinor' | 'healthBand' | 'renewalDate' | 'archived'
>

/**
 * ARR and accounts by tier, at-risk ARR, and renewals due within each window (30/60/90 days by
 * default; the workspace setting `renewalWindowsDays` overrides). Archived accounts are left
 * out. "Within N days" is a renewal date after today and no later than today + N, dates read in
 * UTC (renewal dates carry no zone).
 */
export function portfolioBook(
  accounts: readonly BookAccount[],
  now: Instant,
  windowsDays: readonly number[] = [30, 60, 90],
): PortfolioBook {
  const tiers = new Map<string, { accounts: number; arrMinor: number; atRiskArrMinor: number }>()
  const today = Math.floor(now / MS_PER_DAY)
  const renewals = windowsDays.map((days) => ({ days, accounts: 0, arrMinor: 0 }))
  for (const account of accounts) {
    if (account.archived) continue
    let tier = tiers.get(account.tierId)
    if (tier === undefined) {
      tier = { accounts: 0, arrMinor: 0, atRiskArrMinor: 0 }
      tiers.set(account.tierId, tier)
    }
    tier.accounts++
    tier.arrMinor += account.arrReportingMinor
    if (account.healthBand === 'at-risk') tier.atRiskArrMinor += account.arrReportingMinor
    const daysToRenewal = Date.parse(`${account.renewalDate}T00:00:00.000Z`) / MS_PER_DAY - today
    for (const window of renewals) {
      if (daysToRenewal > 0 && daysToRenewal <= window.days) {
        window.accounts++
        window.arrMinor += account.arrReportingMinor
      }
    }
  }
  const byTier = [...tiers.entries()]
    .map(([tierId, tier]) => ({ tierId, ...tier }))
    .sort((a, b) => (a.tierId < b.tierId ? -1 : a.tierId > b.tierId ? 1 : 0))
  const total = byTier.reduce(
    (sum, tier) => ({
      accounts: sum.accounts + tier.accounts,
      arrMinor: sum.arrMinor + tier.arrMinor,
      atRiskArrMinor: sum.atRiskArrMinor + tier.atRiskArrMinor,
    }),
    { accounts: 0, arrMinor: 0, atRiskArrMinor: 0 },
  )
  return { byTier, total, renewals }
}

/** One account of the retention cohort: ARR at the start and at the end of the period. */
export interface RetentionRow {
  /** The tier the account was on at the start: retention is reported by starting tier. */
  readonly tierId: string
  readonly startArrMinor: number
  /** 0 when the account churned during the period. */
  readonly endArrMinor: number
}

export interface Retention {
  readonly tierId: string
  readonly startArrMinor: number
  /** (start − churn − contraction) / start; null for an empty cohort. */
  readonly grossRetention: number | null
  /** (start − churn − contraction + expansion) / start; null for an empty cohort. */
  readonly netRetention: number | null
}

/**
 * Gross and net revenue retention by starting tier over a period. The cohort is the accounts
 * with ARR at the start (new logos signed during the period are excluded by definition); gross
 * retention caps each account at its starting ARR, so expansion never hides churn.
 */
export function revenueRetention(rows: readonly RetentionRow[]): Retention[] {
  const tiers = new Map<string, { start: number; gross: number; net: number }>()
  for (const row of rows) {
    if (row.startArrMinor <= 0) continue
    const tier = tiers.get(row.tierId) ?? { start: 0, gross: 0, net: 0 }
    tier.start += row.startArrMinor
    tier.gross += Math.min(row.endArrMinor, row.startArrMinor)
    tier.net += row.endArrMinor
    tiers.set(row.tierId, tier)
  }
  return [...tiers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tierId, t]) => ({
      tierId,
      startArrMinor: t.start,
      grossRetention: t.start === 0 ? null : t.gross / t.start,
      netRetention: t.start === 0 ? null : t.net / t.start,
    }))
}

export interface ValueMilestone {
  readonly tierId: string
  /** Contract start (ISO date). */
  readonly start: string
  /** First value milestone after the start (ISO date), null while not reached. */
  readonly firstValue: string | null
}

export interface TimeToValue {
  readonly tierId: string
  readonly accounts: number
  readonly reached: number
  readonly medianDays: number | null
  readonly p90Days: number | null
}

/** Days from contract start to the first value milestone, by tier (median and p90, nearest rank). */
export function timeToValue(rows: readonly ValueMilestone[]): TimeToValue[] {
  const tiers = new Map<string, { accounts: number; days: number[] }>()
  for (const row of rows) {
    const tier = tiers.get(row.tierId) ?? { accounts: 0, days: [] }
    tier.accounts++
    if (row.firstValue !== null && row.firstValue >= row.start) {
      tier.days.push((Date.parse(row.firstValue) - Date.parse(row.start)) / MS_PER_DAY)
    }
    tiers.set(row.tierId, tier)
  }
  return [...tiers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tierId, t]) => {
      const days = Float64Array.from(t.days).sort()
      return {
        tierId,
        accounts: t.accounts,
        reached: days.length,
        medianDays: percentile(days, 0.5),
        p90Days: percentile(days, 0.9),
      }
    })
}
