import { describe, expect, it } from 'vitest'
import type { Activity } from '../../model/activity'
import type { Account } from '../../model/account'
import {
  buildAccount,
  buildSettings,
  buildUsage,
  call,
  checkIn,
  note,
  qbr,
} from '../fixtures/account'
import type { UsageFixture } from '../fixtures/account'
import { businessCalendar } from '../fixtures/calendar'
import { ticketAt } from '../fixtures/ticket'
import { buildTier } from '../fixtures/tier'
import { computeSlaClocks } from '../sla/clocks'
import type { HealthComponentKey } from './components'
import { addMonths, renewalAhead } from './components'
import { HealthEngineError } from './errors'
import type { HealthInput } from './health'
import { accountHealth, bandOf, healthScore, weekStartOf } from './health'
import type { TicketFacts } from './ticket-facts'
import { firstBreachOf, openSeverityAt, ticketFacts } from './ticket-facts'

const NOW = Date.parse('2026-11-01T00:00:00.000Z')
const tier = buildTier()
const account = buildAccount({ renewalDate: '2027-06-01', segment: 'enterprise' })
const settings = buildSettings()
// Captured on the 1st of the next month: all six are known by NOW.
const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']
const usageRows = (active: readonly number[], seatsUsed = 80): UsageFixture[] =>
  active.map((activeUsers, i) => ({
    month: months[i] ?? '',
    activeUsers,
    seatsUsed: Math.max(seatsUsed, activeUsers),
  }))

/** A ticket opened at `at`, left open, breached at `breachAt` (or never). */
const openTicket = (at: string, severity: 'S1' | 'S2' | 'S3' | 'S4', breachAt?: string) =>
  ticketFacts(
    ticketAt(at, severity)
      .reply(at.replace(/T(\d\d)/, 'T$1'))
      .build(tier.id, account.id),
    breachAt === undefined ? null : Date.parse(breachAt),
  )
const solvedTicket = (at: string, solvedAt: string, severity: 'S1' | 'S2' | 'S3' = 'S3') =>
  ticketFacts(ticketAt(at, severity).reply(at).solve(solvedAt).build(tier.id, account.id), null)

const input = (overrides: Partial<HealthInput> = {}): HealthInput => ({
  account,
  usage: buildUsage(account.id, usageRows([100, 100, 100, 100, 100, 100])),
  tickets: [],
  activities: [],
  settings,
  now: NOW,
  ...overrides,
})

const component = (key: HealthComponentKey, overrides: Partial<HealthInput>) => {
  const found = healthScore(input(overrides)).components.find((c) => c.key === key)
  if (found === undefined) throw new Error(`no component ${key}`)
  return found
}

