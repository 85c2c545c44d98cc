import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Severity } from '../../model/enums'
import type { Ticket } from '../../model/ticket'
import { businessCalendar } from '../fixtures/calendar'
import { buildTier } from '../fixtures/tier'
import { TicketBuilder } from '../fixtures/ticket'
import { computeSlaClocks } from './clocks'

const calendar = businessCalendar({
  timeZone: 'Europe/Berlin',
  weekdays: ['08:00-12:00', '13:00-18:00'],
})
const tier = buildTier({ sla: { S1: { firstResponse: '30m24x7', periodicUpdate: '2h24x7' } } })
const start = Date.UTC(2026, 2, 20, 9) // a week before the EU spring-forward change

type Step =
  | { readonly kind: 'customer' | 'reply' | 'note' | 'solve-or-reopen' | 'wait' | 'open' }
  | { readonly kind: 'severity'; readonly to: Severity }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>(
    { kind: 'customer' },
    { kind: 'reply' },
    { kind: 'note' },
    { kind: 'solve-or-reopen' },
    { kind: 'wait' },
    { kind: 'open' },
  ),
  fc.constantFrom<Severity>('S1', 'S2', 'S3', 'S4').map((to): Step => ({ kind: 'severity', to })),
)

/** A valid random history: legal status moves only, gaps of up to two days between events. */
const history = fc
  .tuple(
    fc.constantFrom<Severity>('S1', 'S2', 'S3', 'S4'),
    fc.array(fc.tuple(step, fc.integer({ min: 0, max: 2 * 24 * 60 })), { maxLength: 12 }),
  )
  .map(([severity, steps]): Ticket => {
    let t = start
    const iso = () => new Date(t).toISOString()
    const builder = new TicketBuilder(iso(), severity)
    let current = severity
    let status: 'new' | 'open' | 'waiting-on-customer' | 'solved' = 'new'
    for (const [s, gap] of steps) {
      t += gap * 60_000
      if (s.kind === 'customer') builder.customer(iso())
      else if (s.kind === 'reply') builder.reply(iso())
      else if (s.kind === 'note') builder.note(iso())
      else if (s.kind === 'severity' && s.to !== current) {
        builder.severityTo(iso(), s.to)
        current = s.to
      } else if (s.kind === 'solve-or-reopen') {
        if (status === 'solved') builder.reopen(iso())
        else builder.solve(iso())
        status = status === 'solved' ? 'open' : 'solved'
      } else if (s.kind === 'wait' && (status === 'new' || status === 'open')) {
        builder.status(iso(), 'waiting-on-customer')
        status = 'waiting-on-customer'
      } else if (s.kind === 'open' && status === 'waiting-on-customer') {
        builder.status(iso(), 'open')
        status = 'open'
      }
    }
    return builder.build(tier.id)
  })

const offsets = fc.tuple(
  fc.integer({ min: 0, max: 30 * 24 * 60 }),
  fc.integer({ min: 0, max: 30 * 24 * 60 }),
)

describe('SLA clock properties over random histories', () => {
  it('elapsed never decreases as now advances, and a breach never moves or heals', () => {
    fc.assert(
      fc.property(history, offsets, (ticket, [x, y]) => {
        const [early, late] = x <= y ? [x, y] : [y, x]
        const at = (minutes: number) =>
          computeSlaClocks({ ticket, tier, calendar, now: start + minutes * 60_000 })
        const before = at(early)
        const after = at(late)
        for (const metric of ['firstResponse', 'resolution'] as const) {
          const a = before.metrics[metric]
          const b = after.metrics[metric]
          // A severity change to one without a commitment makes the metric not applicable
          // (nothing is promised any more) — unless it had already overran.
          if (a.state === 'not-applicable' || b.state === 'not-applicable') continue
          expect(b.elapsedSeconds).toBeGreaterThanOrEqual(a.elapsedSeconds)
          if (a.state === 'breached') {
            expect(b.state).toBe('breached')
            expect(b.breachedAt).toBe(a.breachedAt)
          }
          if (a.breachedAt !== null) expect(a.breachedAt).toBeLessThanOrEqual(before.evaluatedAt)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('met and breached are exclusive with remaining time: met never reports an overrun', () => {
    fc.assert(
      fc.property(history, (ticket) => {
        const clocks = computeSlaClocks({ ticket, tier, calendar, now: start + 40 * 86_400_000 })
        for (const clock of Object.values(clocks.metrics)) {
          if (clock.state === 'met' && clock.targetSeconds !== null) {
            expect(clock.elapsedSeconds).toBeLessThanOrEqual(clock.targetSeconds)
          }
          if (clock.state === 'breached') expect(clock.breachedAt).not.toBeNull()
        }
      }),
      { numRuns: 150 },
    )
  })
})
