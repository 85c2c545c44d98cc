import { z } from 'zod'
import { fileSlug } from '../format/file-slug'
import { portfolioColumnIds } from './portfolio-columns'
import { portfolioFiltersSchema, portfolioSortSchema } from './portfolio-query'

/** Export the current view: its filters and sort select and order the rows, its columns the fields. */
export const portfolioExportInput = z.strictObject({
  filters: portfolioFiltersSchema.prefault({}),
  sort: portfolioSortSchema.default({ field: 'name', direction: 'asc' }),
  columns: z.array(z.enum(portfolioColumnIds)).min(1).max(portfolioColumnIds.length),
  /** The view's name, used for the suggested file name. */
  viewName: z.string().trim().max(80).default('Portfolio'),
})

export type PortfolioExportInput = z.input<typeof portfolioExportInput>

export type PortfolioExportResult =
  { readonly saved: true; readonly path: string; readonly rows: number } | { readonly saved: false }

/** A file name from a view name and a date: letters, digits and dashes only. */
export function exportFileName(viewName: string, today: string): string {
  return `${fileSlug(viewName, 'portfolio')}-${today}.csv`
}
