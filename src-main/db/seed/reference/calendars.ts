import type { Calendar, Holiday, WeeklyHours } from '@shared/model/calendar'
import type { Rng } from '../prng'

/**
 * The support calendars of the demo book: real public holidays (late 2025 and all of 2026, the
 * span the tickets cover), a split shift (Tokyo's lunch break) and an overnight desk that runs
 * past midnight (Sydney), plus one 24x7 calendar.
 */

export type CalendarKey =
  'us-east' | 'emea-berlin' | 'uk-london' | 'japan-tokyo' | 'apac-sydney' | 'global-24x7'

const day = (start: string, end: string) => [{ start, end }]
const weekdaysOnly = (start: string, end: string): WeeklyHours => ({
  mon: day(start, end),
  tue: day(start, end),
  wed: day(start, end),
  thu: day(start, end),
  fri: day(start, end),
  sat: [],
  sun: [],
})
const full = (date: string, name: string): Holiday => ({ kind: 'full-day', date, name })
const partial = (date: string, name: string, closedFrom: string): Holiday => ({
  kind: 'partial',
  date,
  name,
  closedFrom,
  closedUntil: '24:00',
})

interface CalendarSpec {
  readonly key: CalendarKey
  readonly name: string
  readonly description: string
  readonly timeZone: string
  readonly coverage: Calendar['coverage']
  readonly weekly: WeeklyHours
  readonly holidays: readonly Holiday[]
}

const none: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
const tokyoDay = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
]
const sydneyDay = [{ start: '08:30', end: '17:00' }]
const overnight = { start: '21:00', end: '01:00' }

