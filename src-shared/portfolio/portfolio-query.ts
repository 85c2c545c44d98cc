import { z } from 'zod'
import { searchKey } from '../model/account'
import { healthBandSchema, segmentSchema, type HealthBand, type Segment } from '../model/enums'
import { idSchema, type Money } from '../model/primitives'
import { portfolioColumnIds, type PortfolioColumnId } from './portfolio-columns'

export const signalFilterSchema = z.enum(['any', 'with-signal', 'without-signal'])
export type SignalFilter = z.infer<typeof signalFilterSchema>

/** The portfolio table's filters; every field has a default, so `{}` means "the whole book". */
export const portfolioFiltersSchema = z.strictObject({
  /** Matched anywhere in the name, ignoring case and accents. */
  search: z.string().trim().max(160).default(''),
  tierIds: z.array(idSchema).max(20).default([]),
  /** Accounts still on one of these signed tier versions (drift views). */
  tierVersionIds: z.array(idSchema).max(50).default([]),
  segments: z.array(segmentSchema).max(4).default([]),
  ownerIds: z.array(idSchema).max(500).default([]),
  healthBands: z.array(healthBandSchema).max(4).default([]),
  /**
   * Renewing after today and at most this many days from today: the same window the KPI
   * header counts as "renewals in N days", so clicking a KPI and filtering agree.
   */
  renewalWithinDays: z.int().min(1).max(3650).nullable().default(null),
  signal: signalFilterSchema.default('any'),
})

export const portfolioSortSchema = z.strictObject({
  field: z.enum(portfolioColumnIds),
  direction: z.enum(['asc', 'desc']),
})

/** Most rows one answer carries: the table asks for the pages around what is on screen. */
export const PORTFOLIO_PAGE_MAX = 500

/**
 * A slice of the view's ordered rows. The table shows a few dozen of 2,000 rows at a time, and
 * sending all of them on every filter change cost more than filtering them (about 1 MB of JSON).
 */
export const portfolioWindowSchema = z.strictObject({
  offset: z.int().min(0).max(1_000_000),
  limit: z.int().min(1).max(PORTFOLIO_PAGE_MAX),
})

export const portfolioListInput = z.strictObject({
  filters: portfolioFiltersSchema.prefault({}),
  sort: portfolioSortSchema.default({ field: 'name', direction: 'asc' }),
  /** Absent: every matching row (the CSV export). */
  window: portfolioWindowSchema.optional(),
})

export type PortfolioFilters = z.output<typeof portfolioFiltersSchema>
export type PortfolioSort = z.output<typeof portfolioSortSchema>
export type PortfolioListInput = z.input<typeof portfolioListInput>
export type PortfolioListQuery = z.output<typeof portfolioListInput>
export type PortfolioWindow = z.output<typeof portfolioWindowSchema>

export const emptyPortfolioFilters: PortfolioFilters = portfolioFiltersSchema.parse({})

export interface UpgradeSignal {
  /** What the signal says, e.g. "Seats over contract". */
  readonly label: string
  readonly targetTierName: string | null
}

/** One account as the portfolio shows it: the account plus the names and figures it points at. */
export interface PortfolioRow {
  readonly id: string
  readonly name: string
  readonly nameKey: string
  readonly tierId: string
  readonly tierName: string
  /** Catalogue order: sorting by tier puts richer plans after poorer ones. */
  readonly tierRank: number
  readonly tierVersionId: string
  readonly tierVersion: number | null
  readonly arr: Money
  readonly arrReportingMinor: number
  readonly seats: number
  readonly segment: Segment
  readonly renewalDate: string
  /** Days from today to the renewal date; negative when overdue. */
  readonly daysToRenewal: number
  readonly ownerId: string
  readonly ownerName: string
  readonly tamId: string | null
  readonly tamName: string | null
  readonly healthScore: number | null
  readonly healthBand: HealthBand
  /** Weekly scores, oldest first; null when no history is available. */
  readonly healthTrend: readonly number[] | null
  /** Share 0–1 of SLA targets met; null when not measured. */
  readonly slaCompliance: number | null
  readonly openS1: number
  readonly openS2: number
  readonly upgradeSignal: UpgradeSignal | null
}

