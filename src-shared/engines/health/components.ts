import type { Account } from '../../model/account'
import type { Activity } from '../../model/activity'
import type { UsageSnapshot } from '../../model/usage'
import type { HealthWeights } from '../../model/workspace-settings'
import type { Instant } from '../calendar/business-time'
import type { TicketFacts } from './ticket-facts'
import { openSeverityAt } from './ticket-facts'

export type HealthComponentKey = keyof HealthWeights

/** A document a component was computed from, so the UI can link "why" to the data. */
export interface EvidenceRef {
  readonly collection: 'tickets' | 'usageSnapshots' | 'activities' | 'ledgerEntries' | 'accounts'
  readonly id: string
}

/** A component before weighting: what was measured, how good it is (0–1) and why. */
export interface ComponentScore {
  /** The measured value (growth ratio, share, count, days); null when there was no data. */
  readonly raw: number | null
  /** 0 (bad) – 1 (good). Missing data scores a neutral 0.5 and says so in the reason. */
  readonly score: number
  readonly reason: string
  readonly evidence: readonly EvidenceRef[]
}

export type HealthUsage = Pick<
  UsageSnapshot,
  'id' | 'accountId' | 'month' | 'capturedAt' | 'activeUsers' | 'seatsUsed' | 'seatsContracted'
>
export type HealthAccount = Pick<Account, 'id' | 'segment' | 'renewalDate' | 'termMonths'>

/** Everything a component may read, already restricted to what was known at `asOf`. */
export interface ComponentContext {
  readonly asOf: Instant
  /**
   * False for the points of a weekly history, which need only the score: reasons and evidence
   * are then left empty (they are most of the cost of scoring a book week by week).
   */
  readonly explain: boolean
  readonly account: HealthAccount
  /** Snapshots captured by `asOf`, oldest month first. */
  readonly usage: readonly HealthUsage[]
  readonly tickets: readonly TicketFacts[]
  /** The tickets that were ever S1 or S2: the only ones the open S1/S2 count looks at. */
  readonly highSeverity: readonly TicketFacts[]
  /** Activities that happened by `asOf`, oldest first, with their instants. */
  readonly activities: readonly { readonly at: Instant; readonly activity: Activity }[]
}

const DAY_MS = 86_400_000
const noEvidence: readonly EvidenceRef[] = []

/** Neutral score for a component with no data: neither rewards nor punishes the account. */
export const NO_DATA_SCORE = 0.5

/**
 * Scoring thresholds. Written down in one place because every reason string and test table
 * depends on them; they are product decisions, not settings (weights and bands are settings).
 */
export const healthThresholds = {
  /** Active users: 3-month average against the 3 months before; ±20 % spans 0–1. */
  usageMonths: 3,
  usageGrowthForFull: 0.2,
  /** Seat utilisation: at or below 30 % scores 0, at or above 85 % scores 1. */
  seatsLow: 0.3,
  seatsHigh: 0.85,
  /** SLA breaches: share of tickets opened in the last 90 days that breached; 30 %+ scores 0. */
  breachWindowDays: 90,
  breachShareForZero: 0.3,
  /** Open S1 count twice, S2 once; 6 points score 0. */
  openHighSeverityForZero: 6,
  /** Sentiment: the latest 3 check-ins in the last 180 days (NPS/10 when given). */
  sentimentWindowDays: 180,
  sentimentCheckIns: 3,
  /** Engagement: a connected call, check-in or held QBR within 14 days scores 1, 90+ days 0. */
  engagementFullDays: 14,
  engagementZeroDays: 90,
  /** Renewal: 180+ days away scores 1, falling linearly to 0 on the renewal date. */
  renewalFullDays: 180,
} as const

const clamp01 = (value: number) => Math.min(1, Math.max(0, value))
const percent = (share: number) => `${Math.round(share * 100)}%`
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function usageTrend(context: ComponentContext): ComponentScore {
  const { usage } = context
  const per = Math.min(healthThresholds.usageMonths, Math.floor(usage.length / 2))
  if (per === 0) {
    return { raw: null, score: NO_DATA_SCORE, reason: 'Not enough usage history yet', evidence: [] }
  }
  const recent = usage.slice(-per)
  const prior = usage.slice(-2 * per, -per)
  const average = (rows: readonly HealthUsage[]) =>
    rows.reduce((sum, row) => sum + row.activeUsers, 0) / rows.length
  const before = average(prior)
  const after = average(recent)
  const growth = before === 0 ? (after > 0 ? 1 : 0) : after / before - 1
  const full = healthThresholds.usageGrowthForFull
  const direction = growth >= 0.005 ? 'up' : growth <= -0.005 ? 'down' : 'flat'
  const reason = !context.explain
    ? ''
    : direction === 'flat'
      ? `Active users flat over ${plural(per, 'month')}`
      : `Active users ${direction} ${percent(Math.abs(growth))} (last ${plural(per, 'month')} vs the ${plural(per, 'month')} before)`
  return {
    raw: growth,
    score: clamp01(0.5 + growth / (2 * full)),
    reason,
    evidence: context.explain
      ? [...prior, ...recent].map((row) => ({ collection: 'usageSnapshots', id: row.id }))
      : noEvidence,
  }
}

