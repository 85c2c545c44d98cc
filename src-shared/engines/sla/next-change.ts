import type { Calendar } from '../../model/calendar'
import type { SlaMetric } from '../../model/enums'
import { slaMetrics } from '../../model/enums'
import type { Instant } from '../calendar/business-time'
import { addBusinessMs } from '../calendar/business-time'
import { alwaysOpen, compileCalendar } from '../calendar/compile'
import { DEFAULT_AT_RISK_SHARE } from './clocks'
import type { MetricClock, TicketClocks } from './types'

/**
 * When a running clock turns `at-risk` if nothing happens: the instant `share × target` of
 * (business or 24x7) time has elapsed. Null when the clock is stopped, paused, already at risk
 * or breached, or has no target.
 */
export function atRiskAt(
  clock: Readonly<MetricClock>,
  evaluatedAt: Instant,
  calendar: Calendar,
  atRiskShare: number = DEFAULT_AT_RISK_SHARE,
): Instant | null {
  if (clock.state !== 'ok' || !clock.running || clock.targetSeconds === null) return null
  const left = atRiskShare * clock.targetSeconds * 1000 - clock.elapsedSeconds * 1000
  const compiled = clock.hours === '24x7' ? alwaysOpen : compileCalendar(calendar)
  return addBusinessMs(evaluatedAt, Math.max(0, left), compiled)
}

/**
 * The next instant any clock of the ticket changes state on its own (ok → at-risk, at-risk →
 * breached), so a cached result or a screen knows when to ask again; null when nothing moves
 * until the next ticket event.
 */
export function nextStateChange(
  clocks: Readonly<TicketClocks>,
  calendar: Calendar,
  atRiskShare: number = DEFAULT_AT_RISK_SHARE,
): Instant | null {
  let next: Instant | null = null
  const consider = (instant: Instant | null) => {
    if (instant !== null && instant > clocks.evaluatedAt && (next === null || instant < next)) {
      next = instant
    }
  }
  for (const metric of slaMetrics satisfies readonly SlaMetric[]) {
    const clock = clocks.metrics[metric]
    consider(atRiskAt(clock, clocks.evaluatedAt, calendar, atRiskShare))
    if (clock.state === 'ok' || clock.state === 'at-risk') consider(clock.dueAt)
  }
  return next
}
