/**
 * The portfolio table's columns. Ids are the field paths saved views store (`SavedView.columns`,
 * `SavedView.sort[].field`), so a view saved here, or seeded by the demo book, names the same
 * columns everywhere.
 */
export const portfolioColumnIds = [
  'name',
  'tierId',
  'arrReportingMinor',
  'healthScore',
  'slaCompliance',
  'openHighSeverity',
  'renewalDate',
  'ownerId',
  'tamId',
  'upgradeSignal',
  'segment',
  'seats',
] as const

export type PortfolioColumnId = (typeof portfolioColumnIds)[number]

export const portfolioColumnLabels: Readonly<Record<PortfolioColumnId, string>> = {
  name: 'Account',
  tierId: 'Tier',
  arrReportingMinor: 'ARR',
  healthScore: 'Health',
  slaCompliance: 'SLA compliance',
  openHighSeverity: 'Open S1/S2',
  renewalDate: 'Renewal',
  ownerId: 'Owner',
  tamId: 'TAM',
  upgradeSignal: 'Upgrade signal',
  segment: 'Segment',
  seats: 'Seats',
}

/** What a new view shows: the columns; segment and seats are offered in the chooser. */
export const defaultPortfolioColumns: readonly PortfolioColumnId[] = [
  'name',
  'tierId',
  'arrReportingMinor',
  'healthScore',
  'slaCompliance',
  'openHighSeverity',
  'renewalDate',
  'ownerId',
  'tamId',
  'upgradeSignal',
]

/** Older views (and the demo book's) name the health column by its band field. */
const columnAliases: Readonly<Record<string, PortfolioColumnId>> = { healthBand: 'healthScore' }

export function isPortfolioColumnId(value: string): value is PortfolioColumnId {
  return (portfolioColumnIds as readonly string[]).includes(value)
}

/** The column a stored field path means, or undefined when this screen has no such column. */
export function portfolioColumnOf(field: string): PortfolioColumnId | undefined {
  if (isPortfolioColumnId(field)) return field
  return columnAliases[field]
}

/**
 * Columns in the table's fixed order, de-duplicated, always starting with the account name
 * (a row without its name cannot be recognised or opened).
 */
export function normaliseColumns(columns: readonly string[]): PortfolioColumnId[] {
  const wanted = new Set<PortfolioColumnId>(['name'])
  for (const column of columns) {
    const id = portfolioColumnOf(column)
    if (id !== undefined) wanted.add(id)
  }
  return portfolioColumnIds.filter((id) => wanted.has(id))
}
