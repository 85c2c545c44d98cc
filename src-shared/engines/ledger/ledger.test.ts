import { describe, expect, it } from 'vitest'
import type { Account } from '../../model/account'
import { buildAccount, ledgerEntry, qbr } from '../fixtures/account'
import { fixtureId } from '../fixtures/ids'
import { buildTier } from '../fixtures/tier'
import type { LedgerInput, LedgerItem, LedgerLine } from './ledger'
import { entitlementLedger } from './ledger'
import { contractYears, recentMonths } from './periods'

const NOW = Date.parse('2026-11-16T00:00:00.000Z')
const base = buildTier()
/** A Premium-like version: 16 TAM hours a month, 2 reviews and 4 health checks a year, quarterly QBRs. */
const tier = {
  ...base,
  definition: {
    ...base.definition,
    entitlements: {
      ...base.definition.entitlements,
      tamHoursPerMonth: 16,
      architectureReviewsPerYear: 2,
      onboardingSessions: 4,
      healthChecksPerYear: 4,
      qbrCadence: 'quarterly' as const,
    },
  },
}
const account = buildAccount({
  tierVersionId: tier.id,
  contractStart: '2026-02-01',
  renewalDate: '2027-02-01',
})

const ledger = (overrides: Partial<LedgerInput> = {}) =>
  entitlementLedger({ account, tier, entries: [], activities: [], now: NOW, ...overrides })
const find = (lines: readonly LedgerLine[], item: LedgerItem, label: string) => {
  const found = lines.find((l) => l.item === item && l.period.label.startsWith(label))
  if (found === undefined) throw new Error(`no ${item} line ${label}`)
  return found
}

