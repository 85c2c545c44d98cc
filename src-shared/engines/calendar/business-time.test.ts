import { describe, expect, it } from 'vitest'
import { businessCalendar, roundTheClockCalendar } from '../fixtures/calendar'
import { localMs } from '../fixtures/time'
import { addBusinessTime, businessTimeBetween } from './business-time'
import { CalendarEngineError } from './wall-clock'

const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'
const H = 3600

const nineToFive = businessCalendar({ timeZone: NY })
const lunchBreak = businessCalendar({ timeZone: NY, weekdays: ['09:00-12:00', '13:00-17:00'] })
/** Night desk Monday–Friday nights: Friday's shift runs into Saturday morning. */
const nightDesk = businessCalendar({ timeZone: BERLIN, weekdays: ['22:00-06:00'] })
const nightDeskTuesdayHoliday = businessCalendar({
  timeZone: BERLIN,
  weekdays: ['22:00-06:00'],
  holidays: [{ kind: 'full-day', date: '2026-06-09', name: 'Tuesday off' }],
})
const usHolidays = businessCalendar({
  timeZone: NY,
  holidays: [
    { kind: 'full-day', date: '2026-07-03', name: 'Independence Day (observed)' },
    {
      kind: 'partial',
      date: '2026-12-24',
      name: 'Christmas Eve',
      closedFrom: '12:00',
      closedUntil: '24:00',
    },
    { kind: 'full-day', date: '2026-12-25', name: 'Christmas Day' },
  ],
})

interface AddCase {
  readonly name: string
  readonly calendar: typeof nineToFive
  readonly start: string
  readonly seconds: number
  readonly expected: string
}

// Wall-clock times are in the calendar's zone (NY cases in NY, Berlin cases in Berlin).
const addCases: readonly AddCase[] = [
  {
    name: 'Friday afternoon + 4 h carries over the weekend to Monday 11:00',
    calendar: nineToFive,
    start: '2026-03-06T15:00',
    seconds: 4 * H,
    expected: '2026-03-09T11:00',
  },
  {
    name: 'before opening, the clock starts at 09:00',
    calendar: nineToFive,
    start: '2026-06-08T07:00',
    seconds: 1 * H,
    expected: '2026-06-08T10:00',
  },
  {
    name: 'one second after closing time lands on the next opening second',
    calendar: nineToFive,
    start: '2026-06-05T17:00',
    seconds: 1,
    expected: '2026-06-08T09:00:01',
  },
  {
    name: 'ending exactly at closing time stays on that day',
    calendar: nineToFive,
    start: '2026-06-08T09:00',
    seconds: 8 * H,
    expected: '2026-06-08T17:00',
  },
  {
    name: 'lunch break is skipped',
    calendar: lunchBreak,
    start: '2026-06-08T11:30',
    seconds: 1 * H,
    expected: '2026-06-08T13:30',
  },
  {
    name: 'a week of lunch-break days is 35 h',
    calendar: lunchBreak,
    start: '2026-06-08T09:00',
    seconds: 35 * H,
    expected: '2026-06-12T17:00',
  },
  {
    name: 'overnight shift: Monday 05:00 is closed (Sunday has no shift), opens 22:00',
    calendar: nightDesk,
    start: '2026-06-08T05:00',
    seconds: 2 * H,
    expected: '2026-06-09T00:00',
  },
  {
    name: "overnight shift: Tuesday 05:00 is inside Monday's shift",
    calendar: nightDesk,
    start: '2026-06-09T05:00',
    seconds: 2 * H,
    expected: '2026-06-09T23:00',
  },
  {
    name: "Friday's night shift runs into Saturday morning",
    calendar: nightDesk,
    start: '2026-06-13T05:00',
    seconds: 30 * 60,
    expected: '2026-06-13T05:30',
  },
  {
    name: "a holiday closes its own date: Monday's shift stops at midnight, Tuesday's tail runs",
    calendar: nightDeskTuesdayHoliday,
    start: '2026-06-08T23:00',
    seconds: 2 * H,
    expected: '2026-06-10T01:00',
  },
  {
    name: 'full-day holiday on Friday: Thursday 16:00 + 2 h is Monday 10:00',
    calendar: usHolidays,
    start: '2026-07-02T16:00',
    seconds: 2 * H,
    expected: '2026-07-06T10:00',
  },
  {
    name: 'partial holiday closes Christmas Eve afternoon, then Christmas Day and the weekend',
    calendar: usHolidays,
    start: '2026-12-24T11:00',
    seconds: 2 * H,
    expected: '2026-12-28T10:00',
  },
]

