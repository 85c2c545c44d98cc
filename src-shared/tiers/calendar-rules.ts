import type { FieldIssue } from '../ipc/errors'
import type { Calendar, Weekday } from '../model/calendar'
import { minutesOfDay, weekdays } from '../model/calendar'

/**
 * What the model's calendar schema refuses, restated so each message names the exact interval
 * (`weekly.tue.1`: "overlaps Tuesday 09:00–13:00") instead of only the day: the editor shows it
 * under the row to fix. The model's own check (`findOverlap`) still guards every stored document.
 * Intervals whose end is not after their start run overnight into the next day (the model's
 * rule), so "end before start" is an overnight shift, not an error; an empty one is refused by
 * the interval schema itself.
 */

export type CalendarDraft = Pick<
  Calendar,
  'name' | 'description' | 'timeZone' | 'coverage' | 'weekly' | 'holidays'
>

export const weekdayNames: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

const DAY = 24 * 60
const WEEK = 7 * DAY

interface Range {
  readonly day: Weekday
  readonly index: number
  readonly text: string
  readonly from: number
  readonly to: number
}

/** Every interval as week minutes (Monday 00:00 = 0), overnight ones running into the next day. */
function ranges(weekly: CalendarDraft['weekly']): Range[] {
  return weekdays.flatMap((day, dayIndex) =>
    weekly[day].map((interval, index) => {
      const start = minutesOfDay(interval.start)
      const end = minutesOfDay(interval.end)
      const from = dayIndex * DAY + start
      const overnight = end <= start
      return {
        day,
        index,
        text: `${weekdayNames[day]} ${interval.start}–${interval.end}${overnight ? ' (overnight)' : ''}`,
        from,
        to: from + (overnight ? end + DAY - start : end - start),
      }
    }),
  )
}

function overlapIssues(weekly: CalendarDraft['weekly']): FieldIssue[] {
  const all = ranges(weekly)
  const issues: FieldIssue[] = []
  const reported = new Set<string>()
  for (const a of all) {
    for (const b of all) {
      if (a === b) continue
      // Sunday's overnight shift wraps into Monday: compare b one week later too.
      const overlaps = [0, WEEK].some((shift) => a.from < b.to + shift && b.from + shift < a.to)
      // Report on the later-listed interval of the pair (the one just typed, usually).
      const later = a.from > b.from || (a.from === b.from && a.index > b.index) ? a : b
      const other = later === a ? b : a
      const field = `weekly.${later.day}.${later.index}`
      if (overlaps && !reported.has(field)) {
        reported.add(field)
        issues.push({ field, message: `overlaps ${other.text}` })
      }
    }
  }
  return issues
}

export function calendarDraftIssues(draft: CalendarDraft): FieldIssue[] {
  const intervals = weekdays.reduce((sum, day) => sum + draft.weekly[day].length, 0)
  if (draft.coverage === '24x7') {
    return [
      ...(intervals > 0
        ? [{ field: 'weekly', message: 'a 24x7 calendar is always open: remove its weekly hours' }]
        : []),
      ...(draft.holidays.length > 0
        ? [{ field: 'holidays', message: 'a 24x7 calendar has no holidays' }]
        : []),
    ]
  }
  const issues: FieldIssue[] = []
  if (intervals === 0) {
    issues.push({ field: 'weekly', message: 'business hours need at least one working interval' })
  }
  issues.push(...overlapIssues(draft.weekly))
  const dates = new Map<string, number>()
  draft.holidays.forEach((holiday, index) => {
    const first = dates.get(holiday.date)
    if (first !== undefined) {
      issues.push({
        field: `holidays.${index}.date`,
        message: `${holiday.date} is already a holiday (row ${first + 1})`,
      })
    } else dates.set(holiday.date, index)
  })
  return issues
}
