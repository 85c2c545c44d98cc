import { describe, expect, it } from 'vitest'
import { businessCalendar } from '../fixtures/calendar'
import { local } from '../fixtures/time'
import { buildTier } from '../fixtures/tier'
import { ticketAt } from '../fixtures/ticket'
import { replayTickets } from './replay'

const NY = 'America/New_York'
const ny = (wall: string) => local(wall, NY)
const calendar = businessCalendar({ timeZone: NY })
// Periodic updates are left out so each ticket below isolates one or two metrics.
const standard = buildTier({ sla: { S2: { periodicUpdate: null } } })
// Longer business-hours first response and resolution for S2, plus a round-the-clock S3 reply.
const relaxed = buildTier({
  name: 'Relaxed',
  key: 'relaxed',
  sla: {
    S2: { firstResponse: '6h', periodicUpdate: null, resolution: '80h' },
    S3: { firstResponse: '8h24x7' },
  },
})

// A: S2, first reply after 5 business hours: breached under Standard (4 h), met under 6 h.
const a = ticketAt(ny('2026-06-08T09:00'), 'S2')
  .reply(ny('2026-06-08T14:00'))
  .solve(ny('2026-06-08T14:30'))
  .build(standard.id)
// B: S3 created Friday 16:00, reply Monday 10:00: 2 business hours (met), but 66 h round the clock.
const b = ticketAt(ny('2026-06-05T16:00'), 'S3')
  .reply(ny('2026-06-08T10:00'))
  .solve(ny('2026-06-08T10:30'))
  .build(standard.id)
// C: S2 reply after 7 business hours and resolution after 48: breached under both tiers' reply
// target (4 h and 6 h); resolution 48 h breaches Standard's 40 h but not Relaxed's 80 h.
const c = ticketAt(ny('2026-06-08T09:00'), 'S2')
  .reply(ny('2026-06-08T16:00'))
  .solve(ny('2026-06-16T09:00'))
  .build(standard.id)

const measured = [a, b, c].map((ticket) => ({ ticket, tier: standard, calendar }))
const now = ny('2026-06-30T12:00')

describe('replayTickets', () => {
  const result = replayTickets({ tickets: measured, alternative: relaxed, now })

  it('counts avoided, introduced and remaining breaches per ticket and metric', () => {
    const refs = (list: readonly { ticketId: string; metric: string }[]) =>
      list.map((r) => `${r.ticketId === a.id ? 'A' : r.ticketId === b.id ? 'B' : 'C'}:${r.metric}`)
    expect(refs(result.summary.avoided).sort()).toEqual(['A:firstResponse', 'C:resolution'])
    expect(refs(result.summary.introduced)).toEqual(['B:firstResponse'])
    expect(refs(result.summary.stillBreached)).toEqual(['C:firstResponse'])
    expect(result.summary.originalBreaches).toBe(3)
    expect(result.summary.replayedBreaches).toBe(2)
  })

  it('writes the summary sentence', () => {
    expect(result.summary.sentence).toBe(
      'under Relaxed, 2 of these 3 breaches would not have happened, and 1 new breach would have',
    )
  })

  it('keeps original and replayed clocks side by side', () => {
    const replayA = result.tickets.find((t) => t.ticketId === a.id)
    const first = replayA?.metrics.find((m) => m.metric === 'firstResponse')
    expect(first?.original.breachedAt).toBe(Date.parse(ny('2026-06-08T13:00')))
    expect(first?.replayed.state).toBe('met')
    expect(first?.replayed.targetSeconds).toBe(6 * 3600)
  })

  it('can replace the calendar: a holiday on the breach day removes A’s breach', () => {
    const holiday = businessCalendar({
      timeZone: NY,
      holidays: [
        {
          kind: 'partial',
          date: '2026-06-08',
          name: 'Offsite',
          closedFrom: '10:00',
          closedUntil: '12:00',
        },
      ],
    })
    const replay = replayTickets({
      tickets: [{ ticket: a, tier: standard, calendar }],
      alternative: standard,
      alternativeCalendar: holiday,
      now,
    })
    expect(replay.summary.sentence).toBe(
      'under Standard, 1 of these 1 breach would not have happened',
    )
  })
})
