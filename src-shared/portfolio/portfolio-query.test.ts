import { describe, expect, it } from 'vitest'
import { searchKey } from '../model/account'
import {
  daysBetween,
  portfolioListInput,
  queryPortfolio,
  type PortfolioRow,
} from './portfolio-query'

const ids = [
  '01J0000000000000000000000A',
  '01J0000000000000000000000B',
  '01J0000000000000000000000C',
]
const tierA = '01J000000000000000000000TA'
const tierB = '01J000000000000000000000TB'

function row(overrides: Partial<PortfolioRow> & Pick<PortfolioRow, 'id' | 'name'>): PortfolioRow {
  return {
    nameKey: searchKey(overrides.name),
    tierId: tierA,
    tierName: 'Standard',
    tierRank: 1,
    tierVersionId: tierA,
    tierVersion: 1,
    arr: { amountMinor: 100, currency: 'USD' },
    arrReportingMinor: 100,
    seats: 10,
    segment: 'smb',
    renewalDate: '2027-01-01',
    daysToRenewal: 61,
    ownerId: ids[0] ?? '',
    ownerName: 'Ada',
    tamId: null,
    tamName: null,
    healthScore: 50,
    healthBand: 'watch',
    healthTrend: null,
    slaCompliance: null,
    openS1: 0,
    openS2: 0,
    upgradeSignal: null,
    ...overrides,
  }
}

const rows: PortfolioRow[] = [
  row({
    id: ids[0] ?? '',
    name: 'Émile Co',
    healthScore: null,
    healthBand: 'unknown',
    daysToRenewal: 0,
  }),
  row({
    id: ids[1] ?? '',
    name: 'Bravo',
    tierId: tierB,
    tierRank: 3,
    segment: 'enterprise',
    healthScore: 30,
    healthBand: 'at-risk',
    arrReportingMinor: 900,
    daysToRenewal: 90,
    openS2: 3,
    upgradeSignal: { label: 'Seats over contract', targetTierName: null },
  }),
  row({
    id: ids[2] ?? '',
    name: 'Charlie',
    healthScore: 80,
    healthBand: 'healthy',
    daysToRenewal: 91,
    openS1: 1,
  }),
]

const run = (input: Parameters<typeof portfolioListInput.parse>[0]) =>
  queryPortfolio(rows, portfolioListInput.parse(input)).map((r) => r.name)

describe('portfolio query', () => {
  it('defaults to every row by name', () => {
    expect(run({})).toEqual(['Bravo', 'Charlie', 'Émile Co'])
  })

  it('combines tier, band, segment, renewal window and signal filters', () => {
    expect(
      run({
        filters: {
          tierIds: [tierB],
          healthBands: ['at-risk'],
          segments: ['enterprise'],
          renewalWithinDays: 90,
          signal: 'with-signal',
        },
      }),
    ).toEqual(['Bravo'])
    expect(run({ filters: { signal: 'without-signal' } })).toEqual(['Charlie', 'Émile Co'])
  })

  it('counts a renewal window from tomorrow to the last day inclusive', () => {
    expect(run({ filters: { renewalWithinDays: 90 } })).toEqual(['Bravo'])
    expect(run({ filters: { renewalWithinDays: 91 } })).toEqual(['Bravo', 'Charlie'])
  })

  it('searches names ignoring case and accents', () => {
    expect(run({ filters: { search: 'EMILE' } })).toEqual(['Émile Co'])
    expect(run({ filters: { search: 'zzz' } })).toEqual([])
  })

  it('sorts by health with unscored accounts last in both directions', () => {
    expect(run({ sort: { field: 'healthScore', direction: 'asc' } })).toEqual([
      'Bravo',
      'Charlie',
      'Émile Co',
    ])
    expect(run({ sort: { field: 'healthScore', direction: 'desc' } })).toEqual([
      'Charlie',
      'Bravo',
      'Émile Co',
    ])
  })

  it('sorts open S1 above any number of S2, and tiers by rank', () => {
    expect(run({ sort: { field: 'openHighSeverity', direction: 'desc' } })).toEqual([
      'Charlie',
      'Bravo',
      'Émile Co',
    ])
    expect(run({ sort: { field: 'tierId', direction: 'desc' } })[0]).toBe('Bravo')
  })

  it('refuses unknown sort fields and filters by name', () => {
    const bad = portfolioListInput.safeParse({ sort: { field: 'secret', direction: 'asc' } })
    expect(bad.success).toBe(false)
    const extra = portfolioListInput.safeParse({ filters: { colour: 'red' } })
    expect(extra.success).toBe(false)
  })

  it('counts days between calendar dates', () => {
    expect(daysBetween('2026-11-01', '2027-01-30')).toBe(90)
    expect(daysBetween('2026-11-01', '2026-10-31')).toBe(-1)
  })
})
