import { describe, expect, it } from 'vitest'
import type { PortfolioRow } from '@shared/portfolio/portfolio-query'
import { sameRow } from './same-row'

const row: PortfolioRow = {
  id: 'acc-1',
  name: 'Acme',
  nameKey: 'acme',
  tierId: 'tier-premium',
  tierName: 'Premium',
  tierRank: 3,
  tierVersionId: 'tv-1',
  tierVersion: 2,
  arr: { amountMinor: 1_200_000, currency: 'EUR' },
  arrReportingMinor: 1_200_000,
  seats: 40,
  segment: 'mid-market',
  renewalDate: '2026-03-01',
  daysToRenewal: 89,
  ownerId: 'u-1',
  ownerName: 'Ada',
  tamId: null,
  tamName: null,
  healthScore: 71,
  healthBand: 'watch',
  healthTrend: [60, 65, 71],
  slaCompliance: 0.93,
  openS1: 0,
  openS2: 1,
  upgradeSignal: { label: 'Seats over contract', targetTierName: 'Enterprise' },
}
/** The same account as a new answer parses it: equal values, no shared objects. */
const copy = (changes: Partial<PortfolioRow> = {}): PortfolioRow => ({
  ...(JSON.parse(JSON.stringify(row)) as PortfolioRow),
  ...changes,
})

describe('sameRow', () => {
  it('finds an equal answer for the same account the same row', () => {
    expect(sameRow(row, copy())).toBe(true)
  })

  it('sees a changed figure, trend week, amount, signal or cleared value', () => {
    expect(sameRow(row, copy({ healthScore: 72 }))).toBe(false)
    expect(sameRow(row, copy({ healthTrend: [60, 65, 70] }))).toBe(false)
    expect(sameRow(row, copy({ healthTrend: [60, 65, 71, 72] }))).toBe(false)
    expect(sameRow(row, copy({ healthTrend: null }))).toBe(false)
    expect(sameRow(row, copy({ arr: { amountMinor: 1_200_000, currency: 'USD' } }))).toBe(false)
    expect(
      sameRow(row, copy({ upgradeSignal: { label: 'S1 volume', targetTierName: 'Enterprise' } })),
    ).toBe(false)
    expect(sameRow(row, copy({ upgradeSignal: null }))).toBe(false)
    expect(sameRow(copy({ tamName: null }), copy({ tamName: 'Grace' }))).toBe(false)
  })

  it('sees a field one answer has and the other lacks', () => {
    const { seats: _seats, ...withoutSeats } = copy()
    expect(sameRow(row, withoutSeats as PortfolioRow)).toBe(false)
  })
})