/** Which per-account figures the rows carry, so the screen can say what is not available. */
export interface PortfolioSources {
  readonly healthTrend: boolean
  readonly slaCompliance: boolean
  /** `eligibility`: the eligibility engine; `alerts`: open upgrade-signal alerts. */
  readonly upgradeSignal: 'eligibility' | 'alerts'
  /** The engines are still computing figures for these rows: ask again shortly. */
  readonly pending: boolean
}

export interface PortfolioResult {
  /** The asked window of the matching rows, in the view's order (all of them without a window). */
  readonly rows: readonly PortfolioRow[]
  /** Where `rows` start among the matching rows. */
  readonly offset: number
  /** Accounts matching the filters. */
  readonly total: number
  /** Unarchived accounts in the book, before filters. */
  readonly bookTotal: number
  readonly reportingCurrency: string
  readonly sources: PortfolioSources
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Nulls sort last in both directions: "no score yet" is never the best or the worst. */
function compareNullable(a: number | null, b: number | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  return sign * (a - b)
}

type Key = (row: PortfolioRow) => number | string | null

const sortKeys: Readonly<Record<PortfolioColumnId, Key>> = {
  name: (row) => row.nameKey,
  tierId: (row) => row.tierRank,
  arrReportingMinor: (row) => row.arrReportingMinor,
  healthScore: (row) => row.healthScore,
  slaCompliance: (row) => row.slaCompliance,
  // S1 outweighs any number of S2s.
  openHighSeverity: (row) => row.openS1 * 100_000 + row.openS2,
  renewalDate: (row) => row.renewalDate,
  ownerId: (row) => searchKey(row.ownerName),
  tamId: (row) => (row.tamName === null ? null : searchKey(row.tamName)),
  upgradeSignal: (row) => (row.upgradeSignal === null ? 0 : 1),
  segment: (row) => row.segment,
  seats: (row) => row.seats,
}

function compareRows(sort: PortfolioSort): (a: PortfolioRow, b: PortfolioRow) => number {
  const key = sortKeys[sort.field]
  const sign = sort.direction === 'asc' ? 1 : -1
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    let order: number
    if (typeof ka === 'string' || typeof kb === 'string') {
      if (ka === null || kb === null) order = ka === kb ? 0 : ka === null ? 1 : -1
      else order = sign * compareText(String(ka), String(kb))
    } else {
      order = compareNullable(ka, kb, sign)
    }
    // Ties keep a stable, predictable order: by name, then id.
    return order || compareText(a.nameKey, b.nameKey) || compareText(a.id, b.id)
  }
}

function matcher(filters: PortfolioFilters): (row: PortfolioRow) => boolean {
  const search = searchKey(filters.search)
  const tiers = new Set(filters.tierIds)
  const versions = new Set(filters.tierVersionIds)
  const segments = new Set<string>(filters.segments)
  const owners = new Set(filters.ownerIds)
  const bands = new Set<string>(filters.healthBands)
  const window = filters.renewalWithinDays
  return (row) =>
    (search === '' || row.nameKey.includes(search)) &&
    (tiers.size === 0 || tiers.has(row.tierId)) &&
    (versions.size === 0 || versions.has(row.tierVersionId)) &&
    (segments.size === 0 || segments.has(row.segment)) &&
    (owners.size === 0 || owners.has(row.ownerId)) &&
    (bands.size === 0 || bands.has(row.healthBand)) &&
    (window === null || (row.daysToRenewal > 0 && row.daysToRenewal <= window)) &&
    (filters.signal === 'any' ||
      (filters.signal === 'with-signal') === (row.upgradeSignal !== null))
}

/** The rows a portfolio view shows, in its order. Pure; the rows come from main's read model. */
export function queryPortfolio(
  rows: readonly PortfolioRow[],
  query: PortfolioListQuery,
): PortfolioRow[] {
  return rows.filter(matcher(query.filters)).sort(compareRows(query.sort))
}

/** Whole days from `today` (YYYY-MM-DD) to `date` (YYYY-MM-DD), both read as UTC dates. */
export function daysBetween(today: string, date: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  )
}
