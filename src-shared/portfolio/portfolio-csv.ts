import { minorUnitExponent, type Money } from '../model/primitives'
import type { PortfolioColumnId } from './portfolio-columns'
import type { PortfolioRow } from './portfolio-query'

type Cell = string | number

/** CSV fields per table column: a column may need several (an amount and its currency). */
const csvFields: Readonly<
  Record<PortfolioColumnId, readonly { header: string; value: (row: PortfolioRow) => Cell }[]>
> = {
  name: [{ header: 'Account', value: (row) => row.name }],
  tierId: [
    { header: 'Tier', value: (row) => row.tierName },
    { header: 'Tier version', value: (row) => row.tierVersion ?? '' },
  ],
  arrReportingMinor: [
    { header: 'ARR', value: (row) => majorUnits(row.arr) },
    { header: 'ARR currency', value: (row) => row.arr.currency },
  ],
  healthScore: [
    { header: 'Health score', value: (row) => row.healthScore ?? '' },
    { header: 'Health band', value: (row) => row.healthBand },
  ],
  slaCompliance: [
    {
      header: 'SLA compliance %',
      value: (row) => (row.slaCompliance === null ? '' : (row.slaCompliance * 100).toFixed(1)),
    },
  ],
  openHighSeverity: [
    { header: 'Open S1', value: (row) => row.openS1 },
    { header: 'Open S2', value: (row) => row.openS2 },
  ],
  renewalDate: [{ header: 'Renewal date', value: (row) => row.renewalDate }],
  ownerId: [{ header: 'Owner', value: (row) => row.ownerName }],
  tamId: [{ header: 'TAM', value: (row) => row.tamName ?? '' }],
  upgradeSignal: [{ header: 'Upgrade signal', value: (row) => row.upgradeSignal?.label ?? '' }],
  segment: [{ header: 'Segment', value: (row) => row.segment }],
  seats: [{ header: 'Seats', value: (row) => row.seats }],
}

/** An amount in major units with the currency's own decimals, e.g. 1234.50 (no grouping). */
export function majorUnits(money: Money): string {
  const exponent = minorUnitExponent(money.currency)
  const negative = money.amountMinor < 0
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/**
 * The table a CSV export writes for the columns shown, in their order, preceded by the account
 * id so exported rows can be traced back (and re-imported) unambiguously.
 */
export function portfolioCsvTable(
  rows: readonly PortfolioRow[],
  columns: readonly PortfolioColumnId[],
): { fields: string[]; data: Cell[][] } {
  const fields = columns.flatMap((column) => csvFields[column])
  return {
    fields: ['Account ID', ...fields.map((field) => field.header)],
    data: rows.map((row) => [row.id, ...fields.map((field) => field.value(row))]),
  }
}