export const calendarSpecs: readonly CalendarSpec[] = [
  {
    key: 'us-east',
    name: 'North America (New York)',
    description: 'Weekdays 08:00–18:00 Eastern; US federal holidays.',
    timeZone: 'America/New_York',
    coverage: 'business-hours',
    weekly: weekdaysOnly('08:00', '18:00'),
    holidays: [
      full('2025-11-27', 'Thanksgiving Day'),
      partial('2025-12-24', 'Christmas Eve', '13:00'),
      full('2025-12-25', 'Christmas Day'),
      full('2026-01-01', "New Year's Day"),
      full('2026-01-19', 'Martin Luther King Jr. Day'),
      full('2026-02-16', "Washington's Birthday"),
      full('2026-05-25', 'Memorial Day'),
      full('2026-06-19', 'Juneteenth'),
      full('2026-07-03', 'Independence Day (observed)'),
      full('2026-09-07', 'Labor Day'),
      full('2026-11-26', 'Thanksgiving Day'),
      partial('2026-12-24', 'Christmas Eve', '13:00'),
      full('2026-12-25', 'Christmas Day'),
    ],
  },
  {
    key: 'emea-berlin',
    name: 'EMEA Central (Berlin)',
    description: 'Weekdays 08:00–18:00 Berlin time; Berlin public holidays.',
    timeZone: 'Europe/Berlin',
    coverage: 'business-hours',
    weekly: weekdaysOnly('08:00', '18:00'),
    holidays: [
      partial('2025-12-24', 'Heiligabend', '12:00'),
      full('2025-12-25', '1. Weihnachtstag'),
      full('2025-12-26', '2. Weihnachtstag'),
      partial('2025-12-31', 'Silvester', '12:00'),
      full('2026-01-01', 'Neujahr'),
      full('2026-03-08', 'Internationaler Frauentag'),
      full('2026-04-03', 'Karfreitag'),
      full('2026-04-06', 'Ostermontag'),
      full('2026-05-01', 'Tag der Arbeit'),
      full('2026-05-14', 'Christi Himmelfahrt'),
      full('2026-05-25', 'Pfingstmontag'),
      full('2026-10-03', 'Tag der Deutschen Einheit'),
      partial('2026-12-24', 'Heiligabend', '12:00'),
      full('2026-12-25', '1. Weihnachtstag'),
      full('2026-12-26', '2. Weihnachtstag'),
      partial('2026-12-31', 'Silvester', '12:00'),
    ],
  },
  {
    key: 'uk-london',
    name: 'United Kingdom (London)',
    description: 'Weekdays 09:00–17:30 UK time; bank holidays in England and Wales.',
    timeZone: 'Europe/London',
    coverage: 'business-hours',
    weekly: weekdaysOnly('09:00', '17:30'),
    holidays: [
      full('2025-12-25', 'Christmas Day'),
      full('2025-12-26', 'Boxing Day'),
      full('2026-01-01', "New Year's Day"),
      full('2026-04-03', 'Good Friday'),
      full('2026-04-06', 'Easter Monday'),
      full('2026-05-04', 'Early May bank holiday'),
      full('2026-05-25', 'Spring bank holiday'),
      full('2026-08-31', 'Summer bank holiday'),
      full('2026-12-25', 'Christmas Day'),
      full('2026-12-28', 'Boxing Day (substitute day)'),
    ],
  },
  {
    key: 'japan-tokyo',
    name: 'Japan (Tokyo)',
    description:
      'Weekdays 09:00–12:00 and 13:00–18:00 JST (lunch closed); national holidays and year-end closure.',
    timeZone: 'Asia/Tokyo',
    coverage: 'business-hours',
    weekly: {
      mon: tokyoDay,
      tue: tokyoDay,
      wed: tokyoDay,
      thu: tokyoDay,
      fri: tokyoDay,
      sat: [],
      sun: [],
    },
    holidays: [
      full('2025-11-03', 'Culture Day'),
      full('2025-11-24', 'Labour Thanksgiving Day (substitute)'),
      full('2025-12-29', 'Year-end closure'),
      full('2025-12-30', 'Year-end closure'),
      full('2025-12-31', 'Year-end closure'),
      full('2026-01-01', "New Year's Day"),
      full('2026-01-02', 'New Year closure'),
      full('2026-01-12', 'Coming of Age Day'),
      full('2026-02-11', 'National Foundation Day'),
      full('2026-02-23', "Emperor's Birthday"),
      full('2026-03-20', 'Vernal Equinox Day'),
      full('2026-04-29', 'Showa Day'),
      full('2026-05-04', 'Greenery Day'),
      full('2026-05-05', "Children's Day"),
      full('2026-05-06', 'Constitution Memorial Day (substitute)'),
      full('2026-07-20', 'Marine Day'),
      full('2026-08-11', 'Mountain Day'),
      full('2026-09-21', 'Respect for the Aged Day'),
      full('2026-09-22', "Citizens' Holiday"),
      full('2026-09-23', 'Autumnal Equinox Day'),
      full('2026-10-12', 'Sports Day'),
      full('2026-11-03', 'Culture Day'),
      full('2026-11-23', 'Labour Thanksgiving Day'),
      full('2026-12-29', 'Year-end closure'),
      full('2026-12-30', 'Year-end closure'),
      full('2026-12-31', 'Year-end closure'),
    ],
  },
  {
    key: 'apac-sydney',
    name: 'APAC (Sydney) with overnight desk',
    description:
      'Weekdays 08:30–17:00 Sydney time, plus an overnight desk Sunday to Thursday 21:00–01:00 that covers US afternoons; NSW public holidays.',
    timeZone: 'Australia/Sydney',
    coverage: 'business-hours',
    weekly: {
      mon: [...sydneyDay, overnight],
      tue: [...sydneyDay, overnight],
      wed: [...sydneyDay, overnight],
      thu: [...sydneyDay, overnight],
      fri: sydneyDay,
      sat: [],
      sun: [overnight],
    },
    holidays: [
      full('2025-12-25', 'Christmas Day'),
      full('2025-12-26', 'Boxing Day'),
      full('2026-01-01', "New Year's Day"),
      full('2026-01-26', 'Australia Day'),
      full('2026-04-03', 'Good Friday'),
      full('2026-04-04', 'Easter Saturday'),
      full('2026-04-05', 'Easter Sunday'),
      full('2026-04-06', 'Easter Monday'),
      full('2026-04-25', 'Anzac Day'),
      full('2026-06-08', "King's Birthday"),
      full('2026-10-05', 'Labour Day'),
      full('2026-12-25', 'Christmas Day'),
      full('2026-12-26', 'Boxing Day'),
      full('2026-12-28', 'Additional public holiday (Boxing Day)'),
    ],
  },
  {
    key: 'global-24x7',
    name: 'Global 24x7',
    description: 'Follow-the-sun coverage around the clock, every day of the year.',
    timeZone: 'UTC',
    coverage: '24x7',
    weekly: none,
    holidays: [],
  },
]

export interface CalendarRef {
  readonly key: CalendarKey
  readonly doc: Calendar
}

export function buildCalendars(rng: Rng, createdMs: number, actor: string): CalendarRef[] {
  const createdAt = new Date(createdMs).toISOString()
  return calendarSpecs.map((spec, index) => {
    const at = createdMs + index * 60_000
    return {
      key: spec.key,
      doc: {
        id: rng.id(at),
        kind: 'calendar',
        name: spec.name,
        description: spec.description,
        timeZone: spec.timeZone,
        coverage: spec.coverage,
        weekly: spec.weekly,
        holidays: [...spec.holidays],
        createdAt,
        updatedAt: createdAt,
        updatedBy: actor,
      },
    }
  })
}