describe('health components', () => {
  const cases: {
    name: string
    key: HealthComponentKey
    overrides: Partial<HealthInput>
    raw: number | null
    score: number
    reason: string
  }[] = [
    {
      name: 'usage up 10 % scores above neutral',
      key: 'usageTrend',
      overrides: { usage: buildUsage(account.id, usageRows([100, 100, 100, 110, 110, 110])) },
      raw: 0.1,
      score: 0.75,
      reason: 'Active users up 10% (last 3 months vs the 3 months before)',
    },
    {
      name: 'usage down 20 % scores 0',
      key: 'usageTrend',
      overrides: { usage: buildUsage(account.id, usageRows([100, 100, 100, 80, 80, 80])) },
      raw: -0.2,
      score: 0,
      reason: 'Active users down 20% (last 3 months vs the 3 months before)',
    },
    {
      name: 'one month of usage is not a trend',
      key: 'usageTrend',
      overrides: { usage: buildUsage(account.id, [{ month: '2026-10', activeUsers: 50 }]) },
      raw: null,
      score: 0.5,
      reason: 'Not enough usage history yet',
    },
    {
      name: 'seat utilisation between the thresholds scales linearly',
      key: 'seatUtilisation',
      overrides: { usage: buildUsage(account.id, usageRows([50, 50, 50, 50, 50, 50], 57)) },
      raw: 0.57,
      score: (0.57 - 0.3) / 0.55,
      reason: '57 of 100 seats in use (57%) in 2026-09',
    },
    {
      name: 'seats over contract are fully used',
      key: 'seatUtilisation',
      overrides: { usage: buildUsage(account.id, usageRows([50, 50, 50, 50, 50, 50], 120)) },
      raw: 1.2,
      score: 1,
      reason: '120 of 100 seats in use (120%) in 2026-09',
    },
    {
      name: '1 of 10 recent tickets breached',
      key: 'slaBreaches',
      overrides: {
        tickets: [
          openTicket('2026-10-01T10:00:00.000Z', 'S3', '2026-10-02T10:00:00.000Z'),
          ...Array.from({ length: 9 }, () =>
            solvedTicket('2026-09-15T10:00:00.000Z', '2026-09-16T10:00:00.000Z'),
          ),
          // Older than 90 days: outside the window, breached or not.
          openTicket('2026-07-01T10:00:00.000Z', 'S3', '2026-07-02T10:00:00.000Z'),
        ],
      },
      raw: 0.1,
      score: 1 - 0.1 / 0.3,
      reason: '1 of 10 tickets breached an SLA target in the last 90 days',
    },
    {
      name: 'no tickets is a clean record',
      key: 'slaBreaches',
      overrides: {},
      raw: 0,
      score: 1,
      reason: 'No tickets in the last 90 days',
    },
    {
      name: 'three open S1 tickets score 0',
      key: 'openHighSeverity',
      overrides: {
        tickets: [
          openTicket('2026-10-30T10:00:00.000Z', 'S1'),
          openTicket('2026-10-30T11:00:00.000Z', 'S1'),
          openTicket('2026-10-31T10:00:00.000Z', 'S1'),
        ],
      },
      raw: 6,
      score: 0,
      reason: '3 S1 tickets open',
    },
    {
      name: 'solved S1 and open S3 do not count; one S1 and one S2 do',
      key: 'openHighSeverity',
      overrides: {
        tickets: [
          openTicket('2026-10-30T10:00:00.000Z', 'S1'),
          openTicket('2026-10-30T10:00:00.000Z', 'S2'),
          openTicket('2026-10-30T10:00:00.000Z', 'S3'),
          solvedTicket('2026-10-20T10:00:00.000Z', '2026-10-21T10:00:00.000Z', 'S1'),
        ],
      },
      raw: 3,
      score: 0.5,
      reason: '1 S1 and 1 S2 tickets open',
    },
    {
      name: 'sentiment averages the latest three check-ins',
      key: 'sentiment',
      overrides: {
        activities: [
          checkIn(account.id, '2026-06-01T10:00:00.000Z', 'negative'), // beyond the latest three
          checkIn(account.id, '2026-08-01T10:00:00.000Z', 'positive'),
          checkIn(account.id, '2026-09-01T10:00:00.000Z', 'neutral'),
          checkIn(account.id, '2026-10-01T10:00:00.000Z', 'negative'),
        ],
      },
      raw: 0.5,
      score: 0.5,
      reason: 'Sentiment 50% over the last 3 check-ins (latest negative)',
    },
    {
      name: 'an NPS answer replaces the sentiment label',
      key: 'sentiment',
      overrides: { activities: [checkIn(account.id, '2026-10-01T10:00:00.000Z', 'neutral', 9)] },
      raw: 0.9,
      score: 0.9,
      reason: 'Sentiment 90% over the last 1 check-in (latest NPS 9)',
    },
    {
      name: 'no check-in counts as neutral, and says so',
      key: 'sentiment',
      overrides: { activities: [checkIn(account.id, '2026-01-01T10:00:00.000Z', 'negative')] },
      raw: null,
      score: 0.5,
      reason: 'No check-in in the last 180 days (counted as neutral)',
    },
    {
      name: 'a connected call 30 days ago; the later voicemail and note do not count',
      key: 'engagementRecency',
      overrides: {
        activities: [
          call(account.id, '2026-10-02T00:00:00.000Z'),
          call(account.id, '2026-10-20T00:00:00.000Z', 'voicemail'),
          note(account.id, '2026-10-25T00:00:00.000Z'),
          qbr(account.id, '2026-10-28T00:00:00.000Z', 'planned'),
        ],
      },
      raw: 30,
      score: 60 / 76,
      reason: 'Last call 30 days ago',
    },
    {
      name: 'a held QBR is engagement',
      key: 'engagementRecency',
      overrides: { activities: [qbr(account.id, '2026-10-25T00:00:00.000Z', 'held')] },
      raw: 7,
      score: 1,
      reason: 'Last QBR 7 days ago',
    },
    {
      name: 'renewal in 90 days scores half',
      key: 'renewalProximity',
      overrides: { account: { ...account, renewalDate: '2027-01-30' } },
      raw: 90,
      score: 0.5,
      reason: 'Renews in 90 days (2027-01-30)',
    },
  ]
  it.each(cases)('$key: $name', ({ key, overrides, raw, score, reason }) => {
    const result = component(key, overrides)
    if (raw === null) expect(result.raw).toBeNull()
    else expect(result.raw).toBeCloseTo(raw, 9)
    expect(result.score).toBeCloseTo(score, 9)
    expect(result.reason).toBe(reason)
    expect(result.contribution).toBeCloseTo(result.weight * result.score * 100, 9)
  })

  it('links the open S1 tickets as evidence', () => {
    const tickets = [openTicket('2026-10-30T10:00:00.000Z', 'S1')]
    expect(component('openHighSeverity', { tickets }).evidence).toEqual([
      { collection: 'tickets', id: tickets[0]?.id },
    ])
  })
})

