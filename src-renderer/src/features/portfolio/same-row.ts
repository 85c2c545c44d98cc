import type { PortfolioRow } from '@shared/portfolio/portfolio-query'

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => item === b[i])
  }
  if (Array.isArray(b)) return false
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key])
  )
}

/**
 * Whether two answers for one account show the same thing. Every portfolio query answers with
 * new row objects (a refetch, another sort, a filter that keeps the account), so the table's
 * memoised rows compare what the rows hold: every field, and one level into the trend, the
 * money and the signal.
 */
export function sameRow(a: PortfolioRow, b: PortfolioRow): boolean {
  if (a === b) return true
  const keys = Object.keys(a) as (keyof PortfolioRow)[]
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]))
}
