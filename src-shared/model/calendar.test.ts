import { describe, expect, it } from 'vitest'
import { calendarSchema, findOverlap, type WeeklyHours } from './calendar'
import { exampleDocuments } from './examples'

const calendar = exampleDocuments.library.find((doc) => doc.kind === 'calendar')
if (calendar?.kind !== 'calendar') throw new Error('example calendar missing')

const week = (partial: Partial<WeeklyHours>): WeeklyHours => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
  ...partial,
})

describe('calendars', () => {
  it('accepts split shifts and shifts that cross midnight', () => {
    expect(calendarSchema.safeParse(calendar).success).toBe(true)
    expect(findOverlap(calendar.weekly)).toBeUndefined()
  })

  it('finds overlaps, including an overnight shift running into the next morning', () => {
    expect(
      findOverlap(
        week({
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        }),
      ),
    ).toBe('mon')
    expect(
      findOverlap(
        week({ mon: [{ start: '22:00', end: '06:00' }], tue: [{ start: '05:00', end: '09:00' }] }),
      ),
    ).toBe('tue')
    // Sunday night wraps into Monday morning.
    expect(
      findOverlap(
        week({ sun: [{ start: '22:00', end: '02:00' }], mon: [{ start: '01:00', end: '05:00' }] }),
      ),
    ).toBe('mon')
    expect(
      findOverlap(
        week({ mon: [{ start: '09:00', end: '24:00' }], tue: [{ start: '00:00', end: '02:00' }] }),
      ),
    ).toBeUndefined()
  })

  it('names what is wrong with a calendar', () => {
    const result = calendarSchema.safeParse({
      ...calendar,
      timeZone: 'Mars/Olympus_Mons',
      weekly: week({
        mon: [{ start: '24:00', end: '08:00' }],
        tue: [{ start: '09:00', end: '09:00' }],
      }),
      holidays: [
        {
          kind: 'partial',
          date: '2026-12-24',
          name: 'Eve',
          closedFrom: '14:00',
          closedUntil: '12:00',
        },
        { kind: 'full-day', date: '2026-12-24', name: 'Again' },
      ],
    })
    const paths = result.error?.issues.map((issue) => issue.path.join('.'))
    expect(paths).toEqual(
      expect.arrayContaining([
        'timeZone',
        'weekly.mon.0.start',
        'weekly.tue.0.end',
        'holidays.0.closedUntil',
        'holidays.1.date',
      ]),
    )
  })

  it('keeps 24x7 calendars free of hours and holidays', () => {
    const always = { ...calendar, coverage: '24x7', weekly: week({}), holidays: [] }
    expect(calendarSchema.safeParse(always).success).toBe(true)
    expect(calendarSchema.safeParse({ ...always, holidays: calendar.holidays }).success).toBe(false)
    expect(calendarSchema.safeParse({ ...calendar, weekly: week({}) }).success).toBe(false)
  })
})
