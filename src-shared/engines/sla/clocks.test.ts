import { describe, expect, it } from 'vitest'
import type { SlaMetric } from '../../model/enums'
import type { Ticket } from '../../model/ticket'
import type { Tier } from '../../model/tier'
import { businessCalendar } from '../fixtures/calendar'
import { local } from '../fixtures/time'
import { buildTier } from '../fixtures/tier'
import { ticketAt } from '../fixtures/ticket'
import { computeSlaClocks } from './clocks'
import { SlaEngineError } from './errors'
import type { SlaState } from './types'

const NY = 'America/New_York'
const ny = (wall: string) => local(wall, NY)
const nyMs = (wall: string) => Date.parse(local(wall, NY))
const H = 3600

// Monday–Friday 09:00–17:00 New York; 2026-06-05 is a Friday, 2026-06-08 a Monday.
const calendar = businessCalendar({ timeZone: NY })
const lunchCalendar = businessCalendar({ timeZone: NY, weekdays: ['09:00-12:00', '13:00-17:00'] })
const july4Calendar = businessCalendar({
  timeZone: NY,
  holidays: [{ kind: 'full-day', date: '2026-07-03', name: 'Independence Day (observed)' }],
})
// Standard: S1 1h/2h/4h/16h, S2 4h/8h/8h/40h, S3 8h/16h/–/80h, S4 16h/24h/–/– (business hours).
const standard = buildTier()
const premium = buildTier({
  name: 'Premium',
  key: 'premium',
  rank: 2,
  sla: {
    S1: { firstResponse: '30m24x7', nextResponse: '1h24x7', periodicUpdate: '1h24x7' },
    S2: { firstResponse: '2h' },
  },
})
const tightResolution = buildTier({ sla: { S2: { resolution: '8h' } } })

interface Case {
  readonly name: string
  readonly ticket: (tier: Tier) => Ticket
  readonly now: string
  readonly metric: SlaMetric
  readonly tier?: Tier
  readonly cal?: typeof calendar
  readonly state: SlaState
  readonly elapsed?: number
  readonly breachedAt?: number | null
  readonly extra?: (clock: ReturnType<typeof computeSlaClocks>['metrics'][SlaMetric]) => void
}