describe('health score', () => {
  it('sums weight × score of every component with the segment weights and bands', () => {
    const result = healthScore(
      input({
        usage: buildUsage(account.id, usageRows([100, 100, 100, 110, 110, 110], 90)),
        activities: [checkIn(account.id, '2026-10-25T00:00:00.000Z', 'positive')],
        account: { ...account, renewalDate: '2027-01-30' },
      }),
    )
    // usage 0.75, seats 1, breaches 1, open 1, sentiment 1, engagement 1, renewal 0.5.
    const expected = 100 * (0.2 * 0.75 + 0.15 + 0.15 + 0.1 + 0.15 + 0.1 + 0.15 * 0.5)
    expect(result.score).toBe(Math.round(expected))
    expect(result.band).toBe('healthy')
    expect(result.weightsFrom).toBe('segment')
    expect(result.components.map((c) => c.weight)).toEqual([0.2, 0.15, 0.15, 0.1, 0.15, 0.1, 0.15])
  })

  it('uses equal weights for a segment the workspace has none for', () => {
    const result = healthScore(input({ account: { ...account, segment: 'smb' } }))
    expect(result.weightsFrom).toBe('default')
    for (const c of result.components) expect(c.weight).toBeCloseTo(1 / 7, 12)
  })

  const bandCases: { score: number; band: string }[] = [
    { score: 100, band: 'healthy' },
    { score: 70, band: 'healthy' },
    { score: 69, band: 'watch' },
    { score: 45, band: 'watch' },
    { score: 44, band: 'at-risk' },
    { score: 0, band: 'at-risk' },
  ]
  it.each(bandCases)('score $score is $band with bands 70/45', ({ score, band }) => {
    expect(bandOf(score, settings.healthBands)).toBe(band)
  })

  it('refuses a usage snapshot of another account', () => {
    const stranger = buildUsage(buildAccount().id, [{ month: '2026-10', activeUsers: 1 }])
    expect(() => healthScore(input({ usage: stranger }))).toThrow(HealthEngineError)
  })
})

