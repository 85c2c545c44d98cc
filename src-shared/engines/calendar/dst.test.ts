import { describe, expect, it } from 'vitest'
import { businessCalendar } from '../fixtures/calendar'
import { localMs, utcMs } from '../fixtures/time'
import { addBusinessTime, businessTimeBetween } from './business-time'

const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'
const H = 3600
const everyDay = (zone: string, ...spans: `${string}-${string}`[]) =>
  businessCalendar({
    timeZone: zone,
    weekdays: spans,
    weekly: { sat: spans, sun: spans },
  })

/** Real seconds of one local day's open time, measured midnight to midnight. */
const dayOpen = (calendar: ReturnType<typeof everyDay>, date: string, next: string) =>
  businessTimeBetween(
    localMs(`${date}T00:00`, calendar.timeZone),
    localMs(`${next}T00:00`, calendar.timeZone),
    calendar,
  )

describe('DST: an interval covers the real time between its mapped boundaries', () => {
  const cases = [
    // zone, spans, date, next day, expected open seconds
    [NY, '00:00-08:00', '2026-03-07', '2026-03-08', 8 * H],
    [NY, '00:00-08:00', '2026-03-08', '2026-03-09', 7 * H],
    [NY, '00:00-08:00', '2026-11-01', '2026-11-02', 9 * H],
    [NY, '09:00-17:00', '2026-03-08', '2026-03-09', 8 * H],
    [NY, '09:00-17:00', '2026-11-01', '2026-11-02', 8 * H],
    // 02:30 does not exist on 8 March: the interval opens when the gap ends, at 03:00 EDT.
    [NY, '02:30-04:00', '2026-03-08', '2026-03-09', 1 * H],
    // Wholly inside the gap: the interval does not happen that day.
    [NY, '02:00-02:30', '2026-03-08', '2026-03-09', 0],
    // 01:30 occurs twice on 1 November: the first occurrence (EDT) counts.
    [NY, '01:30-03:00', '2026-11-01', '2026-11-02', 2.5 * H],
    [NY, '00:00-01:30', '2026-11-01', '2026-11-02', 1.5 * H],
    [BERLIN, '00:00-08:00', '2026-03-29', '2026-03-30', 7 * H],
    [BERLIN, '00:00-08:00', '2026-10-25', '2026-10-26', 9 * H],
    [BERLIN, '02:15-02:45', '2026-03-29', '2026-03-30', 0],
    [BERLIN, '02:30-03:30', '2026-10-25', '2026-10-26', 2 * H],
    // Sunday of the spring-forward night: the 00:00–06:00 tail of Saturday's shift loses the
    // skipped hour (5 h), plus Sunday's own 22:00–24:00 (2 h).
    [BERLIN, '22:00-06:00', '2026-03-29', '2026-03-30', 5 * H + 2 * H],
    [BERLIN, '22:00-06:00', '2026-10-25', '2026-10-26', 7 * H + 2 * H],
  ] as const
  it.each(cases)('%s %s on %s', (zone, span, date, next, expected) => {
    expect(dayOpen(everyDay(zone, span), date, next)).toBe(expected)
  })

  it('maps a non-existent start to the end of the gap (03:00 EDT = 07:00Z)', () => {
    const calendar = everyDay(NY, '02:30-04:00')
    const start = localMs('2026-03-08T00:00', NY)
    expect(addBusinessTime(start, 1, calendar)).toBe(utcMs('2026-03-08T07:00:01.000Z'))
  })

  it('maps an ambiguous start to its first occurrence (01:30 EDT = 05:30Z)', () => {
    const calendar = everyDay(NY, '01:30-03:00')
    const start = localMs('2026-11-01T00:00', NY)
    expect(addBusinessTime(start, 60, calendar)).toBe(utcMs('2026-11-01T05:31:00.000Z'))
    // Inside the second 01:00–02:00 (EST) the interval is still open: it ends at 03:00 EST.
    const secondPass = utcMs('2026-11-01T06:45:00.000Z')
    expect(addBusinessTime(secondPass, 60, calendar)).toBe(utcMs('2026-11-01T06:46:00.000Z'))
  })

  it('Friday 16:00 + 2 h across the US spring-forward weekend is Monday 10:00 EDT', () => {
    const calendar = businessCalendar({ timeZone: NY })
    const start = localMs('2026-03-06T16:00', NY)
    expect(addBusinessTime(start, 2 * H, calendar)).toBe(utcMs('2026-03-09T14:00:00.000Z'))
  })

  it('Friday 16:00 + 2 h across the EU fall-back weekend is Monday 10:00 CET', () => {
    const calendar = businessCalendar({ timeZone: BERLIN })
    const start = localMs('2026-10-23T16:00', BERLIN)
    expect(addBusinessTime(start, 2 * H, calendar)).toBe(utcMs('2026-10-26T09:00:00.000Z'))
  })
})
