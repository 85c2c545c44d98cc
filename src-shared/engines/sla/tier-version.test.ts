import { describe, expect, it } from 'vitest'
import { buildTier } from '../fixtures/tier'
import { ticketAt } from '../fixtures/ticket'
import { SlaEngineError } from './errors'
import { tierVersionForTicket } from './tier-version'

describe('tierVersionForTicket', () => {
  const signed = buildTier({ name: 'Standard v1' })
  const current = buildTier({ name: 'Standard v2', sla: { S2: { firstResponse: '2h' } } })
  const versions = new Map([signed, current].map((tier) => [tier.id, tier]))

  it('uses the version stamped on the ticket, not the newest one', () => {
    const ticket = ticketAt('2026-06-08T13:00:00.000Z', 'S2').build(signed.id)
    expect(tierVersionForTicket(ticket, versions).name).toBe('Standard v1')
  })

  it('fails with a typed error when the version is unknown', () => {
    const ticket = ticketAt('2026-06-08T13:00:00.000Z', 'S2').build(buildTier().id)
    expect(() => tierVersionForTicket(ticket, versions)).toThrow(SlaEngineError)
  })
})
