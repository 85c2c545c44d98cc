import type { Calendar, Holiday } from '../../model/calendar'
import { minutesOfDay, weekdays } from '../../model/calendar'
import type { Zone } from './wall-clock'
import { DayTable, epochDayOf, instantOfWallTime, weekdayIndexOf, zoneFor } from './wall-clock'

/** Minute ranges `[from, to)` of one local day, 0–1440, sorted and disjoint. */
type MinuteRanges = readonly (readonly [number, number])[]

/**
 * A calendar turned into what the walk needs: its zone, the open minutes of each weekday (with
 * overnight intervals already split at midnight) and the closed minutes of each holiday.
 * Open instants of a local date are computed once per date and cached, so measuring a ticket
 * costs an array read per day it spans, never a step per minute.
 */
export interface CompiledCalendar {
  readonly alwaysOpen: boolean
  readonly zone: Zone | null
  /** Open instants of a local date as flat `[start0, end0, start1, end1, …]` (ms, UTC). */
  openInstants(epochDay: number): readonly number[]
  /** Total open milliseconds of a local date. */
  openMs(epochDay: number): number
  /** Open time of the 32 local days from `block * 32`, so long spans skip a month at a time. */
  openBlock(block: number): OpenBlock
  /** Whether some weekday has open time; when not, every walk would run forever. */
  readonly hasWeeklyHours: boolean
}

export const BLOCK_DAYS = 32

export interface OpenBlock {
  readonly ms: number
  /** First and last open instants of the block (±Infinity when it has none). */
  readonly first: number
  readonly last: number
}

const compiled = new WeakMap<Calendar, CompiledCalendar>()
// Consecutive tickets mostly share an account, hence a calendar: skip the WeakMap lookup then.
let lastCalendar: Calendar | null = null
let lastCompiled: CompiledCalendar | null = null

/** Compiles once per calendar document (documents are immutable values here). */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  if (calendar === lastCalendar && lastCompiled !== null) return lastCompiled
  let result = compiled.get(calendar)
  if (result === undefined) {
    result = calendar.coverage === '24x7' ? alwaysOpen : compileBusinessHours(calendar)
    compiled.set(calendar, result)
  }
  lastCalendar = calendar
  lastCompiled = result
  return result
}

/** Around the clock: what 24x7 targets are measured on whatever the account calendar says. */
export const alwaysOpen: CompiledCalendar = {
  alwaysOpen: true,
  zone: null,
  openInstants: () => [],
  openMs: () => 0,
  openBlock: () => ({ ms: 0, first: Infinity, last: -Infinity }),
  hasWeeklyHours: true,
}

function compileBusinessHours(calendar: Calendar): CompiledCalendar {
  const zone = zoneFor(calendar.timeZone)
  const weekly = weeklyRanges(calendar)
  const closures = new Map<number, MinuteRanges>()
  for (const holiday of calendar.holidays) closures.set(epochDayOf(holiday.date), closed(holiday))
  const days = new DayTable<{ instants: readonly number[]; ms: number }>()

  const day = (epochDay: number) => {
    let entry = days.get(epochDay)
    if (entry === undefined) {
      const ranges = subtract(weekly[weekdayIndexOf(epochDay)] ?? [], closures.get(epochDay) ?? [])
      const instants: number[] = []
      let ms = 0
      for (const [from, to] of ranges) {
        const start = instantOfWallTime(zone, epochDay, from)
        const end = instantOfWallTime(zone, epochDay, to)
        // Both ends inside one spring-forward gap: the interval never happens that day.
        if (end <= start) continue
        const last = instants.length - 1
        if (last > 0 && instants[last] === start) instants[last] = end
        else instants.push(start, end)
        ms += end - start
      }
      entry = { instants, ms }
      days.set(epochDay, entry)
    }
    return entry
  }

  const blocks = new Map<number, OpenBlock>()
  const block = (index: number) => {
    let entry = blocks.get(index)
    if (entry === undefined) {
      let ms = 0
      let first = Infinity
      let last = -Infinity
      for (let d = index * BLOCK_DAYS; d < (index + 1) * BLOCK_DAYS; d++) {
        const { instants, ms: dayMs } = day(d)
        if (instants.length === 0) continue
        ms += dayMs
        first = Math.min(first, instants[0] ?? Infinity)
        last = instants[instants.length - 1] ?? last
      }
      entry = { ms, first, last }
      blocks.set(index, entry)
    }
    return entry
  }

  return {
    alwaysOpen: false,
    zone,
    openInstants: (epochDay) => day(epochDay).instants,
    openMs: (epochDay) => day(epochDay).ms,
    openBlock: block,
    hasWeeklyHours: weekly.some((ranges) => ranges.length > 0),
  }
}

/** Per weekday (Monday first), the open minute ranges, with overnight intervals split. */
function weeklyRanges(calendar: Calendar): MinuteRanges[] {
  const perDay: [number, number][][] = weekdays.map(() => [])
  weekdays.forEach((name, index) => {
    for (const interval of calendar.weekly[name]) {
      const start = minutesOfDay(interval.start)
      const end = minutesOfDay(interval.end)
      if (end > start) {
        perDay[index]?.push([start, end])
      } else {
        // 22:00–06:00 on Monday: Monday 22:00–24:00 and Tuesday 00:00–06:00 (Sunday wraps).
        perDay[index]?.push([start, 1440])
        if (end > 0) perDay[(index + 1) % 7]?.push([0, end])
      }
    }
  })
  return perDay.map(normalise)
}

/** Sorts and merges touching ranges (a 24:00 end followed by a 00:00 start stays two days). */
function normalise(ranges: [number, number][]): MinuteRanges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to)
    else merged.push([from, to])
  }
  return merged
}

/**
 * A holiday closes wall-clock time of its own date only: Tuesday's holiday closes the
 * 00:00–06:00 tail of Monday's overnight shift, not Monday's 22:00–24:00 part.
 */
function closed(holiday: Holiday): MinuteRanges {
  return holiday.kind === 'full-day'
    ? [[0, 1440]]
    : [[minutesOfDay(holiday.closedFrom), minutesOfDay(holiday.closedUntil)]]
}

function subtract(open: MinuteRanges, closedRanges: MinuteRanges): MinuteRanges {
  let result: MinuteRanges = open
  for (const [cFrom, cTo] of closedRanges) {
    const next: (readonly [number, number])[] = []
    for (const [from, to] of result) {
      if (cTo <= from || cFrom >= to) next.push([from, to])
      else {
        if (from < cFrom) next.push([from, cFrom])
        if (cTo < to) next.push([cTo, to])
      }
    }
    result = next
  }
  return result
}