export function seatUtilisation(context: ComponentContext): ComponentScore {
  const latest = context.usage.at(-1)
  if (latest === undefined || latest.seatsContracted === 0) {
    return { raw: null, score: NO_DATA_SCORE, reason: 'No seat data yet', evidence: [] }
  }
  const used = latest.seatsUsed / latest.seatsContracted
  const { seatsLow, seatsHigh } = healthThresholds
  return {
    raw: used,
    score: clamp01((used - seatsLow) / (seatsHigh - seatsLow)),
    reason: context.explain
      ? `${latest.seatsUsed} of ${latest.seatsContracted} seats in use (${percent(used)}) in ${latest.month}`
      : '',
    evidence: context.explain ? [{ collection: 'usageSnapshots', id: latest.id }] : noEvidence,
  }
}

export function slaBreaches(context: ComponentContext): ComponentScore {
  const from = context.asOf - healthThresholds.breachWindowDays * DAY_MS
  let opened = 0
  let breachedCount = 0
  const breached: EvidenceRef[] = []
  // A plain scan: cheaper than keeping ~100 tickets per account sorted for a binary search.
  for (const ticket of context.tickets) {
    if (ticket.createdAt < from || ticket.createdAt > context.asOf) continue
    opened++
    if (ticket.firstBreachAt !== null && ticket.firstBreachAt <= context.asOf) {
      breachedCount++
      if (context.explain) breached.push({ collection: 'tickets', id: ticket.id })
    }
  }
  const days = healthThresholds.breachWindowDays
  if (opened === 0) {
    return { raw: 0, score: 1, reason: `No tickets in the last ${days} days`, evidence: [] }
  }
  const share = breachedCount / opened
  return {
    raw: share,
    score: clamp01(1 - share / healthThresholds.breachShareForZero),
    reason: !context.explain
      ? ''
      : breachedCount === 0
        ? `No SLA breach on ${plural(opened, 'ticket')} in the last ${days} days`
        : `${breachedCount} of ${plural(opened, 'ticket')} breached an SLA target in the last ${days} days`,
    evidence: breached,
  }
}

export function openHighSeverity(context: ComponentContext): ComponentScore {
  let s1 = 0
  let s2 = 0
  const evidence: EvidenceRef[] = []
  for (const ticket of context.highSeverity) {
    if (ticket.createdAt > context.asOf) continue
    const severity = openSeverityAt(ticket, context.asOf)
    if (severity === 'S1') s1++
    else if (severity === 'S2') s2++
    else continue
    if (context.explain) evidence.push({ collection: 'tickets', id: ticket.id })
  }
  const points = 2 * s1 + s2
  const parts = [...(s1 > 0 ? [`${s1} S1`] : []), ...(s2 > 0 ? [`${s2} S2`] : [])]
  return {
    raw: points,
    score: clamp01(1 - points / healthThresholds.openHighSeverityForZero),
    reason:
      parts.length === 0
        ? 'No S1 or S2 ticket open'
        : `${parts.join(' and ')} ${s1 + s2 === 1 ? 'ticket' : 'tickets'} open`,
    evidence,
  }
}

const sentimentValue = { positive: 1, neutral: 0.5, negative: 0 } as const

