import type { Activity } from '../../model/activity'
import type { HealthBand, Segment } from '../../model/enums'
import type { HealthWeights, WorkspaceSettings } from '../../model/workspace-settings'
import type { Instant } from '../calendar/business-time'
import { isoToMs } from '../sla/iso-time'
import type {
  ComponentContext,
  EvidenceRef,
  HealthAccount,
  HealthComponentKey,
  HealthUsage,
} from './components'
import { healthComponentKeys, healthComponents } from './components'
import { HealthEngineError } from './errors'
import type { TicketFacts } from './ticket-facts'

export type HealthSettings = Pick<WorkspaceSettings, 'healthWeights' | 'healthBands'>

/** One weighted component of a score: the measurement, its 0–1 score and its share of the total. */
export interface HealthComponent {
  readonly key: HealthComponentKey
  readonly label: string
  readonly raw: number | null
  readonly score: number
  readonly weight: number
  /** weight × score × 100: the points this component adds to the 0–100 total. */
  readonly contribution: number
  /** Short, human: "3 S1 tickets open". */
  readonly reason: string
  readonly evidence: readonly EvidenceRef[]
}

export interface HealthScore {
  readonly accountId: string
  readonly asOf: Instant
  /** 0–100, rounded from the sum of the contributions. */
  readonly score: number
  readonly band: Exclude<HealthBand, 'unknown'>
  /** `segment`: the workspace's weights for the account's segment; `default`: none configured. */
  readonly weightsFrom: 'segment' | 'default'
  readonly components: readonly HealthComponent[]
}

export interface HealthWeek {
  /** Monday (UTC) of the week. */
  readonly weekStart: string
  /** The instant the point was computed as of: the week's end, or `now` for the current week. */
  readonly asOf: Instant
  readonly score: number
  readonly band: Exclude<HealthBand, 'unknown'>
}

export type HealthTrend = 'up' | 'down' | 'flat'

export interface AccountHealth {
  readonly current: HealthScore
  /** Oldest week first; the last entry is the current week. */
  readonly history: readonly HealthWeek[]
  readonly trend: HealthTrend
  /** Current score minus the score `trendWeeks` weeks earlier (or the oldest point). */
  readonly trendDelta: number
}

export interface HealthInput {
  readonly account: HealthAccount
  readonly usage: readonly HealthUsage[]
  readonly tickets: readonly TicketFacts[]
  readonly activities: readonly Activity[]
  readonly settings: HealthSettings
  readonly now: Instant
  /** Weeks of history, the current week included (default 12). */
  readonly historyWeeks?: number
  /** The trend compares the current score with the one this many weeks earlier (default 4). */
  readonly trendWeeks?: number
}

/** Used when the workspace has no weights for a segment: every component counts the same. */
export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  usageTrend: 1 / 7,
  seatUtilisation: 1 / 7,
  slaBreaches: 1 / 7,
  openHighSeverity: 1 / 7,
  sentiment: 1 / 7,
  engagementRecency: 1 / 7,
  renewalProximity: 1 / 7,
}

/** A score moving at least this many points over the trend window is a trend, not noise. */
export const TREND_THRESHOLD_POINTS = 5

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

export function bandOf(
  score: number,
  bands: HealthSettings['healthBands'],
): Exclude<HealthBand, 'unknown'> {
  if (score >= bands.healthyFrom) return 'healthy'
  if (score >= bands.watchFrom) return 'watch'
  return 'at-risk'
}

export function weightsFor(
  segment: Segment,
  settings: HealthSettings,
): { weights: HealthWeights; from: 'segment' | 'default' } {
  const entry = settings.healthWeights.find((candidate) => candidate.segment === segment)
  return entry === undefined
    ? { weights: DEFAULT_HEALTH_WEIGHTS, from: 'default' }
    : { weights: entry.weights, from: 'segment' }
}

/** Inputs sorted once, so each point of the history only filters by time. */
interface Prepared {
  readonly account: HealthAccount
  /** Oldest month first. */
  readonly usage: readonly (HealthUsage & { readonly capturedMs: Instant })[]
  /** True when capture times rise with the months (the normal case): "known by" is a prefix. */
  readonly usageByCapture: boolean
  readonly tickets: readonly TicketFacts[]
  readonly highSeverity: readonly TicketFacts[]
  readonly activities: readonly { readonly at: Instant; readonly activity: Activity }[]
  readonly weights: HealthWeights
  readonly weightsFrom: 'segment' | 'default'
  readonly bands: HealthSettings['healthBands']
}

function isSortedBy<T>(items: readonly T[], key: (item: T) => number): boolean {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]
    const b = items[i]
    if (a !== undefined && b !== undefined && key(a) > key(b)) return false
  }
  return true
}

/** Services pass activities already in time order; sort only when they are not. */
function sortedBy<T>(items: readonly T[], key: (item: T) => number): readonly T[] {
  return isSortedBy(items, key) ? items : [...items].sort((a, b) => key(a) - key(b))
}

