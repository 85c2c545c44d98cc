import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Calendar } from '../../model/calendar'
import { businessCalendar, roundTheClockCalendar } from '../fixtures/calendar'
import { steppingBetween } from '../fixtures/stepping'
import { addBusinessTime, businessMsBetween, businessTimeBetween } from './business-time'

const calendars: readonly Calendar[] = [
  businessCalendar({ timeZone: 'America/New_York' }),
  businessCalendar({
    timeZone: 'Europe/Berlin',
    weekdays: ['08:00-12:00', '13:00-17:30', '22:00-02:00'],
    weekly: { sat: ['10:00-14:00'] },
    holidays: [
      { kind: 'full-day', date: '2026-10-26', name: 'Day after the change' },
      {
        kind: 'partial',
        date: '2026-03-30',
        name: 'Morning off',
        closedFrom: '00:00',
        closedUntil: '10:00',
      },
    ],
  }),
  // Sunday hours inside the spring-forward gap and the repeated fall-back hour.
  businessCalendar({
    timeZone: 'America/New_York',
    weekdays: ['07:00-09:00', '20:00-01:00'],
    weekly: { sun: ['01:30-02:30', '20:00-01:00'] },
  }),
  roundTheClockCalendar('Europe/Berlin'),
]

// 2026-01-01 … 2027-01-01, with millisecond resolution: DST changes of both zones are inside.
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
const calendar = fc.constantFrom(...calendars)
const seconds = fc.integer({ min: 0, max: 30 * 24 * 3600 })
const runs = { numRuns: 300 }

describe('business time properties', () => {
  it('businessTimeBetween(a, addBusinessTime(a, d, c), c) = d', () => {
    fc.assert(
      fc.property(calendar, instant, seconds, (c, a, d) => {
        expect(businessTimeBetween(a, addBusinessTime(a, d, c), c)).toBe(d)
      }),
      runs,
    )
  })

  it('addBusinessTime is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(calendar, instant, instant, seconds, seconds, (c, a1, a2, d1, d2) => {
        const [a, b] = a1 <= a2 ? [a1, a2] : [a2, a1]
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1]
        expect(addBusinessTime(a, short, c)).toBeLessThanOrEqual(addBusinessTime(a, long, c))
        expect(addBusinessTime(a, short, c)).toBeLessThanOrEqual(addBusinessTime(b, short, c))
        expect(addBusinessTime(a, short, c)).toBeGreaterThanOrEqual(a)
      }),
      runs,
    )
  })

  it('businessTimeBetween grows with b, shrinks with a and is additive', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (c, x, y, z) => {
        const [a = 0, m = 0, b = 0] = [x, y, z].sort((p, q) => p - q)
        const whole = businessTimeBetween(a, b, c)
        expect(businessTimeBetween(a, m, c)).toBeLessThanOrEqual(whole)
        expect(businessTimeBetween(m, b, c)).toBeLessThanOrEqual(whole)
        // Additivity in integer milliseconds (seconds can be fractional for ms instants).
        expect(businessMsBetween(a, m, c) + businessMsBetween(m, b, c)).toBe(
          businessMsBetween(a, b, c),
        )
        expect(whole).toBeLessThanOrEqual((b - a) / 1000)
      }),
      runs,
    )
  })

  it('agrees with the minute-by-minute reference away from DST changes', () => {
    // Asia/Kolkata has no DST, so "open at this wall time" and the boundary rule coincide.
    const kolkata = businessCalendar({
      timeZone: 'Asia/Kolkata',
      weekdays: ['09:00-12:30', '13:15-18:00', '23:00-01:00'],
      weekly: { sun: ['22:00-03:00'] },
      holidays: [{ kind: 'full-day', date: '2026-08-17', name: 'Holiday' }],
    })
    const minute = fc.integer({ min: 29_600_000, max: 29_650_000 }).map((m) => m * 60_000)
    const span = fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => m * 60_000)
    fc.assert(
      fc.property(minute, span, (a, length) => {
        expect(businessTimeBetween(a, a + length, kolkata)).toBe(
          steppingBetween(a, a + length, kolkata),
        )
      }),
      { numRuns: 60 },
    )
  })
})