describe('addBusinessTime', () => {
  it.each(addCases)('$name', ({ calendar, start, seconds, expected }) => {
    const zone = calendar.timeZone
    expect(new Date(addBusinessTime(localMs(start, zone), seconds, calendar)).toISOString()).toBe(
      new Date(localMs(expected, zone)).toISOString(),
    )
  })

  it('inverts businessTimeBetween on every table case', () => {
    for (const { calendar, start, seconds, expected } of addCases) {
      const zone = calendar.timeZone
      expect(businessTimeBetween(localMs(start, zone), localMs(expected, zone), calendar)).toBe(
        seconds,
      )
    }
  })

  it('returns the start for a zero duration and rejects negative ones', () => {
    const sunday = localMs('2026-06-07T12:00', NY)
    expect(addBusinessTime(sunday, 0, nineToFive)).toBe(sunday)
    expect(() => addBusinessTime(sunday, -1, nineToFive)).toThrow(RangeError)
  })
})

describe('businessTimeBetween', () => {
  const cases = [
    ['Saturday to Sunday is zero', nineToFive, '2026-06-06T08:00', '2026-06-07T20:00', 0],
    ['a full working week is 40 h', nineToFive, '2026-06-08T00:00', '2026-06-15T00:00', 40 * H],
    ['lunch break excluded', lunchBreak, '2026-06-08T11:00', '2026-06-08T14:00', 2 * H],
    ['the week of 4 July loses Friday', usHolidays, '2026-06-29T00:00', '2026-07-06T00:00', 32 * H],
    ['night desk week: five 8 h shifts', nightDesk, '2026-06-08T00:00', '2026-06-15T00:00', 40 * H],
    ['reversed bounds measure zero', nineToFive, '2026-06-09T12:00', '2026-06-08T12:00', 0],
  ] as const
  it.each(cases)('%s', (_name, calendar, a, b, expected) => {
    const zone = calendar.timeZone
    expect(businessTimeBetween(localMs(a, zone), localMs(b, zone), calendar)).toBe(expected)
  })

  it('24x7 calendars count every second, including DST nights', () => {
    const always = roundTheClockCalendar(NY)
    const a = localMs('2026-03-08T00:00', NY)
    const b = localMs('2026-03-09T00:00', NY)
    expect(businessTimeBetween(a, b, always)).toBe(23 * H)
    expect(addBusinessTime(a, 90, always)).toBe(a + 90_000)
  })
})

describe('bad calendars', () => {
  it('an unknown zone is a typed error naming the zone', () => {
    // Bypasses the schema on purpose: the engine must not trust that every caller parsed.
    const broken = { ...nineToFive, timeZone: 'Mars/Olympus_Mons' }
    expect(() => addBusinessTime(0, 60, broken)).toThrow(CalendarEngineError)
    expect(() => addBusinessTime(0, 60, broken)).toThrow(/Mars\/Olympus_Mons/)
  })

  it('a calendar with no weekly hours cannot be walked (typed error, no endless loop)', () => {
    const closed = {
      ...nineToFive,
      weekly: { ...nineToFive.weekly, mon: [], tue: [], wed: [], thu: [], fri: [] },
    }
    expect(() => addBusinessTime(0, 60, closed)).toThrow(CalendarEngineError)
    expect(businessTimeBetween(0, 7 * 86_400_000, closed)).toBe(0)
  })
})
