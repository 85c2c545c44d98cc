import { describe, expect, it } from 'vitest'
import { fieldIssuesOf } from '../ipc/errors'
import type { WeeklyHours } from '../model/calendar'
import { mondayOf, weekPreview } from './calendar-preview'
import type { CalendarDraft } from './calendar-rules'
import { calendarDraftSchema } from './tier-queries'

const none: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
const nineToFive = [{ start: '09:00', end: '17:00' }]

function draft(overrides: Partial<CalendarDraft> = {}): CalendarDraft {
  return {
    name: 'Berlin desk',
    description: '',
    timeZone: 'Europe/Berlin',
    coverage: 'business-hours',
    weekly: {
      ...none,
      mon: nineToFive,
      tue: nineToFive,
      wed: nineToFive,
      thu: nineToFive,
      fri: nineToFive,
    },
    holidays: [],
    ...overrides,
  }
}

function refusals(input: unknown): [string, string][] {
  const result = calendarDraftSchema.safeParse(input)
  return result.success ? [] : fieldIssuesOf(result.error).map((i) => [i.field, i.message])
}

describe('calendar validation', () => {
  it('accepts split shifts and an overnight shift that meets the next morning', () => {
    const weekly = {
      ...none,
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
        { start: '22:00', end: '06:00' },
      ],
      tue: [{ start: '06:00', end: '10:00' }],
    }
    expect(refusals(draft({ weekly }))).toEqual([])
  })

  it.each([
    [
      'two intervals of one day that overlap',
      draft({
        weekly: {
          ...none,
          tue: [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '14:00' },
          ],
        },
      }),
      [['weekly.tue.1', 'overlaps Tuesday 09:00–13:00']],
    ],
    [
      "an overnight shift running into the next day's hours",
      draft({
        weekly: {
          ...none,
          mon: [{ start: '22:00', end: '07:00' }],
          tue: [{ start: '06:00', end: '10:00' }],
        },
      }),
      [['weekly.tue.0', 'overlaps Monday 22:00–07:00 (overnight)']],
    ],
    [
      "Sunday's overnight shift running into Monday",
      draft({
        weekly: {
          ...none,
          mon: [{ start: '05:00', end: '09:00' }],
          sun: [{ start: '23:00', end: '06:00' }],
        },
      }),
      [['weekly.sun.0', 'overlaps Monday 05:00–09:00']],
    ],
    [
      'an unknown time zone',
      draft({ timeZone: 'Europe/Atlantis' }),
      [['timeZone', 'must be an IANA time zone such as Europe/Berlin']],
    ],
    [
      'a partial holiday that ends before it starts',
      draft({
        holidays: [
          {
            kind: 'partial',
            date: '2026-12-24',
            name: 'Christmas Eve',
            closedFrom: '14:00',
            closedUntil: '12:00',
          },
        ],
      }),
      [['holidays.0.closedUntil', 'closedUntil must be after closedFrom']],
    ],
    [
      'an empty interval',
      draft({ weekly: { ...none, wed: [{ start: '09:00', end: '09:00' }] } }),
      [['weekly.wed.0.end', 'an interval must not be empty']],
    ],
    [
      'business hours with no interval at all',
      draft({ weekly: none }),
      [['weekly', 'business hours need at least one working interval']],
    ],
    [
      'a holiday entered twice',
      draft({
        holidays: [
          { kind: 'full-day', date: '2026-12-25', name: 'Christmas' },
          { kind: 'full-day', date: '2026-12-25', name: 'Xmas' },
        ],
      }),
      [['holidays.1.date', '2026-12-25 is already a holiday (row 1)']],
    ],
    [
      'weekly hours on a 24x7 calendar',
      draft({ coverage: '24x7' }),
      [['weekly', 'a 24x7 calendar is always open: remove its weekly hours']],
    ],
  ])('refuses %s, naming the field', (_name, input, expected) => {
    expect(refusals(input)).toEqual(expected)
  })
})

describe('week preview', () => {
  it('starts on the Monday of the given date', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30')
    expect(mondayOf('2026-11-30')).toBe('2026-11-30')
    expect(mondayOf('2026-12-06')).toBe('2026-11-30')
  })

  it('shows split shifts, the overnight tail on the next day, and holidays closing hours', () => {
    const preview = weekPreview(
      draft({
        weekly: {
          ...none,
          mon: [
            { start: '13:00', end: '18:00' },
            { start: '09:00', end: '12:00' },
          ],
          tue: [{ start: '22:00', end: '02:00' }],
          thu: nineToFive,
        },
        holidays: [
          {
            kind: 'partial',
            date: '2026-12-03',
            name: 'Staff party',
            closedFrom: '15:00',
            closedUntil: '24:00',
          },
        ],
      }),
      '2026-12-02',
    )
    const days = preview.days.map((day) => [
      day.date,
      day.intervals.map((i) => `${i.start}-${i.end}`),
      day.holiday,
    ])
    expect(days).toEqual([
      ['2026-11-30', ['09:00-12:00', '13:00-18:00'], null],
      ['2026-12-01', ['22:00-24:00'], null],
      ['2026-12-02', ['00:00-02:00'], null],
      ['2026-12-03', ['09:00-15:00'], 'Staff party'],
      ['2026-12-04', [], null],
      ['2026-12-05', [], null],
      ['2026-12-06', [], null],
    ])
    expect(preview.openMinutes).toBe((3 + 5 + 4 + 6) * 60)
  })

  it('keeps wall-clock hours across a DST change and counts the real time of the night shift', () => {
    // Europe/Berlin falls back on Sunday 2026-10-25 at 03:00: the 00:00–06:00 tail lasts 7 hours.
    const preview = weekPreview(
      draft({ weekly: { ...none, sat: [{ start: '20:00', end: '06:00' }], fri: nineToFive } }),
      '2026-10-21',
    )
    const sunday = preview.days[6]
    expect(sunday?.intervals).toEqual([{ start: '00:00', end: '06:00' }])
    expect(sunday?.openMinutes).toBe(7 * 60)
    expect(preview.days[4]?.intervals).toEqual([{ start: '09:00', end: '17:00' }])
  })

  it('shows a 24x7 calendar open all day every day', () => {
    const preview = weekPreview(draft({ coverage: '24x7', weekly: none }), '2026-12-02')
    expect(preview.alwaysOpen).toBe(true)
    expect(preview.openMinutes).toBe(7 * 24 * 60)
  })
})
