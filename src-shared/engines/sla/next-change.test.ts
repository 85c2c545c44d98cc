import { describe, expect, it } from 'vitest'
import { businessCalendar } from '../fixtures/calendar'
import { localMs } from '../fixtures/time'
import { buildTier } from '../fixtures/tier'
import { ticketAt } from '../fixtures/ticket'
import { computeSlaClocks } from './clocks'
import { atRiskAt, nextStateChange } from './next-change'

const NY = 'America/New_York'
const ny = (wall: string) => new Date(localMs(wall, NY)).toISOString()
const nyMs = (wall: string) => localMs(wall, NY)
// Monday–Friday 09:00–17:00 New York; 2026-06-05 is a Friday, 2026-06-08 a Monday.
const calendar = businessCalendar({ timeZone: NY })
// Standard S2: first response 4 h business.
const standard = buildTier()
const premium = buildTier({
  name: 'Premium',
  key: 'premium',
  sla: { S1: { firstResponse: '30m24x7' } },
})

const clocksAt = (
  ticket: ReturnType<ReturnType<typeof ticketAt>['build']>,
  now: number,
  tier = standard,
) => computeSlaClocks({ ticket, tier, calendar, now })

describe('atRiskAt and nextStateChange', () => {
  const ticket = ticketAt(ny('2026-06-05T16:00'), 'S2').build(standard.id)

  it('finds the business-time instant a running clock reaches the at-risk share', () => {
    const friday = clocksAt(ticket, nyMs('2026-06-05T16:30'))
    // 3 h of business time from Friday 16:00: 1 h on Friday, 2 h on Monday morning.
    const expected = nyMs('2026-06-08T11:00')
    expect(atRiskAt(friday.metrics.firstResponse, friday.evaluatedAt, calendar, 0.75)).toBe(
      expected,
    )
    expect(nextStateChange(friday, calendar, 0.75)).toBe(expected)
    // The engine agrees: ok one second before, at risk at that instant.
    expect(clocksAt(ticket, expected - 1000).metrics.firstResponse.state).toBe('ok')
    expect(clocksAt(ticket, expected).metrics.firstResponse.state).toBe('at-risk')
  })

  it('once at risk, the next change is the breach', () => {
    const monday = clocksAt(ticket, nyMs('2026-06-08T11:30'))
    expect(monday.metrics.firstResponse.state).toBe('at-risk')
    expect(atRiskAt(monday.metrics.firstResponse, monday.evaluatedAt, calendar)).toBeNull()
    const due = nyMs('2026-06-08T12:00')
    expect(monday.metrics.firstResponse.dueAt).toBe(due)
    expect(nextStateChange(monday, calendar)).toBe(due)
    expect(clocksAt(ticket, due + 1000).metrics.firstResponse.state).toBe('breached')
  })

  it('counts 24x7 targets around the clock', () => {
    const s1 = ticketAt(ny('2026-06-06T03:00'), 'S1').build(premium.id)
    const clocks = clocksAt(s1, nyMs('2026-06-06T03:05'), premium)
    expect(atRiskAt(clocks.metrics.firstResponse, clocks.evaluatedAt, calendar, 0.5)).toBe(
      nyMs('2026-06-06T03:15'),
    )
  })

  it('reports nothing to wait for when every clock has stopped', () => {
    const solved = ticketAt(ny('2026-06-05T10:00'), 'S3')
      .reply(ny('2026-06-05T10:30'))
      .solve(ny('2026-06-05T11:00'))
      .build(standard.id)
    const clocks = clocksAt(solved, nyMs('2026-06-09T10:00'))
    expect(nextStateChange(clocks, calendar)).toBeNull()
  })
})
