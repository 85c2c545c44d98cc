import { z } from 'zod'
import {
  documentMetaShape,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  labelSchema,
  localTimeSchema,
  timeZoneSchema,
} from './primitives'

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof weekdays)[number]

const MINUTES_PER_DAY = 24 * 60
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

/**
 * A working interval on one weekday, in wall-clock time of the calendar's zone. When `end` is
 * not after `start` (22:00–06:00) the interval runs past midnight into the next day, which is how
 * overnight and follow-the-sun shifts are written; `24:00` ends exactly at midnight.
 */
export const workingIntervalSchema = z
  .strictObject({ start: localTimeSchema, end: localTimeSchema })
  .refine((interval) => interval.start !== '24:00', {
    message: 'an interval cannot start at 24:00',
    path: ['start'],
  })
  .refine((interval) => interval.start !== interval.end, {
    message: 'an interval must not be empty',
    path: ['end'],
  })

const dayHoursSchema = z.array(workingIntervalSchema).max(8)

export const weeklyHoursSchema = z.strictObject({
  mon: dayHoursSchema,
  tue: dayHoursSchema,
  wed: dayHoursSchema,
  thu: dayHoursSchema,
  fri: dayHoursSchema,
  sat: dayHoursSchema,
  sun: dayHoursSchema,
})

/** A holiday on a date of the calendar's zone: closed all day, or closed for part of it. */
export const holidaySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('full-day'), date: isoDateSchema, name: labelSchema(120) }),
  z
    .strictObject({
      kind: z.literal('partial'),
      date: isoDateSchema,
      name: labelSchema(120),
      closedFrom: localTimeSchema,
      closedUntil: localTimeSchema,
    })
    .refine((holiday) => holiday.closedFrom < holiday.closedUntil, {
      message: 'closedUntil must be after closedFrom',
      path: ['closedUntil'],
    }),
])

/** Week-minute ranges of every interval, so overlaps across midnight are caught too. */
function weekRanges(weekly: Readonly<WeeklyHours>): { day: Weekday; from: number; to: number }[] {
  return weekdays.flatMap((day, index) =>
    weekly[day].map((interval) => {
      const start = minutesOfDay(interval.start)
      const end = minutesOfDay(interval.end)
      const from = index * MINUTES_PER_DAY + start
      return { day, from, to: from + (end > start ? end - start : end + MINUTES_PER_DAY - start) }
    }),
  )
}

export function findOverlap(weekly: Readonly<WeeklyHours>): Weekday | undefined {
  const ranges = weekRanges(weekly)
  // Sunday's overnight shift wraps into Monday: compare against Monday shifted by one week too.
  const shifted = ranges.map((r) => ({
    ...r,
    from: r.from + MINUTES_PER_WEEK,
    to: r.to + MINUTES_PER_WEEK,
  }))
  const all = [...ranges, ...shifted].sort((a, b) => a.from - b.from)
  for (let i = 1; i < all.length; i++) {
    const previous = all[i - 1]
    const current = all[i]
    if (previous !== undefined && current !== undefined && current.from < previous.to) {
      return current.day
    }
  }
  return undefined
}

/** A support calendar; stored in the `library` collection (kind `calendar`). */
export const calendarSchema = z
  .strictObject({
    id: idSchema,
    kind: z.literal('calendar'),
    name: labelSchema(120),
    description: z.string().max(2000),
    timeZone: timeZoneSchema,
    /** `24x7` calendars are always open: no weekly hours, no holidays. */
    coverage: z.enum(['business-hours', '24x7']),
    weekly: weeklyHoursSchema,
    holidays: z.array(holidaySchema).max(400),
    createdAt: isoDateTimeSchema,
    ...documentMetaShape,
  })
  .superRefine((calendar, ctx) => {
    const intervals = weekdays.reduce((sum, day) => sum + calendar.weekly[day].length, 0)
    if (calendar.coverage === '24x7') {
      if (intervals > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['weekly'],
          message: 'a 24x7 calendar has no weekly hours',
        })
      if (calendar.holidays.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['holidays'],
          message: 'a 24x7 calendar has no holidays',
        })
      return
    }
    if (intervals === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['weekly'],
        message: 'business hours need at least one interval',
      })
    }
    const overlap = findOverlap(calendar.weekly)
    if (overlap !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['weekly', overlap],
        message: 'working intervals overlap',
      })
    }
    const dates = new Set<string>()
    calendar.holidays.forEach((holiday, index) => {
      if (dates.has(holiday.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', index, 'date'],
          message: 'duplicate holiday date',
        })
      }
      dates.add(holiday.date)
    })
  })

export type WeeklyHours = z.infer<typeof weeklyHoursSchema>
export type WorkingInterval = z.infer<typeof workingIntervalSchema>
export type Holiday = z.infer<typeof holidaySchema>
export type Calendar = Readonly<z.infer<typeof calendarSchema>>
