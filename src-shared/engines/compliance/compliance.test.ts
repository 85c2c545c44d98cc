import { describe, expect, it } from 'vitest'
import type { Severity, SlaMetric } from '../../model/enums'
import type { MetricClock, SlaState, TicketClocks } from '../sla/types'
import type { MeasuredClocks } from './compliance'
import { slaCompliance } from './compliance'
import { percentile } from './percentile'

const clock = (metric: SlaMetric, state: SlaState, elapsedSeconds = 0, running = false) =>
  ({
    metric,
    state,
    targetSeconds: 3600,
    hours: 'business',
    elapsedSeconds,
    remainingSeconds: 0,
    breachedAt: state === 'breached' ? 1 : null,
    dueAt: null,
    stoppedAt: running ? null : 1,
    running,
    cycles: 1,
    breachedCycles: state === 'breached' ? 1 : 0,
  }) satisfies MetricClock

const na = (metric: SlaMetric) => clock(metric, 'not-applicable')

function ticket(
  accountId: string,
  tierId: string,
  createdAt: number,
  severity: Severity,
  firstResponse: MetricClock,
  resolution: MetricClock = na('resolution'),
): MeasuredClocks {
  const clocks: TicketClocks = {
    ticketId: `${accountId}-${createdAt}`,
    tierVersionId: tierId,
    severity,
    status: 'open',
    evaluatedAt: 100,
    metrics: {
      firstResponse,
      nextResponse: na('nextResponse'),
      periodicUpdate: na('periodicUpdate'),
      resolution,
    },
  }
  return { clocks, accountId, tierId, createdAt }
}

const book = [
  ticket('acme', 'premium', 10, 'S1', clock('firstResponse', 'met', 600)),
  ticket('acme', 'premium', 11, 'S2', clock('firstResponse', 'breached', 7200)),
  ticket(
    'acme',
    'premium',
    12,
    'S2',
    clock('firstResponse', 'met', 1200),
    clock('resolution', 'met', 9000),
  ),
  // Running and already over: counts as a breach, but has no final time yet.
  ticket('globex', 'standard', 13, 'S1', clock('firstResponse', 'breached', 5000, true)),
  ticket('globex', 'standard', 14, 'S3', clock('firstResponse', 'ok', 100, true)),
  // Outside the period.
  ticket('globex', 'standard', 99, 'S1', clock('firstResponse', 'breached', 9999)),
]

describe('slaCompliance', () => {
  const byAccount = slaCompliance({
    tickets: book,
    groupBy: 'account',
    period: { from: 0, to: 50 },
  })

  it('counts met and breached ticket metrics per account in the period', () => {
    expect(byAccount.map((r) => [r.key, r.tickets, r.met, r.breached])).toEqual([
      ['acme', 3, 3, 1],
      ['globex', 2, 0, 1],
    ])
    expect(byAccount[0]?.metShare).toBe(0.75)
    expect(byAccount[1]?.metShare).toBe(0)
  })

  it('takes median and p90 of stopped waits only', () => {
    const first = byAccount[0]?.byMetric.firstResponse
    expect(first?.medianSeconds).toBe(1200)
    expect(first?.p90Seconds).toBe(7200)
    expect(byAccount[1]?.byMetric.firstResponse.medianSeconds).toBeNull()
  })

  it('counts breaches by severity and groups by tier', () => {
    expect(byAccount[0]?.breachesBySeverity).toEqual({ S1: 0, S2: 1, S3: 0, S4: 0 })
    const byTier = slaCompliance({ tickets: book, groupBy: 'tier', period: { from: 0, to: 100 } })
    expect(byTier.find((r) => r.key === 'standard')?.breachesBySeverity.S1).toBe(2)
  })
})

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 0.5, null],
    [[5], 0.9, 5],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
  ])('%j p%s = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected)
  })
})
