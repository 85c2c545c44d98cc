import { compileCalendar } from '../engines/calendar/compile'
import { epochDayOf, MS_PER_DAY, MS_PER_MINUTE, zoneFor } from '../engines/calendar/wall-clock'
import type { Calendar, Weekday } from '../model/calendar'
import { weekdays } from '../model/calendar'
import type { CalendarDraft } from './calendar-rules'

/**
 * A week of a calendar as the engine measures it: for each local date, the open intervals in
 * the calendar's wall-clock time after holidays, overnight tails and DST are applied. It comes
 * from the same compiled calendar the SLA clocks walk, so the preview cannot disagree with them.
 */

export interface PreviewInterval {
  /** Wall-clock times of that date, `HH:MM`; `24:00` when open until midnight. */
  readonly start: string
  readonly end: string
}

export interface PreviewDay {
  readonly date: string
  readonly weekday: Weekday
  readonly intervals: readonly PreviewInterval[]
  readonly openMinutes: number
  /** The holiday on this date, if any (closing all or part of it). */
  readonly holiday: string | null
}

export interface WeekPreview {
  readonly weekStart: string
  readonly timeZone: string
  readonly alwaysOpen: boolean
  readonly days: readonly PreviewDay[]
  readonly openMinutes: number
}

// The compiled-calendar cache keys on the document; a draft gets a throwaway identity.
const DRAFT_ID = '00000000000000000000000000'
const DRAFT_TIME = '1970-01-01T00:00:00.000Z'

function asCalendar(draft: CalendarDraft): Calendar {
  return {
    ...draft,
    id: DRAFT_ID,
    kind: 'calendar',
    createdAt: DRAFT_TIME,
    updatedAt: DRAFT_TIME,
    updatedBy: 'system:preview',
  }
}

const pad = (n: number) => String(n).padStart(2, '0')
const wallTime = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`

function isoDateOfEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** The Monday on or before `date` (a local date of the calendar's zone). */
export function mondayOf(date: string): string {
  const day = epochDayOf(date)
  // Epoch day 0 was a Thursday: Monday-based index = (day + 3) mod 7.
  return isoDateOfEpochDay(day - ((((day + 3) % 7) + 7) % 7))
}

/** The seven days from the Monday of `date`'s week, open intervals per day. */
export function weekPreview(draft: CalendarDraft, date: string): WeekPreview {
  const weekStart = mondayOf(date)
  const first = epochDayOf(weekStart)
  const calendar = asCalendar(draft)
  const compiled = compileCalendar(calendar)
  const zone = compiled.alwaysOpen ? null : zoneFor(draft.timeZone)
  const holidays = new Map(draft.holidays.map((holiday) => [holiday.date, holiday.name]))
  const days = weekdays.map((weekday, offset): PreviewDay => {
    const day = first + offset
    const date = isoDateOfEpochDay(day)
    const holiday = holidays.get(date) ?? null
    if (zone === null) {
      return {
        date,
        weekday,
        intervals: [{ start: '00:00', end: '24:00' }],
        openMinutes: 24 * 60,
        holiday,
      }
    }
    const instants = compiled.openInstants(day)
    const intervals: PreviewInterval[] = []
    // Wall minute of an instant on this date; an end at the next midnight reads 24:00.
    const minuteOf = (instant: number) =>
      Math.floor(
        (instant + zone.offsetMinutes(instant) * MS_PER_MINUTE - day * MS_PER_DAY) / MS_PER_MINUTE,
      )
    for (let i = 0; i + 1 < instants.length; i += 2) {
      const start = instants[i] ?? 0
      const end = instants[i + 1] ?? 0
      intervals.push({ start: wallTime(minuteOf(start)), end: wallTime(minuteOf(end - 1) + 1) })
    }
    return {
      date,
      weekday,
      intervals,
      openMinutes: Math.round(compiled.openMs(day) / MS_PER_MINUTE),
      holiday,
    }
  })
  return {
    weekStart,
    timeZone: draft.timeZone,
    alwaysOpen: compiled.alwaysOpen,
    days,
    openMinutes: days.reduce((sum, day) => sum + day.openMinutes, 0),
  }
}