describe('weekly history', () => {
  it('scores each week as of its end with only what was known then', () => {
    // An S1 opened on Wednesday 21 October and still open: weeks before it are unaffected.
    const s1 = openTicket('2026-10-21T10:00:00.000Z', 'S1')
    const health = accountHealth(input({ tickets: [s1], historyWeeks: 4 }))
    expect(health.history.map((week) => week.weekStart)).toEqual([
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
    ])
    expect(health.history.map((week) => new Date(week.asOf).toISOString())).toEqual([
      '2026-10-12T00:00:00.000Z',
      '2026-10-19T00:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z', // the current week: as of now
    ])
    const [a, b, c, d] = health.history.map((week) => week.score)
    expect(a).toBe(b)
    // From the week of the S1 on, the open S1 costs 2/6 of the 10 % weight: 3.33 points.
    expect((b ?? 0) - (c ?? 0)).toBeGreaterThanOrEqual(3)
    expect(d).toBe(health.current.score)
  })

  it('ignores usage captured after the week ended', () => {
    // September's collapse is captured on 1 October 02:00: weeks ending before it never see it.
    const usage = buildUsage(account.id, usageRows([100, 100, 100, 100, 100, 10], 80))
    const health = accountHealth(input({ usage, historyWeeks: 8 }))
    expect(health.history.map((week) => week.weekStart).slice(0, 4)).toEqual([
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
    ])
    const [a, b, c, d] = health.history.map((week) => week.score)
    expect(a).toBe(b)
    expect(b).toBe(c)
    expect(d).toBeLessThan(c ?? 0)
    // Nothing new is known after 1 October (October's snapshot arrives after now).
    expect(d).toBe(health.current.score)
  })

  it('reports a downward trend when the score fell 5 points or more', () => {
    const tickets = [
      openTicket('2026-10-27T10:00:00.000Z', 'S1'),
      openTicket('2026-10-27T11:00:00.000Z', 'S1'),
    ]
    const health = accountHealth(input({ tickets, historyWeeks: 6 }))
    expect(health.trend).toBe('down')
    expect(health.trendDelta).toBeLessThanOrEqual(-5)
  })

  it('reports an upward trend when the score rose 5 points or more', () => {
    const activities: Activity[] = [checkIn(account.id, '2026-10-30T00:00:00.000Z', 'positive', 10)]
    const health = accountHealth(input({ activities, historyWeeks: 6 }))
    expect(health.trend).toBe('up')
    expect(health.trendDelta).toBe(
      health.current.score - (health.history[health.history.length - 5]?.score ?? 0),
    )
  })

  it('refuses a history length outside 1–260 weeks', () => {
    expect(() => accountHealth(input({ historyWeeks: 0 }))).toThrow(/historyWeeks/)
  })
})

describe('helpers', () => {
  it('finds Monday 00:00 UTC of the week', () => {
    expect(new Date(weekStartOf(NOW)).toISOString()).toBe('2026-10-26T00:00:00.000Z')
    expect(new Date(weekStartOf(Date.parse('2026-10-26T00:00:00.000Z'))).toISOString()).toBe(
      '2026-10-26T00:00:00.000Z',
    )
  })

  it('adds months clamping the day', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15')
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28')
  })

  it('looks back one term for the renewal that was ahead in a past week', () => {
    const renewed: Pick<Account, 'id' | 'segment' | 'renewalDate' | 'termMonths'> = {
      ...account,
      renewalDate: '2027-10-15',
      termMonths: 12,
    }
    expect(renewalAhead(renewed, NOW)).toBe('2027-10-15')
    expect(renewalAhead(renewed, Date.parse('2026-10-01T00:00:00.000Z'))).toBe('2026-10-15')
  })

  it('reads open stretches and breaches from a real history', () => {
    const calendar = businessCalendar({ timeZone: 'UTC' })
    const ticket = ticketAt('2026-10-05T09:00:00.000Z', 'S2')
      .reply('2026-10-05T09:30:00.000Z')
      .severityTo('2026-10-05T10:00:00.000Z', 'S1')
      .solve('2026-10-06T09:00:00.000Z')
      .reopen('2026-10-07T09:00:00.000Z')
      .build(tier.id, account.id)
    const clocks = computeSlaClocks({ ticket, tier, calendar, now: NOW })
    const facts: TicketFacts = ticketFacts(ticket, firstBreachOf(clocks))
    expect(facts.severities).toEqual(['S2', 'S1'])
    expect(openSeverityAt(facts, Date.parse('2026-10-05T09:45:00.000Z'))).toBe('S2')
    expect(openSeverityAt(facts, Date.parse('2026-10-05T12:00:00.000Z'))).toBe('S1')
    expect(openSeverityAt(facts, Date.parse('2026-10-06T12:00:00.000Z'))).toBeNull()
    expect(openSeverityAt(facts, NOW)).toBe('S1')
    // Reopened and never solved again: S1 resolution (16 business hours) has long run out.
    expect(facts.firstBreachAt).not.toBeNull()
  })
})
