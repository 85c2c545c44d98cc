import { describe, expect, it } from 'vitest'
import { retentionCohort } from './arr-history'
import { openEscalations } from './escalations'
import { revenueRetention } from './portfolio'
import { toReportingMinor } from './reporting-money'
import { valueMilestones } from './value-milestones'

const settings = {
  reportingCurrency: 'USD',
  fxRates: [
    { currency: 'EUR', toReporting: 1.1 },
    { currency: 'JPY', toReporting: 0.0067 },
  ],
}

describe('toReportingMinor', () => {
  it('converts with the workspace rates and minor-unit exponents', () => {
    expect(toReportingMinor(12_345, 'USD', settings)).toBe(12_345)
    expect(toReportingMinor(10_000, 'EUR', settings)).toBe(11_000)
    // JPY has no minor units: ¥1,000,000 is $6,700.00.
    expect(toReportingMinor(1_000_000, 'JPY', settings)).toBe(670_000)
    expect(toReportingMinor(100, 'GBP', settings)).toBeNull()
  })
})

describe('retentionCohort', () => {
  const account = (
    id: string,
    tierId: string,
    arr: number,
    customerSince: string,
    extra: { archived?: boolean; lifecycleStage?: 'churned' | 'adoption' } = {},
  ) => ({
    id,
    tierId,
    arrReportingMinor: arr,
    customerSince,
    archived: extra.archived ?? false,
    lifecycleStage: extra.lifecycleStage ?? 'adoption',
  })
  const upgrade = (accountId: string, decidedAt: string, delta: number, currency = 'USD') => ({
    accountId,
    status: 'accepted' as const,
    decidedAt,
    fromTierVersionId: 'v-standard',
    currency,
    totalAnnualMinor: 50_000 + delta,
    currentAnnualMinor: 50_000,
  })
  const versions = new Map([['v-standard', { tierId: 'standard' }]])
  const period = { from: '2025-11-01', to: '2026-10-31' }

  const rows = retentionCohort({
    accounts: [
      account('kept', 'standard', 100_000, '2024-01-10'),
      account('upgraded', 'premium', 180_000, '2024-05-01'),
      account('churned', 'standard', 40_000, '2023-03-01', { archived: true }),
      account('new-logo', 'standard', 70_000, '2026-02-01'),
      account('old-upgrade', 'premium', 90_000, '2022-01-01'),
    ],
    proposals: [
      upgrade('upgraded', '2026-03-15T10:00:00.000Z', 50_000, 'EUR'),
      // Before the period: already in the starting ARR.
      upgrade('old-upgrade', '2025-06-01T10:00:00.000Z', 30_000),
      { ...upgrade('kept', '2026-04-01T10:00:00.000Z', 20_000), status: 'lost' as const },
    ],
    versions,
    period,
    settings,
  })

  it('reconstructs starting ARR and tier from accepted proposals, churn from archiving', () => {
    expect(rows).toEqual([
      { tierId: 'standard', startArrMinor: 100_000, endArrMinor: 100_000 },
      // €500.00 more at 1.1 = $550.00 of expansion; started the period on Standard.
      { tierId: 'standard', startArrMinor: 125_000, endArrMinor: 180_000 },
      { tierId: 'standard', startArrMinor: 40_000, endArrMinor: 0 },
      { tierId: 'premium', startArrMinor: 90_000, endArrMinor: 90_000 },
    ])
  })

  it('gives gross retention without expansion and net retention with it', () => {
    const [premium, standard] = revenueRetention(rows)
    expect(premium).toEqual({
      tierId: 'premium',
      startArrMinor: 90_000,
      grossRetention: 1,
      netRetention: 1,
    })
    // Start 265,000; churn 40,000; expansion 55,000.
    expect(standard?.startArrMinor).toBe(265_000)
    expect(standard?.grossRetention).toBeCloseTo(225_000 / 265_000, 10)
    expect(standard?.netRetention).toBeCloseTo(280_000 / 265_000, 10)
  })
})

describe('valueMilestones', () => {
  const snapshot = (accountId: string, month: string, activeUsers: number, seats = 100) => ({
    accountId,
    month,
    capturedAt: `${month}-28T00:00:00.000Z`,
    activeUsers,
    seatsContracted: seats,
  })
  it('finds the first month adoption reaches half the seats, only where the start was recorded', () => {
    const rows = valueMilestones(
      [
        { id: 'a', tierId: 't', customerSince: '2026-03-10', archived: false },
        { id: 'b', tierId: 't', customerSince: '2026-05-02', archived: false },
        { id: 'old', tierId: 't', customerSince: '2020-01-01', archived: false },
        { id: 'gone', tierId: 't', customerSince: '2026-03-01', archived: true },
      ],
      [
        snapshot('a', '2026-02', 0),
        snapshot('a', '2026-03', 20),
        snapshot('a', '2026-04', 49),
        snapshot('a', '2026-05', 50),
        snapshot('a', '2026-06', 90),
        snapshot('b', '2026-05', 10),
        snapshot('b', '2026-06', 30),
        snapshot('old', '2026-01', 90),
        snapshot('gone', '2026-03', 90),
      ],
    )
    expect(rows).toEqual([
      { tierId: 't', start: '2026-03-10', firstValue: '2026-05-28' },
      { tierId: 't', start: '2026-05-02', firstValue: null },
    ])
  })
})

describe('openEscalations', () => {
  it('counts open escalated tickets by the account tier', () => {
    const ticket = (accountId: string, status: string, severity: 'S1' | 'S2', level: number) => ({
      accountId,
      status: status as 'open',
      severity,
      escalationLevel: level,
    })
    const result = openEscalations(
      [
        ticket('a', 'open', 'S1', 1),
        ticket('a', 'waiting-on-customer', 'S2', 2),
        ticket('b', 'open', 'S1', 1),
        ticket('b', 'solved', 'S1', 3),
        ticket('c', 'open', 'S2', 0),
        ticket('unknown', 'open', 'S1', 1),
      ],
      new Map([
        ['a', 'premium'],
        ['b', 'standard'],
        ['c', 'standard'],
      ]),
    )
    expect(result.byTier).toEqual([
      { tierId: 'premium', tickets: 2, accounts: 1, bySeverity: { S1: 1, S2: 1, S3: 0, S4: 0 } },
      { tierId: 'standard', tickets: 1, accounts: 1, bySeverity: { S1: 1, S2: 0, S3: 0, S4: 0 } },
    ])
    expect(result.total).toEqual({
      tickets: 3,
      accounts: 2,
      bySeverity: { S1: 2, S2: 1, S3: 0, S4: 0 },
    })
  })
})
