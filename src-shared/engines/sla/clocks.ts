import type { Calendar } from '../../model/calendar'
import type { SlaMetric } from '../../model/enums'
import type { Ticket } from '../../model/ticket'
import type { SlaTarget, Tier } from '../../model/tier'
import type { Instant } from '../calendar/business-time'
import { addBusinessMs, businessMsBetween } from '../calendar/business-time'
import type { CompiledCalendar } from '../calendar/compile'
import { alwaysOpen, compileCalendar } from '../calendar/compile'
import type { Cycle } from './cycles'
import { cyclesOf } from './cycles'
import { SlaEngineError } from './errors'
import { isoToMs } from './iso-time'
import type { TierTable } from './pause'
import { metricIndex, tierTable } from './pause'
import type { Timeline } from './timeline'
import { buildTimeline } from './timeline'
import type { MetricClock, SlaState, TicketClocks } from './types'

/** Used when the workspace setting `slaAtRiskShare` is not passed (the tier carries none). */
export const DEFAULT_AT_RISK_SHARE = 0.75

export interface SlaClockInput {
  readonly ticket: Pick<Ticket, 'id' | 'tierVersionId' | 'events'>
  /** The tier version to measure against: normally {@link tierVersionForTicket}; replay passes another. */
  readonly tier: Pick<Tier, 'id' | 'definition'>
  /** The account's support calendar (`account.calendarId`); business-hours targets run on it. */
  readonly calendar: Calendar
  /** Epoch ms or ISO string; events after it are not seen yet. */
  readonly now: Instant | string
  /** Share of the target after which a running clock is `at-risk` (workspace setting). */
  readonly atRiskShare?: number
}

interface Context {
  readonly timeline: Timeline
  readonly table: TierTable
  readonly calendar: CompiledCalendar
}

interface Measured {
  readonly elapsedMs: number
  readonly breachAt: Instant | null
  /** Target in force at the end of the wait (severity then). */
  readonly target: SlaTarget | null
}

/**
 * Every SLA clock of one ticket at `now`. Rules (issue #5 item 2), beyond cycles.ts:
 * - time counts only while the ticket's status does not pause the metric (tier pause rules,
 *   plus solved/closed, see pause.ts), on the calendar when the target says `business`, around
 *   the clock when it says `24x7`;
 * - a severity change re-targets the running wait and keeps what has elapsed: each stretch is
 *   measured under the severity in force then, and the wait is compared with the target of the
 *   severity in force at its end (or now). If the new target is already behind the elapsed time,
 *   the breach instant is the severity change itself;
 * - a wait is breached when its elapsed time exceeds the target (replying at exactly the
 *   target is met); the breach instant is when the target was used up.
 */
export function computeSlaClocks(input: Readonly<SlaClockInput>): TicketClocks {
  const share = input.atRiskShare ?? DEFAULT_AT_RISK_SHARE
  if (!(share > 0 && share <= 1)) {
    throw new SlaEngineError('invalid-option', `atRiskShare must be in (0, 1] (got ${share})`)
  }
  const now = typeof input.now === 'string' ? isoToMs(input.now) : input.now
  const timeline = buildTimeline(input.ticket.events, now)
  const context: Context = {
    timeline,
    calendar: compileCalendar(input.calendar),
    table: tierTable(input.tier.definition),
  }
  const metrics: Record<SlaMetric, MetricClock> = {
    firstResponse: clockFor('firstResponse', context, share),
    nextResponse: clockFor('nextResponse', context, share),
    periodicUpdate: clockFor('periodicUpdate', context, share),
    resolution: clockFor('resolution', context, share),
  }
  return {
    ticketId: input.ticket.id,
    tierVersionId: input.tier.id,
    severity: timeline.severity,
    status: timeline.status,
    evaluatedAt: timeline.end,
    metrics,
  }
}

