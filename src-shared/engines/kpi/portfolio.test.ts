import { describe, expect, it } from 'vitest'
import { portfolioBook, revenueRetention, timeToValue } from './portfolio'

const account = (
  id: string,
  tierId: string,
  arrReportingMinor: number,
  renewalDate: string,
  healthBand: 'healthy' | 'watch' | 'at-risk' | 'unknown' = 'healthy',
  archived = false,
) => ({ id, tierId, arrReportingMinor, renewalDate, healthBand, archived })

describe('portfolioBook', () => {
  const now = Date.parse('2026-11-01T15:00:00.000Z')
  const book = portfolioBook(
    [
      account('a', 'premium', 100_000, '2026-11-20', 'at-risk'),
      account('b', 'premium', 50_000, '2026-12-31'),
      account('c', 'standard', 20_000, '2027-01-30', 'watch'),
      account('d', 'standard', 10_000, '2026-11-01'), // renews today: not "within" any window
      account('e', 'standard', 99_999, '2026-11-10', 'at-risk', true), // archived
    ],
    now,
  )

  it('sums ARR, accounts and at-risk ARR by tier, without archived accounts', () => {
    expect(book.byTier).toEqual([
      { tierId: 'premium', accounts: 2, arrMinor: 150_000, atRiskArrMinor: 100_000 },
      { tierId: 'standard', accounts: 2, arrMinor: 30_000, atRiskArrMinor: 0 },
    ])
    expect(book.total).toEqual({ accounts: 4, arrMinor: 180_000, atRiskArrMinor: 100_000 })
  })

  it('counts renewals within 30/60/90 days (cumulative windows)', () => {
    expect(book.renewals).toEqual([
      { days: 30, accounts: 1, arrMinor: 100_000 },
      // 31 December is exactly 60 days after 1 November: inside the 60-day window.
      { days: 60, accounts: 2, arrMinor: 150_000 },
      { days: 90, accounts: 3, arrMinor: 170_000 },
    ])
  })
})

describe('revenueRetention', () => {
  it('caps gross retention at the starting ARR and lets net retention count expansion', () => {
    const [premium] = revenueRetention([
      { tierId: 'premium', startArrMinor: 100, endArrMinor: 150 }, // expansion
      { tierId: 'premium', startArrMinor: 100, endArrMinor: 0 }, // churn
      { tierId: 'premium', startArrMinor: 100, endArrMinor: 80 }, // contraction
      { tierId: 'premium', startArrMinor: 0, endArrMinor: 500 }, // new logo: not in the cohort
    ])
    expect(premium?.startArrMinor).toBe(300)
    expect(premium?.grossRetention).toBeCloseTo(180 / 300, 10)
    expect(premium?.netRetention).toBeCloseTo(230 / 300, 10)
  })
})

describe('timeToValue', () => {
  it('takes median and p90 days of accounts that reached value, and counts the others', () => {
    const [row] = timeToValue([
      { tierId: 't', start: '2026-01-01', firstValue: '2026-01-11' },
      { tierId: 't', start: '2026-01-01', firstValue: '2026-01-31' },
      { tierId: 't', start: '2026-02-01', firstValue: '2026-02-06' },
      { tierId: 't', start: '2026-03-01', firstValue: null },
    ])
    expect(row).toEqual({ tierId: 't', accounts: 4, reached: 3, medianDays: 10, p90Days: 30 })
  })
})
