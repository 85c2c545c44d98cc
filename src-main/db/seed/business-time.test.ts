import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addOpenMinutes,
  ALWAYS_OPEN,
  compileCalendar,
  isOpenAt,
  openMinutesBetween,
} from './business-time'
import { Rng } from './prng'
import { buildCalendars, type CalendarKey } from './reference/calendars'
import { iso, localToUtc, zoneOffsetMs } from './zoned-time'

const calendars = new Map(
  buildCalendars(new Rng('calendars'), Date.UTC(2024, 0, 1), 'system:test').map((ref) => [
    ref.key,
    compileCalendar(ref.doc, '2025-10-01', '2027-01-31'),
  ]),
)
const calendar = (key: CalendarKey) => {
  const compiled = calendars.get(key)
  if (compiled === undefined) throw new Error(key)
  return compiled
}
const at = (text: string) => Date.parse(text)

describe('zoned time', () => {
  it('converts wall-clock times across DST changes', () => {
    expect(iso(localToUtc('Europe/Berlin', '2026-03-27', 9 * 60))).toBe('2026-03-27T08:00:00.000Z')
    expect(iso(localToUtc('Europe/Berlin', '2026-03-30', 9 * 60))).toBe('2026-03-30T07:00:00.000Z')
    expect(iso(localToUtc('Australia/Sydney', '2026-04-06', 9 * 60))).toBe(
      '2026-04-05T23:00:00.000Z',
    )
    expect(zoneOffsetMs('Asia/Tokyo', at('2026-07-01T00:00:00.000Z'))).toBe(9 * 3_600_000)
  })

  it('formats instants exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString())
      }),
    )
  })
})

describe('business time on the demo calendars', () => {
  it('counts only weekday hours in New York and skips Thanksgiving', () => {
    const ny = calendar('us-east')
    // Wednesday 17:00 → Friday 09:00 across Thanksgiving Thursday: 1 h Wed + 1 h Fri.
    expect(
      openMinutesBetween(ny, at('2026-11-25T22:00:00.000Z'), at('2026-11-27T14:00:00.000Z')),
    ).toBe(120)
    // Friday 17:00 + 2 business hours = Monday 09:00.
    expect(iso(addOpenMinutes(ny, at('2026-10-30T21:00:00.000Z'), 120))).toBe(
      '2026-11-02T14:00:00.000Z',
    )
  })

  it('closes partially on Christmas Eve in Berlin', () => {
    const berlin = calendar('emea-berlin')
    expect(isOpenAt(berlin, at('2026-12-24T10:00:00.000Z'))).toBe(true) // 11:00 local
    expect(isOpenAt(berlin, at('2026-12-24T12:00:00.000Z'))).toBe(false) // 13:00 local
  })

  it('keeps Tokyo’s lunch hour closed (split shift)', () => {
    const tokyo = calendar('japan-tokyo')
    expect(isOpenAt(tokyo, at('2026-10-28T02:30:00.000Z'))).toBe(true) // 11:30 JST
    expect(isOpenAt(tokyo, at('2026-10-28T03:30:00.000Z'))).toBe(false) // 12:30 JST
    expect(
      openMinutesBetween(tokyo, at('2026-10-28T00:00:00.000Z'), at('2026-10-28T09:00:00.000Z')),
    ).toBe(480)
  })

  it('runs Sydney’s overnight desk past midnight', () => {
    const sydney = calendar('apac-sydney')
    // Monday 23:30 and Tuesday 00:30 local (AEDT, UTC+11) are open; Tuesday 02:00 is not.
    expect(isOpenAt(sydney, at('2026-10-26T12:30:00.000Z'))).toBe(true)
    expect(isOpenAt(sydney, at('2026-10-26T13:30:00.000Z'))).toBe(true)
    expect(isOpenAt(sydney, at('2026-10-26T15:00:00.000Z'))).toBe(false)
    // Friday night has no desk; Sunday 21:00 it opens again.
    expect(isOpenAt(sydney, at('2026-10-30T11:00:00.000Z'))).toBe(false)
    expect(isOpenAt(sydney, at('2026-11-01T10:30:00.000Z'))).toBe(true)
  })

  it('treats 24x7 as wall-clock time', () => {
    expect(calendar('global-24x7')).toBe(ALWAYS_OPEN)
    expect(addOpenMinutes(ALWAYS_OPEN, 0, 90)).toBe(90 * 60_000)
  })

  it('adds and measures business minutes consistently', () => {
    const keys: CalendarKey[] = [
      'us-east',
      'emea-berlin',
      'japan-tokyo',
      'apac-sydney',
      'uk-london',
    ]
    const start = at('2025-11-01T00:00:00.000Z')
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.integer({ min: 0, max: 300 * 86_400_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        (key, offset, minutes) => {
          const compiled = calendar(key)
          const from = start + offset
          const to = addOpenMinutes(compiled, from, minutes)
          expect(to).toBeGreaterThan(from)
          expect(openMinutesBetween(compiled, from, to)).toBeCloseTo(minutes, 6)
        },
      ),
    )
  })
})
