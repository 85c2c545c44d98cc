import { minutesOfDay, weekdays, type Calendar } from '@shared/model/calendar'
import { addDays, localToUtc, zoneOffsetMs } from './zoned-time'

/**
 * A calendar expanded into the UTC instants it is open over a window: sorted, disjoint
 * intervals and the open time before each, so "add N business minutes" and "business minutes
 * between" are binary searches. The demo book uses it to place agents' replies inside working
 * hours and to aim SLA outcomes (met, breached) deliberately.
 */
export interface OpenHours {
  readonly kind: 'hours'
  readonly starts: Float64Array
  readonly ends: Float64Array
  /** Open ms before interval i. */
  readonly before: Float64Array
}

export type CompiledCalendar = OpenHours | { readonly kind: 'always' }

export const ALWAYS_OPEN: CompiledCalendar = { kind: 'always' }

const MINUTE = 60_000

function endMinutes(start: number, end: number): number {
  return end > start ? end : end + 24 * 60
}

/** Expands `calendar` over the local dates from `fromDate` to `toDate` (both YYYY-MM-DD). */
export function compileCalendar(
  calendar: Calendar,
  fromDate: string,
  toDate: string,
): CompiledCalendar {
  if (calendar.coverage === '24x7') return ALWAYS_OPEN
  const zone = calendar.timeZone
  const open: [number, number][] = []
  const closed: [number, number][] = []
  const holidays = new Map(calendar.holidays.map((holiday) => [holiday.date, holiday]))
  // The zone's offset at noon UTC of each day, looked up once per day: a day whose neighbours
  // share its offset has no DST change near it, so its times convert with that one offset.
  const noonOffsets = new Map<string, number>()
  const offsetNear = (date: string) => {
    let offset = noonOffsets.get(date)
    if (offset === undefined) {
      offset = zoneOffsetMs(zone, Date.parse(`${date}T12:00:00.000Z`))
      noonOffsets.set(date, offset)
    }
    return offset
  }
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    const midnight = Date.parse(`${date}T00:00:00.000Z`)
    const offset = offsetNear(date)
    const steady =
      offsetNear(addDays(date, -1)) === offset && offsetNear(addDays(date, 1)) === offset
    const toUtc = (minutes: number) =>
      steady ? midnight + minutes * 60_000 - offset : localToUtc(zone, date, minutes)
    const weekday = weekdays[(new Date(midnight).getUTCDay() + 6) % 7] ?? 'mon'
    for (const interval of calendar.weekly[weekday]) {
      const start = minutesOfDay(interval.start)
      const end = endMinutes(start, minutesOfDay(interval.end))
      open.push([toUtc(start), toUtc(end)])
    }
    const holiday = holidays.get(date)
    if (holiday?.kind === 'full-day') {
      closed.push([toUtc(0), toUtc(24 * 60)])
    } else if (holiday?.kind === 'partial') {
      closed.push([
        toUtc(minutesOfDay(holiday.closedFrom)),
        toUtc(minutesOfDay(holiday.closedUntil)),
      ])
    }
  }
  const intervals = subtract(merge(open), merge(closed))
  const starts = new Float64Array(intervals.length)
  const ends = new Float64Array(intervals.length)
  const before = new Float64Array(intervals.length)
  let total = 0
  intervals.forEach(([start, end], i) => {
    starts[i] = start
    ends[i] = end
    before[i] = total
    total += end - start
  })
  return { kind: 'hours', starts, ends, before }
}

function merge(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [start, end] of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end)
    else out.push([start, end])
  }
  return out
}

function subtract(open: readonly [number, number][], closed: readonly [number, number][]) {
  const out: [number, number][] = []
  let c = 0
  for (const [openStart, openEnd] of open) {
    let start = openStart
    while (c < closed.length && (closed[c]?.[1] ?? 0) <= start) c++
    let k = c
    while (start < openEnd) {
      const cut = closed[k]
      if (cut === undefined || cut[0] >= openEnd) {
        out.push([start, openEnd])
        break
      }
      if (cut[0] > start) out.push([start, cut[0]])
      start = Math.max(start, cut[1])
      k++
    }
  }
  return out
}

/** Index of the first interval that ends after `t` (intervals.length if none). */
function firstEndingAfter(hours: OpenHours, t: number): number {
  let low = 0
  let high = hours.ends.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((hours.ends[mid] ?? 0) <= t) low = mid + 1
    else high = mid
  }
  return low
}

/** Open ms from the start of the window up to `t`. */
function openBefore(hours: OpenHours, t: number): number {
  const i = firstEndingAfter(hours, t)
  if (i >= hours.starts.length) {
    const last = hours.starts.length - 1
    return last < 0
      ? 0
      : (hours.before[last] ?? 0) + (hours.ends[last] ?? 0) - (hours.starts[last] ?? 0)
  }
  const start = hours.starts[i] ?? 0
  return (hours.before[i] ?? 0) + Math.max(0, t - start)
}

/** The instant `minutes` of open time after `fromMs` (wall clock past the compiled window). */
export function addOpenMinutes(
  calendar: CompiledCalendar,
  fromMs: number,
  minutes: number,
): number {
  if (calendar.kind === 'always') return fromMs + minutes * MINUTE
  const target = openBefore(calendar, fromMs) + minutes * MINUTE
  let low = 0
  let high = calendar.before.length
  // Last interval whose open time before it is below the target.
  while (low < high) {
    const mid = (low + high) >> 1
    if ((calendar.before[mid] ?? 0) < target) low = mid + 1
    else high = mid
  }
  const i = low - 1
  if (i < 0) return fromMs + minutes * MINUTE
  const start = calendar.starts[i] ?? 0
  const end = calendar.ends[i] ?? 0
  const at = start + (target - (calendar.before[i] ?? 0))
  if (at > end) return end + (at - end) // past the window: keep counting on the wall clock
  return Math.max(at, fromMs)
}

/** Open minutes between two instants (0 if `to` is before `from`). */
export function openMinutesBetween(
  calendar: CompiledCalendar,
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0
  if (calendar.kind === 'always') return (toMs - fromMs) / MINUTE
  return (openBefore(calendar, toMs) - openBefore(calendar, fromMs)) / MINUTE
}

/** Whether the calendar is open at `t`. */
export function isOpenAt(calendar: CompiledCalendar, t: number): boolean {
  if (calendar.kind === 'always') return true
  const i = firstEndingAfter(calendar, t)
  return i < calendar.starts.length && (calendar.starts[i] ?? Infinity) <= t
}