describe('entitlement ledger', () => {
  const cases: {
    name: string
    entries: (a: Pick<Account, 'id'>) => LedgerInput['entries']
    item: LedgerItem
    period: string
    consumed: number
    available: number
    flag: LedgerLine['flag']
    reason: string
  }[] = [
    {
      name: 'TAM hours over the month',
      entries: (a) => [
        ledgerEntry(a.id, 'tamHours', 10, '2026-10-05T10:00:00.000Z'),
        ledgerEntry(a.id, 'tamHours', 8.5, '2026-10-20T10:00:00.000Z'),
      ],
      item: 'tamHours',
      period: '2026-10',
      consumed: 18.5,
      available: 16,
      flag: 'over',
      reason: '18.5 of 16 TAM hours used in 2026-10 (116%)',
    },
    {
      name: 'a correction brings TAM hours back within the month',
      entries: (a) => [
        ledgerEntry(a.id, 'tamHours', 17, '2026-09-05T10:00:00.000Z'),
        ledgerEntry(a.id, 'tamHours', -1.5, '2026-09-20T10:00:00.000Z', 'adjustment'),
      ],
      item: 'tamHours',
      period: '2026-09',
      consumed: 15.5,
      available: 16,
      flag: 'on-track',
      reason: '15.5 of 16 TAM hours used in 2026-09 (97%)',
    },
    {
      name: 'a month with a quarter of the hours is under-used',
      entries: (a) => [ledgerEntry(a.id, 'tamHours', 4, '2026-08-05T10:00:00.000Z')],
      item: 'tamHours',
      period: '2026-08',
      consumed: 4,
      available: 16,
      flag: 'under',
      reason: '4 of 16 TAM hours used in 2026-08; 16 expected by now',
    },
    {
      name: 'half way through November, 6 hours is on track',
      entries: (a) => [ledgerEntry(a.id, 'tamHours', 6, '2026-11-03T10:00:00.000Z')],
      item: 'tamHours',
      period: '2026-11',
      consumed: 6,
      available: 16,
      flag: 'on-track',
      reason: '6 of 16 TAM hours used in 2026-11 (38%)',
    },
    {
      name: 'a granted review adds capacity: 3 delivered of 2 + 1',
      entries: (a) => [
        ledgerEntry(a.id, 'architectureReview', 1, '2026-03-05T10:00:00.000Z'),
        ledgerEntry(a.id, 'architectureReview', 1, '2026-06-05T10:00:00.000Z'),
        ledgerEntry(a.id, 'architectureReview', 1, '2026-09-05T10:00:00.000Z'),
        ledgerEntry(a.id, 'architectureReview', 1, '2026-04-01T10:00:00.000Z', 'grant'),
      ],
      item: 'architectureReview',
      period: 'contract year 1',
      consumed: 3,
      available: 3,
      flag: 'on-track',
      reason:
        '3 of 3 architecture reviews used in contract year 1 (2026-02-01 – 2027-02-01) (100%)',
    },
    {
      name: 'no health check in 9 months of a 4-a-year plan',
      entries: () => [],
      item: 'healthCheck',
      period: 'contract year 1',
      consumed: 0,
      available: 4,
      flag: 'under',
      reason:
        // 288 of 365 days: 4 × 288 / 365 = 3.16.
        '0 of 4 health checks used in contract year 1 (2026-02-01 – 2027-02-01); 3.16 expected by now',
    },
    {
      name: 'onboarding sessions are all due within 90 days',
      entries: (a) => [ledgerEntry(a.id, 'onboardingSession', 1, '2026-02-10T10:00:00.000Z')],
      item: 'onboardingSession',
      period: 'term',
      consumed: 1,
      available: 4,
      flag: 'under',
      reason: '1 of 4 onboarding sessions used in term 2026-02-01 – 2027-02-01; 4 expected by now',
    },
    {
      name: "another account's entries are not counted",
      entries: () => [ledgerEntry(fixtureId(), 'tamHours', 40, '2026-10-05T10:00:00.000Z')],
      item: 'tamHours',
      period: '2026-10',
      consumed: 0,
      available: 16,
      flag: 'under',
      reason: '0 of 16 TAM hours used in 2026-10; 16 expected by now',
    },
  ]
  it.each(cases)('$name', ({ entries, item, period, consumed, available, flag, reason }) => {
    const result = find(ledger({ entries: entries(account) }).lines, item, period)
    expect(result.consumed).toBe(consumed)
    expect(result.available).toBe(available)
    expect(result.flag).toBe(flag)
    expect(result.reason).toBe(reason)
  })

  it('lists the entries it counted and collects over- and under-used lines', () => {
    const entries = [
      ledgerEntry(account.id, 'tamHours', 20, '2026-10-05T10:00:00.000Z'),
      ledgerEntry(account.id, 'tamHours', 2, '2026-09-05T10:00:00.000Z'),
    ]
    const result = ledger({ entries })
    expect(find(result.lines, 'tamHours', '2026-10').evidenceIds).toEqual([entries[0]?.id])
    expect(result.over.map((l) => `${l.item} ${l.period.label}`)).toEqual(['tamHours 2026-10'])
    expect(result.under.map((l) => l.period.label)).toContain('2026-09')
  })

  it('starts TAM months at the contract start and counts QBRs held against the cadence', () => {
    const activities = [
      qbr(account.id, '2026-04-20T15:00:00.000Z', 'held'),
      qbr(account.id, '2026-07-20T15:00:00.000Z', 'held'),
      qbr(account.id, '2026-10-20T15:00:00.000Z', 'cancelled'),
      qbr(account.id, '2026-12-10T15:00:00.000Z', 'planned'),
    ]
    const result = ledger({ activities })
    const months = result.lines.filter((l) => l.item === 'tamHours').map((l) => l.period.label)
    expect(months[0]).toBe('2026-02')
    expect(months.at(-1)).toBe('2026-11')
    const qbrs = find(result.lines, 'qbr', 'contract year 1')
    // 9.5 months of a quarterly cadence: 3 QBRs due, 2 held.
    expect(qbrs.consumed).toBe(2)
    expect(qbrs.expectedByNow).toBe(3)
    expect(qbrs.flag).toBe('under')
    expect(qbrs.reason).toBe(
      '2 of 4 QBRs held in contract year 1 (2026-02-01 – 2027-02-01); 3 expected by now',
    )
  })

  it('uses a custom term instead of the tier value', () => {
    const custom = buildAccount({
      ...account,
      customTerms: [
        {
          id: fixtureId(),
          field: 'entitlements.tamHoursPerMonth',
          value: 24,
          note: 'Negotiated at renewal.',
          agreedOn: '2026-01-15',
        },
      ],
    })
    const entries = [ledgerEntry(custom.id, 'tamHours', 20, '2026-10-05T10:00:00.000Z')]
    const line = find(ledger({ account: custom, entries }).lines, 'tamHours', '2026-10')
    expect(line.entitled).toBe(24)
    expect(line.entitledFrom).toBe('custom-term')
    expect(line.flag).toBe('on-track')
  })

  it('says a plan without an entitlement is not entitled, and flags use of it as over', () => {
    const bare = { ...tier, definition: base.definition }
    const result = ledger({
      tier: bare,
      entries: [ledgerEntry(account.id, 'tamHours', 2, '2026-10-05T10:00:00.000Z')],
    })
    expect(find(result.lines, 'tamHours', '2026-09').flag).toBe('not-entitled')
    expect(find(result.lines, 'tamHours', '2026-10').flag).toBe('over')
  })
})

describe('ledger periods', () => {
  it('cuts the last contract year at the renewal date of a multi-year term', () => {
    const years = contractYears('2025-03-15', '2027-09-15', Date.parse('2027-06-01T00:00:00Z'))
    expect(years.map((y) => [y.from, y.to])).toEqual([
      ['2025-03-15', '2026-03-15'],
      ['2026-03-15', '2027-03-15'],
      ['2027-03-15', '2027-09-15'],
    ])
    expect(years[1]?.lastMonth).toBe('2027-03')
  })

  it('counts months back from the current one', () => {
    expect(recentMonths(NOW, 3).map((m) => [m.label, m.lastMonth])).toEqual([
      ['2026-09', '2026-09'],
      ['2026-10', '2026-10'],
      ['2026-11', '2026-11'],
    ])
  })
})