function clockFor(metric: SlaMetric, context: Context, share: number): MetricClock {
  const { timeline, table } = context
  const m = metricIndex[metric]
  let cycles = 0
  let breachedCycles = 0
  let firstBreach: Instant | null = null
  let last: Measured | null = null
  let lastCycle: Cycle | null = null
  for (const cycle of cyclesOf(metric, timeline)) {
    const measured = measure(m, cycle, context)
    // A wait with no commitment at its end and no overrun before is not measured.
    if (measured.target === null && measured.breachAt === null) continue
    cycles++
    if (measured.breachAt !== null) {
      breachedCycles++
      firstBreach ??= measured.breachAt
    }
    last = measured
    lastCycle = cycle
  }
  if (last === null || lastCycle === null) {
    const target = table.targets[timeline.severityIndex * 4 + m] ?? null
    return {
      metric,
      state: 'not-applicable',
      targetSeconds: target === null ? null : target.minutes * 60,
      hours: target?.hours ?? null,
      elapsedSeconds: 0,
      remainingSeconds: null,
      breachedAt: null,
      dueAt: null,
      stoppedAt: null,
      running: false,
      cycles: 0,
      breachedCycles: 0,
    }
  }
  const running = lastCycle.end === null
  const targetMs = last.target === null ? null : last.target.minutes * 60_000
  const paused = running && table.paused[timeline.statusIndex * 4 + m] === 1
  let state: SlaState
  if (firstBreach !== null) state = 'breached'
  else if (!running) state = 'met'
  else if (paused) state = 'paused'
  else if (targetMs !== null && last.elapsedMs >= share * targetMs) state = 'at-risk'
  else state = 'ok'
  const dueAt =
    running && !paused && last.breachAt === null && targetMs !== null && last.target !== null
      ? addBusinessMs(timeline.end, targetMs - last.elapsedMs, calendarOf(last.target, context))
      : null
  return {
    metric,
    state,
    targetSeconds: targetMs === null ? null : targetMs / 1000,
    hours: last.target?.hours ?? null,
    elapsedSeconds: last.elapsedMs / 1000,
    remainingSeconds: targetMs === null ? null : Math.max(0, targetMs - last.elapsedMs) / 1000,
    breachedAt: firstBreach,
    dueAt,
    stoppedAt: lastCycle.end,
    running,
    cycles,
    breachedCycles,
  }
}

function calendarOf(target: SlaTarget, context: Context): CompiledCalendar {
  return target.hours === '24x7' ? alwaysOpen : context.calendar
}

function measure(m: number, cycle: Cycle, context: Context): Measured {
  const { timeline, table } = context
  const end = cycle.end ?? timeline.end
  let elapsed = 0
  let breachAt: Instant | null = null
  // Severity in force at the end of the wait: the last stretch that began before it (or at it,
  // for a wait that stopped the instant it started).
  let endSeverity = timeline.severityIndex
  for (const piece of timeline.pieces) {
    if (piece.from > end || (piece.from === end && end > cycle.start)) break
    endSeverity = piece.severityIndex
    const from = Math.max(piece.from, cycle.start)
    const to = Math.min(piece.to, end)
    if (to <= from) continue
    const slot = piece.severityIndex * 4 + m
    const targetMs = table.targetMs[slot] ?? -1
    if (targetMs < 0) continue
    // Re-targeted below what had already elapsed: overran the moment the severity changed.
    if (breachAt === null && elapsed > targetMs) breachAt = from
    if (table.paused[piece.statusIndex * 4 + m] === 1) continue
    const target = table.targets[slot]
    const calendar = target?.hours === '24x7' ? alwaysOpen : context.calendar
    const ms = businessMsBetween(from, to, calendar)
    if (breachAt === null && elapsed + ms > targetMs) {
      breachAt = addBusinessMs(from, targetMs - elapsed, calendar)
    }
    elapsed += ms
  }
  return { elapsedMs: elapsed, breachAt, target: table.targets[endSeverity * 4 + m] ?? null }
}