const cases: readonly Case[] = [
  // Zendesk/Freshdesk "business hours" examples: the clock sleeps over the weekend.
  {
    name: 'first response across a weekend, answered Monday 11:00: 3 h of 4 h, met',
    ticket: (t) => ticketAt(ny('2026-06-05T16:00'), 'S2').reply(ny('2026-06-08T11:00')).build(t.id),
    now: ny('2026-06-10T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 3 * H,
  },
  {
    name: 'first response across a weekend, answered Monday 13:30: breached Monday 12:00',
    ticket: (t) => ticketAt(ny('2026-06-05T16:00'), 'S2').reply(ny('2026-06-08T13:30')).build(t.id),
    now: ny('2026-06-10T12:00'),
    metric: 'firstResponse',
    state: 'breached',
    elapsed: 5.5 * H,
    breachedAt: nyMs('2026-06-08T12:00'),
  },
  {
    name: 'created on Saturday, the clock starts Monday 09:00',
    ticket: (t) => ticketAt(ny('2026-06-06T10:00'), 'S1').reply(ny('2026-06-08T09:45')).build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 0.75 * H,
  },
  {
    name: '24x7 target keeps running on Saturday',
    tier: premium,
    ticket: (t) => ticketAt(ny('2026-06-06T10:00'), 'S1').reply(ny('2026-06-06T10:45')).build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'breached',
    elapsed: 0.75 * H,
    breachedAt: nyMs('2026-06-06T10:30'),
  },
  {
    name: 'lunch break does not count: 11:30 → 16:00 is 3.5 h',
    cal: lunchCalendar,
    ticket: (t) => ticketAt(ny('2026-06-08T11:30'), 'S2').reply(ny('2026-06-08T16:00')).build(t.id),
    now: ny('2026-06-08T18:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 3.5 * H,
  },
  {
    name: 'running at 75 % of target (3 h of 4 h, lunch excluded) is at risk',
    cal: lunchCalendar,
    ticket: (t) => ticketAt(ny('2026-06-08T11:30'), 'S2').build(t.id),
    now: ny('2026-06-08T15:30'),
    metric: 'firstResponse',
    state: 'at-risk',
    elapsed: 3 * H,
    extra: (clock) => {
      expect(clock.remainingSeconds).toBe(1 * H)
      expect(clock.dueAt).toBe(nyMs('2026-06-08T16:30'))
    },
  },
  {
    name: 'running at 50 % of target is ok',
    cal: lunchCalendar,
    ticket: (t) => ticketAt(ny('2026-06-08T11:30'), 'S2').build(t.id),
    now: ny('2026-06-08T14:30'),
    metric: 'firstResponse',
    state: 'ok',
    elapsed: 2 * H,
  },
  {
    name: 'a full-day holiday is skipped: Thursday 16:00 → Monday 11:30 is 3.5 h',
    cal: july4Calendar,
    ticket: (t) => ticketAt(ny('2026-07-02T16:00'), 'S2').reply(ny('2026-07-06T11:30')).build(t.id),
    now: ny('2026-07-07T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 3.5 * H,
  },
  {
    name: 'without the holiday the same ticket breaches on Friday 12:00',
    ticket: (t) => ticketAt(ny('2026-07-02T16:00'), 'S2').reply(ny('2026-07-06T11:30')).build(t.id),
    now: ny('2026-07-07T12:00'),
    metric: 'firstResponse',
    state: 'breached',
    breachedAt: nyMs('2026-07-03T12:00'),
  },
  // Pause and resume on waiting statuses (tier pause rules).
  {
    name: 'waiting on customer pauses resolution: 1 h Monday + 5 h Tuesday = 6 h of 8 h, met',
    tier: tightResolution,
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T10:00'))
        .status(ny('2026-06-08T10:00'), 'waiting-on-customer')
        .customer(ny('2026-06-09T09:00'))
        .status(ny('2026-06-09T09:00'), 'open')
        .solve(ny('2026-06-09T14:00'))
        .build(t.id),
    now: ny('2026-06-10T12:00'),
    metric: 'resolution',
    state: 'met',
    elapsed: 6 * H,
    extra: (clock) => expect(clock.stoppedAt).toBe(nyMs('2026-06-09T14:00')),
  },
  {
    name: 'while waiting on the customer the resolution clock is paused',
    tier: tightResolution,
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T10:00'))
        .status(ny('2026-06-08T10:00'), 'waiting-on-customer')
        .build(t.id),
    now: ny('2026-06-08T15:00'),
    metric: 'resolution',
    state: 'paused',
    elapsed: 1 * H,
    extra: (clock) => {
      expect(clock.remainingSeconds).toBe(7 * H)
      expect(clock.dueAt).toBeNull()
    },
  },
  {
    name: 'the same pause does not stop first response',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .status(ny('2026-06-08T09:30'), 'waiting-on-customer')
        .build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'at-risk',
    elapsed: 3 * H,
  },
  {
    name: 'a customer message after the first reply starts next response; the solve fulfils it',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T10:00'))
        .status(ny('2026-06-08T10:00'), 'waiting-on-customer')
        .customer(ny('2026-06-09T09:00'))
        .status(ny('2026-06-09T09:00'), 'open')
        .solve(ny('2026-06-09T14:00'))
        .build(t.id),
    now: ny('2026-06-10T12:00'),
    metric: 'nextResponse',
    state: 'met',
    elapsed: 5 * H,
  },
  {
    name: 'next response runs from the oldest unanswered message (10:00, not 13:00)',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T09:30'))
        .customer(ny('2026-06-08T10:00'))
        .customer(ny('2026-06-08T13:00'))
        .reply(ny('2026-06-09T11:00'))
        .build(t.id),
    now: ny('2026-06-10T12:00'),
    metric: 'nextResponse',
    state: 'breached',
    elapsed: 9 * H,
    breachedAt: nyMs('2026-06-09T10:00'),
  },
  {
    name: 'an internal note is not a response',
    ticket: (t) => ticketAt(ny('2026-06-08T09:00'), 'S1').note(ny('2026-06-08T09:10')).build(t.id),
    now: ny('2026-06-08T10:30'),
    metric: 'firstResponse',
    state: 'breached',
    elapsed: 1.5 * H,
    breachedAt: nyMs('2026-06-08T10:00'),
    extra: (clock) => expect(clock.running).toBe(true),
  },
  {
    name: 'replying exactly at the target is met',
    ticket: (t) => ticketAt(ny('2026-06-08T09:00'), 'S1').reply(ny('2026-06-08T10:00')).build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 1 * H,
  },
  {
    name: 'a ticket solved without a reply fulfils first response at the solve',
    ticket: (t) => ticketAt(ny('2026-06-08T09:00'), 'S2').solve(ny('2026-06-08T11:00')).build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 2 * H,
  },
  {
    name: 'events after now are not seen yet',
    ticket: (t) => ticketAt(ny('2026-06-08T09:00'), 'S2').reply(ny('2026-06-08T11:00')).build(t.id),
    now: ny('2026-06-08T10:00'),
    metric: 'firstResponse',
    state: 'ok',
    elapsed: 1 * H,
  },
  // Severity changes re-target the running clock and keep the elapsed time.
  {
    name: 'S3 → S1 after 2 h: already past the 1 h target, breached at the change',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S3')
        .severityTo(ny('2026-06-08T11:00'), 'S1')
        .reply(ny('2026-06-08T11:15'))
        .build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'breached',
    elapsed: 2.25 * H,
    breachedAt: nyMs('2026-06-08T11:00'),
  },
  {
    name: 'S3 → S1 after 20 min keeps the 20 min: reply at 09:50 is met (50 of 60 min)',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S3')
        .severityTo(ny('2026-06-08T09:20'), 'S1')
        .reply(ny('2026-06-08T09:50'))
        .build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: (50 / 60) * H,
    extra: (clock) => expect(clock.targetSeconds).toBe(1 * H),
  },
  {
    name: 'S1 → S3 relaxes the target: a 2 h reply is met against 8 h',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S1')
        .severityTo(ny('2026-06-08T09:30'), 'S3')
        .reply(ny('2026-06-08T11:00'))
        .build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'met',
    elapsed: 2 * H,
    extra: (clock) => expect(clock.targetSeconds).toBe(8 * H),
  },
  {
    name: 'S2 (business) → S1 (24x7) on Friday 16:45: 15 min kept, breach at 17:00 after hours',
    tier: premium,
    ticket: (t) =>
      ticketAt(ny('2026-06-05T16:30'), 'S2')
        .severityTo(ny('2026-06-05T16:45'), 'S1')
        .reply(ny('2026-06-05T17:10'))
        .build(t.id),
    now: ny('2026-06-08T12:00'),
    metric: 'firstResponse',
    state: 'breached',
    elapsed: 0.25 * H + (25 / 60) * H,
    breachedAt: nyMs('2026-06-05T17:00'),
  },
  // Reopen: the solved stretch does not count; the clock resumes where it stopped.
  {
    name: 'reopen resumes resolution: 3 h + 2 h, the solved days in between do not count',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T09:30'))
        .solve(ny('2026-06-08T12:00'))
        .reopen(ny('2026-06-10T09:00'))
        .solve(ny('2026-06-10T11:00'))
        .build(t.id),
    now: ny('2026-06-11T12:00'),
    metric: 'resolution',
    state: 'met',
    elapsed: 5 * H,
    extra: (clock) => expect(clock.stoppedAt).toBe(nyMs('2026-06-10T11:00')),
  },
  {
    name: 'reopened and still open: resolution runs again from the reopen',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T09:30'))
        .solve(ny('2026-06-08T12:00'))
        .reopen(ny('2026-06-10T09:00'))
        .build(t.id),
    now: ny('2026-06-10T10:00'),
    metric: 'resolution',
    state: 'ok',
    elapsed: 4 * H,
    extra: (clock) => expect(clock.running).toBe(true),
  },
  {
    name: 'a message on a solved ticket counts for next response only once reopened',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S2')
        .reply(ny('2026-06-08T09:30'))
        .solve(ny('2026-06-08T12:00'))
        .customer(ny('2026-06-08T15:00'))
        .reopen(ny('2026-06-10T09:00'))
        .reply(ny('2026-06-10T10:00'))
        .build(t.id),
    now: ny('2026-06-10T12:00'),
    metric: 'nextResponse',
    state: 'met',
    elapsed: 1 * H,
  },
  // Periodic updates (S1/S2 cadence).
  {
    name: 'periodic update every 4 h: the 12:00 → 17:00 gap breaches at 16:00',
    ticket: (t) =>
      ticketAt(ny('2026-06-08T09:00'), 'S1')
        .reply(ny('2026-06-08T09:30'))
        .reply(ny('2026-06-08T12:00'))
        .reply(ny('2026-06-08T17:00'))
        .solve(ny('2026-06-09T10:00'))
        .build(t.id),
    now: ny('2026-06-09T12:00'),
    metric: 'periodicUpdate',
    state: 'breached',
    breachedAt: nyMs('2026-06-08T16:00'),
    extra: (clock) => {
      expect(clock.cycles).toBe(3)
      expect(clock.breachedCycles).toBe(1)
      expect(clock.elapsedSeconds).toBe(1 * H)
    },
  },
  {
    name: 'no periodic update commitment for S3',
    ticket: (t) => ticketAt(ny('2026-06-08T09:00'), 'S3').reply(ny('2026-06-08T09:30')).build(t.id),
    now: ny('2026-06-09T12:00'),
    metric: 'periodicUpdate',
    state: 'not-applicable',
    extra: (clock) => expect(clock.targetSeconds).toBeNull(),
  },
  {
    name: 'no resolution commitment for S4',
    ticket: (t) => ticketAt(ny('2026-06-08T09:00'), 'S4').build(t.id),
    now: ny('2026-06-19T12:00'),
    metric: 'resolution',
    state: 'not-applicable',
  },
]

describe('computeSlaClocks', () => {
  it.each(cases)('$name', (c) => {
    const tier = c.tier ?? standard
    const ticket = c.ticket(tier)
    const clocks = computeSlaClocks({ ticket, tier, calendar: c.cal ?? calendar, now: c.now })
    const clock = clocks.metrics[c.metric]
    expect(clock.state).toBe(c.state)
    if (c.elapsed !== undefined) expect(clock.elapsedSeconds).toBeCloseTo(c.elapsed, 6)
    if (c.breachedAt !== undefined) expect(clock.breachedAt).toBe(c.breachedAt)
    if (c.state !== 'breached') expect(clock.breachedAt).toBeNull()
    c.extra?.(clock)
  })

  it('takes the at-risk share from the caller (workspace setting)', () => {
    const ticket = ticketAt(ny('2026-06-08T09:00'), 'S2').build(standard.id)
    const input = { ticket, tier: standard, calendar, now: ny('2026-06-08T11:30') }
    expect(computeSlaClocks(input).metrics.firstResponse.state).toBe('ok')
    expect(computeSlaClocks({ ...input, atRiskShare: 0.5 }).metrics.firstResponse.state).toBe(
      'at-risk',
    )
    expect(() => computeSlaClocks({ ...input, atRiskShare: 1.5 })).toThrow(SlaEngineError)
  })

  it('rejects a history out of time order with a typed error naming the event', () => {
    const ticket = ticketAt(ny('2026-06-08T09:00'), 'S2')
      .reply(ny('2026-06-08T10:00'))
      .customer(ny('2026-06-08T11:00'))
      .build(standard.id)
    const [created, reply, message] = ticket.events
    if (created === undefined || reply === undefined || message === undefined) throw new Error()
    const shuffled = { ...ticket, events: [created, message, reply] }
    const run = () => computeSlaClocks({ ticket: shuffled, tier: standard, calendar, now: 0 })
    expect(run).toThrow(SlaEngineError)
    expect(run).toThrow(/time order/)
  })
})