export function sentiment(context: ComponentContext): ComponentScore {
  const from = context.asOf - healthThresholds.sentimentWindowDays * DAY_MS
  const checkIns = context.activities
    .filter(({ at, activity }) => at >= from && activity.kind === 'check-in')
    .slice(-healthThresholds.sentimentCheckIns)
  if (checkIns.length === 0) {
    return {
      raw: null,
      score: NO_DATA_SCORE,
      reason: `No check-in in the last ${healthThresholds.sentimentWindowDays} days (counted as neutral)`,
      evidence: [],
    }
  }
  const values = checkIns.map(({ activity }) =>
    activity.kind !== 'check-in'
      ? NO_DATA_SCORE
      : activity.nps !== null
        ? activity.nps / 10
        : sentimentValue[activity.sentiment],
  )
  const average = values.reduce((a, b) => a + b, 0) / values.length
  if (!context.explain)
    return { raw: average, score: clamp01(average), reason: '', evidence: noEvidence }
  const latest = checkIns.at(-1)?.activity
  const latestText =
    latest?.kind === 'check-in'
      ? latest.nps !== null
        ? `latest NPS ${latest.nps}`
        : `latest ${latest.sentiment}`
      : ''
  return {
    raw: average,
    score: clamp01(average),
    reason: `Sentiment ${percent(average)} over the last ${plural(checkIns.length, 'check-in')} (${latestText})`,
    evidence: checkIns.map(({ activity }) => ({ collection: 'activities', id: activity.id })),
  }
}

/** Touchpoints where the customer was actually reached; notes and missed calls are not. */
function isEngagement(activity: Activity): boolean {
  if (activity.kind === 'check-in') return true
  if (activity.kind === 'call') return activity.outcome === 'connected'
  if (activity.kind === 'qbr') return activity.status === 'held'
  return false
}

export function engagementRecency(context: ComponentContext): ComponentScore {
  const last = context.activities.findLast(({ activity }) => isEngagement(activity))
  if (last === undefined) {
    return { raw: null, score: 0, reason: 'No customer touchpoint on record', evidence: [] }
  }
  const days = Math.floor((context.asOf - last.at) / DAY_MS)
  const { engagementFullDays, engagementZeroDays } = healthThresholds
  const what =
    last.activity.kind === 'check-in' ? 'check-in' : last.activity.kind === 'qbr' ? 'QBR' : 'call'
  return {
    raw: days,
    score: clamp01((engagementZeroDays - days) / (engagementZeroDays - engagementFullDays)),
    reason: !context.explain
      ? ''
      : days === 0
        ? `Last ${what} today`
        : `Last ${what} ${plural(days, 'day')} ago`,
    evidence: context.explain ? [{ collection: 'activities', id: last.activity.id }] : noEvidence,
  }
}

/** `YYYY-MM-DD` shifted by whole months, day clamped to the month's length. */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`
}

/**
 * The renewal that was ahead at `asOf`: the stored date is the next one from today; for a week
 * in the past it may have been the one a term earlier (the account renewed since).
 */
export function renewalAhead(account: HealthAccount, asOf: Instant): string {
  let renewal = account.renewalDate
  for (let i = 0; i < 20; i++) {
    const previous = addMonths(renewal, -account.termMonths)
    if (Date.parse(`${previous}T00:00:00.000Z`) <= asOf) break
    renewal = previous
  }
  return renewal
}

export function renewalProximity(context: ComponentContext): ComponentScore {
  const renewal = renewalAhead(context.account, context.asOf)
  const days = Math.ceil((Date.parse(`${renewal}T00:00:00.000Z`) - context.asOf) / DAY_MS)
  return {
    raw: days,
    score: clamp01(days / healthThresholds.renewalFullDays),
    reason: !context.explain
      ? ''
      : days < 0
        ? `Renewal on ${renewal} has passed`
        : days === 0
          ? `Renews today (${renewal})`
          : `Renews in ${plural(days, 'day')} (${renewal})`,
    evidence: context.explain ? [{ collection: 'accounts', id: context.account.id }] : noEvidence,
  }
}

export const healthComponents: Readonly<
  Record<
    HealthComponentKey,
    { readonly label: string; readonly score: (c: ComponentContext) => ComponentScore }
  >
> = {
  usageTrend: { label: 'Usage trend', score: usageTrend },
  seatUtilisation: { label: 'Seat utilisation', score: seatUtilisation },
  slaBreaches: { label: 'SLA breaches', score: slaBreaches },
  openHighSeverity: { label: 'Open S1/S2', score: openHighSeverity },
  sentiment: { label: 'Sentiment / NPS', score: sentiment },
  engagementRecency: { label: 'Engagement recency', score: engagementRecency },
  renewalProximity: { label: 'Renewal proximity', score: renewalProximity },
}

export const healthComponentKeys: readonly HealthComponentKey[] = [
  'usageTrend',
  'seatUtilisation',
  'slaBreaches',
  'openHighSeverity',
  'sentiment',
  'engagementRecency',
  'renewalProximity',
]