function prepare(input: Readonly<HealthInput>): Prepared {
  const { weights, from } = weightsFor(input.account.segment, input.settings)
  if (input.settings.healthBands.watchFrom >= input.settings.healthBands.healthyFrom) {
    throw new HealthEngineError('invalid-option', 'healthBands.watchFrom must be below healthyFrom')
  }
  for (const snapshot of input.usage) {
    if (snapshot.accountId !== input.account.id) {
      throw new HealthEngineError(
        'invalid-input',
        `usage snapshot ${snapshot.id} belongs to another account`,
        { snapshotId: snapshot.id },
      )
    }
  }
  const tickets = input.tickets
  const usage = input.usage
    .map((snapshot) => ({ ...snapshot, capturedMs: isoToMs(snapshot.capturedAt) }))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
  return {
    account: input.account,
    usage,
    usageByCapture: isSortedBy(usage, capturedMsOf),
    tickets,
    highSeverity: tickets.filter((t) => t.severities.includes('S1') || t.severities.includes('S2')),
    activities: sortedBy(
      input.activities.map((activity) => ({ at: isoToMs(activity.occurredAt), activity })),
      atOf,
    ),
    weights,
    weightsFrom: from,
    bands: input.settings.healthBands,
  }
}

/** The first `n` items of a list sorted by time, `n` = how many are at or before `asOf`. */
function knownBy<T>(sorted: readonly T[], at: (item: T) => Instant, asOf: Instant): readonly T[] {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const item = sorted[mid]
    if (item !== undefined && at(item) <= asOf) lo = mid + 1
    else hi = mid
  }
  return lo === sorted.length ? sorted : sorted.slice(0, lo)
}

// Top-level accessors: this runs for every week of every account (a closure per call costs).
const capturedMsOf = (snapshot: { readonly capturedMs: Instant }) => snapshot.capturedMs
const atOf = (entry: { readonly at: Instant }) => entry.at

function scoreAt(prepared: Prepared, asOf: Instant, explain = true): HealthScore {
  const context: ComponentContext = {
    asOf,
    explain,
    account: prepared.account,
    usage: prepared.usageByCapture
      ? knownBy(prepared.usage, capturedMsOf, asOf)
      : prepared.usage.filter((snapshot) => snapshot.capturedMs <= asOf),
    tickets: prepared.tickets,
    highSeverity: prepared.highSeverity,
    activities: knownBy(prepared.activities, atOf, asOf),
  }
  let total = 0
  const components: HealthComponent[] = []
  for (const key of healthComponentKeys) {
    const definition = healthComponents[key]
    const measured = definition.score(context)
    const weight = prepared.weights[key]
    const contribution = weight * measured.score * 100
    total += contribution
    components.push({ key, label: definition.label, weight, contribution, ...measured })
  }
  const score = Math.round(total)
  return {
    accountId: prepared.account.id,
    asOf,
    score,
    band: bandOf(score, prepared.bands),
    weightsFrom: prepared.weightsFrom,
    components,
  }
}

/** The account's health as of `now`: score, band and every component with its reason. */
export function healthScore(input: Readonly<HealthInput>): HealthScore {
  return scoreAt(prepare(input), input.now)
}

/** Monday 00:00 UTC of the week containing `at`. */
export function weekStartOf(at: Instant): Instant {
  const day = Math.floor(at / DAY_MS)
  // 1970-01-01 was a Thursday: (day + 3) % 7 is days since Monday.
  return (day - ((day + 3) % 7)) * DAY_MS
}

/**
 * Score, weekly history and trend. Each week's point is computed as of that week's end (the
 * next Monday 00:00 UTC; `now` for the current week) from only what was known then: usage
 * snapshots captured by then, tickets as they stood (open/solved, breached by then), activities
 * that had happened. Tickets and activities keep their current content (a severity change is
 * dated, so it is honoured; an edited note is not re-dated).
 */
export function accountHealth(input: Readonly<HealthInput>): AccountHealth {
  const weeks = input.historyWeeks ?? 12
  const trendWeeks = input.trendWeeks ?? 4
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 260) {
    throw new HealthEngineError('invalid-option', `historyWeeks must be 1–260 (got ${weeks})`)
  }
  if (!Number.isInteger(trendWeeks) || trendWeeks < 1) {
    throw new HealthEngineError('invalid-option', `trendWeeks must be ≥ 1 (got ${trendWeeks})`)
  }
  const prepared = prepare(input)
  const current = scoreAt(prepared, input.now)
  const thisWeek = weekStartOf(input.now)
  const history: HealthWeek[] = []
  for (let i = weeks - 1; i >= 0; i--) {
    const start = thisWeek - i * WEEK_MS
    const point = i === 0 ? current : scoreAt(prepared, start + WEEK_MS, false)
    history.push({
      weekStart: new Date(start).toISOString().slice(0, 10),
      asOf: point.asOf,
      score: point.score,
      band: point.band,
    })
  }
  const earlier = history[Math.max(0, history.length - 1 - trendWeeks)] ?? history[0]
  const trendDelta = current.score - (earlier?.score ?? current.score)
  const trend: HealthTrend =
    trendDelta >= TREND_THRESHOLD_POINTS
      ? 'up'
      : trendDelta <= -TREND_THRESHOLD_POINTS
        ? 'down'
        : 'flat'
  return { current, history, trend, trendDelta }
}
