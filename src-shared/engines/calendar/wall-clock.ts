import { IANAZone } from 'luxon'

export const MS_PER_MINUTE = 60_000
export const MS_PER_DAY = 86_400_000

/** Thrown for a calendar the engine cannot measure on (unknown zone, no reachable hours). */
export class CalendarEngineError extends Error {
  override readonly name = 'CalendarEngineError'
  constructor(
    readonly code: 'unknown-time-zone' | 'no-business-hours',
    message: string,
  ) {
    super(message)
  }
}

/** Luxon zone with its offsets (minutes east of UTC) read through the runtime's tz database. */
export interface Zone {
  readonly name: string
  offsetMinutes(instantMs: number): number
}

/**
 * Luxon reads offsets through Intl (microseconds per call), and the walk asks for one per
 * measurement, so offsets are cached per UTC day: the offset at its start, and for the few days
 * with a transition the instant of the change and the offset after it (no zone changes twice
 * within a day).
 */
export function zoneFor(name: string): Zone {
  const zone = IANAZone.create(name)
  if (!zone.isValid) throw new CalendarEngineError('unknown-time-zone', `unknown zone ${name}`)
  const byUtcDay = new DayTable<UtcDayOffsets>()
  return {
    name,
    offsetMinutes(instantMs) {
      const day = Math.floor(instantMs / MS_PER_DAY)
      let entry = byUtcDay.get(day)
      if (entry === undefined) {
        entry = utcDayOffsets(zone, day)
        byUtcDay.set(day, entry)
      }
      return instantMs < entry.changeAt ? entry.before : entry.after
    },
  }
}

/** The offsets of one UTC day: `before` until `changeAt`, `after` from it (Infinity: no change). */
interface UtcDayOffsets {
  readonly before: number
  readonly after: number
  readonly changeAt: number
}

function utcDayOffsets(zone: IANAZone, day: number): UtcDayOffsets {
  const start = day * MS_PER_DAY
  const before = zone.offset(start)
  const after = zone.offset(start + MS_PER_DAY - 1)
  if (before === after) return { before, after, changeAt: Infinity }
  // Transitions fall on whole seconds: bisect to the first second with the new offset.
  let lo = start
  let hi = start + MS_PER_DAY - 1000
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (zone.offset(mid) === before) lo = mid
    else hi = mid
  }
  return { before, after, changeAt: hi }
}

/**
 * A cache keyed by epoch day: a plain array for 1970–2169 (array reads are several times faster
 * than Map lookups, and the walk does one per day it crosses), a Map outside that range.
 */
export class DayTable<T> {
  private static readonly SIZE = 73_000
  private readonly dense: (T | undefined)[] = new Array<T | undefined>(DayTable.SIZE)
  private readonly sparse = new Map<number, T>()

  get(day: number): T | undefined {
    return day >= 0 && day < DayTable.SIZE ? this.dense[day] : this.sparse.get(day)
  }

  set(day: number, value: T): void {
    if (day >= 0 && day < DayTable.SIZE) this.dense[day] = value
    else this.sparse.set(day, value)
  }
}

/** Days since 1970-01-01 of a date written `YYYY-MM-DD`. */
export function epochDayOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4))
  const month = Number(isoDate.slice(5, 7))
  const day = Number(isoDate.slice(8, 10))
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY)
}

/** Monday = 0 … Sunday = 6; 1970-01-01 (epoch day 0) was a Thursday. */
export function weekdayIndexOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7
}

/** The date (epoch day) the calendar's zone shows at an instant. */
export function localEpochDay(zone: Zone, instantMs: number): number {
  return Math.floor((instantMs + zone.offsetMinutes(instantMs) * MS_PER_MINUTE) / MS_PER_DAY)
}

/**
 * The instant at which the zone's clocks show `minute` (0–1440) of the local date `epochDay`.
 *
 * DST rule (what must stay true, tests pin it):
 * - a wall-clock time that does not exist (skipped by a spring-forward change, e.g. 02:30 on
 *   2026-03-08 in New York) maps to the instant the gap ends (03:00 EDT) — the first instant whose
 *   wall time is not before it;
 * - a wall-clock time that occurs twice (fall-back, 01:30 on 2026-11-01 in New York) maps to its
 *   first occurrence (01:30 EDT).
 * The map is non-decreasing in wall time, so intervals keep their order; an interval then covers
 * the real time between its mapped boundaries (09:00–17:00 is 8 h on every day, 00:00–08:00 is
 * 7 h on a spring-forward day and 9 h on a fall-back day).
 */
export function instantOfWallTime(zone: Zone, epochDay: number, minute: number): number {
  const wall = epochDay * MS_PER_DAY + minute * MS_PER_MINUTE
  // Real zones change offset at most once within a day either side of any instant.
  const before = zone.offsetMinutes(wall - MS_PER_DAY)
  const after = zone.offsetMinutes(wall + MS_PER_DAY)
  const candidates: number[] = []
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset * MS_PER_MINUTE
    if (zone.offsetMinutes(instant) === offset) candidates.push(instant)
  }
  if (candidates.length > 0) return Math.min(...candidates)
  return gapEnd(zone, wall - after * MS_PER_MINUTE, wall - before * MS_PER_MINUTE, before)
}

/**
 * The instant a spring-forward gap ends: clocks show `offsetBefore` up to it. `low` still has
 * the old offset, `high` the new one; bisect to the second (tz transitions fall on whole seconds).
 */
function gapEnd(zone: Zone, low: number, high: number, offsetBefore: number): number {
  let lo = low
  let hi = high
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (zone.offsetMinutes(mid) === offsetBefore) lo = mid
    else hi = mid
  }
  return hi
}
