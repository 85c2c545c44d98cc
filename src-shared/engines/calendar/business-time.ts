import type { Calendar } from '../../model/calendar'
import type { CompiledCalendar } from './compile'
import { BLOCK_DAYS, compileCalendar } from './compile'
import { CalendarEngineError, localEpochDay } from './wall-clock'

/**
 * Instants are epoch milliseconds (UTC) throughout the engines: model times are ISO strings with
 * millisecond precision, and integer milliseconds keep every sum exact.
 */
export type Instant = number

/** Days with no open time after which a walk gives up: a calendar that never opens again. */
const MAX_CLOSED_DAYS = 3 * 366

function compiledOf(calendar: Calendar | CompiledCalendar): CompiledCalendar {
  return 'openInstants' in calendar ? calendar : compileCalendar(calendar)
}

/**
 * The instant at which `durationMs` of open time has passed since `start`. A zero duration
 * returns `start` itself, even outside business hours (nothing has to elapse). The walk starts
 * one local day early so the tail of an overnight interval that began the day before is seen.
 */
export function addBusinessMs(
  start: Instant,
  durationMs: number,
  calendar: Calendar | CompiledCalendar,
): Instant {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`duration must be a finite, non-negative number (got ${durationMs})`)
  }
  const compiled = compiledOf(calendar)
  if (compiled.alwaysOpen || durationMs === 0) return start + durationMs
  const zone = compiled.zone
  if (zone === null || !compiled.hasWeeklyHours) throw neverOpens()
  let remaining = durationMs
  let closedDays = 0
  for (let day = localEpochDay(zone, start) - 1; ; day++) {
    // A whole block after `start` that does not finish the duration: skip a month at once.
    if (day % BLOCK_DAYS === 0) {
      const block = compiled.openBlock(day / BLOCK_DAYS)
      if (block.ms > 0 && block.first >= start && block.ms < remaining) {
        remaining -= block.ms
        day += BLOCK_DAYS - 1
        closedDays = 0
        continue
      }
    }
    const instants = compiled.openInstants(day)
    if (instants.length === 0) {
      if (++closedDays > MAX_CLOSED_DAYS) throw neverOpens()
      continue
    }
    closedDays = 0
    // A whole day after `start` that does not finish the duration: skip it in one step.
    if ((instants[0] ?? 0) >= start && compiled.openMs(day) < remaining) {
      remaining -= compiled.openMs(day)
      continue
    }
    for (let i = 0; i < instants.length; i += 2) {
      const end = instants[i + 1] ?? 0
      if (end <= start) continue
      const from = Math.max(instants[i] ?? 0, start)
      const length = end - from
      if (remaining <= length) return from + remaining
      remaining -= length
    }
  }
}

/** Open milliseconds in `[a, b)`; zero when `b` is not after `a`. */
export function businessMsBetween(
  a: Instant,
  b: Instant,
  calendar: Calendar | CompiledCalendar,
): number {
  if (b <= a) return 0
  const compiled = compiledOf(calendar)
  const zone = compiled.zone
  if (compiled.alwaysOpen || zone === null) return b - a
  const lastDay = localEpochDay(zone, b)
  let total = 0
  for (let day = localEpochDay(zone, a) - 1; day <= lastDay; day++) {
    // A whole block inside [a, b): one cached sum instead of 32 days.
    if (day % BLOCK_DAYS === 0 && day + BLOCK_DAYS <= lastDay) {
      const block = compiled.openBlock(day / BLOCK_DAYS)
      if (block.first >= a && block.last <= b) {
        total += block.ms
        day += BLOCK_DAYS - 1
        continue
      }
    }
    const instants = compiled.openInstants(day)
    const count = instants.length
    if (count === 0) continue
    if ((instants[0] ?? 0) >= a && (instants[count - 1] ?? 0) <= b) {
      total += compiled.openMs(day)
      continue
    }
    for (let i = 0; i < count; i += 2) {
      const from = Math.max(instants[i] ?? 0, a)
      const to = Math.min(instants[i + 1] ?? 0, b)
      if (to > from) total += to - from
    }
  }
  return total
}

/**
 * `durationSeconds` of business time after `start` on `calendar` (24x7 calendars: plain
 * elapsed time). Exact to the millisecond; see {@link instantOfWallTime} for DST days.
 */
export function addBusinessTime(
  start: Instant,
  durationSeconds: number,
  calendar: Calendar | CompiledCalendar,
): Instant {
  return addBusinessMs(start, durationSeconds * 1000, calendar)
}

/** Business seconds between two instants (0 when `b` is not after `a`). */
export function businessTimeBetween(
  a: Instant,
  b: Instant,
  calendar: Calendar | CompiledCalendar,
): number {
  return businessMsBetween(a, b, calendar) / 1000
}

function neverOpens(): CalendarEngineError {
  return new CalendarEngineError('no-business-hours', 'the calendar has no open time to measure')
}
