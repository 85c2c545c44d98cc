import Papa from 'papaparse'
import { TierlineError } from '@shared/ipc/errors'
import { normaliseColumns } from '@shared/portfolio/portfolio-columns'
import { portfolioCsvTable } from '@shared/portfolio/portfolio-csv'
import type { portfolioExportInput } from '@shared/portfolio/portfolio-export'
import { exportFileName, type PortfolioExportResult } from '@shared/portfolio/portfolio-export'
import type { z } from 'zod'
import type { DesktopPort } from '../app/app-handlers'
import { writeFileAtomic } from '../fs/atomic-file'
import type { PortfolioReadModel } from './portfolio-read-model'

/** The CSV text of a view: UTF-8 with a byte-order mark so spreadsheet apps read accents right. */
export async function portfolioCsv(
  readModel: PortfolioReadModel,
  input: z.output<typeof portfolioExportInput>,
): Promise<{ csv: string; rows: number }> {
  const { rows } = await readModel.list({ filters: input.filters, sort: input.sort })
  const table = portfolioCsvTable(rows, normaliseColumns(input.columns))
  // escapeFormulae: a name like "=HYPERLINK(…)" must stay text when the file is opened.
  const csv = Papa.unparse(table, { escapeFormulae: true, newline: '\r\n' })
  return { csv: `\uFEFF${csv}\r\n`, rows: rows.length }
}

/** Asks where to save (the host's save dialog), then writes the file atomically. */
export async function exportPortfolioCsv(context: {
  readonly readModel: PortfolioReadModel
  readonly desktop: DesktopPort
  readonly input: z.output<typeof portfolioExportInput>
  readonly today: string
}): Promise<PortfolioExportResult> {
  const choose = context.desktop.chooseSaveFile
  if (choose === undefined) {
    throw new TierlineError('internal', 'This Tierline host cannot show a save dialog.')
  }
  const { csv, rows } = await portfolioCsv(context.readModel, context.input)
  const path = await choose({
    title: 'Export view to CSV',
    defaultFileName: exportFileName(context.input.viewName, context.today),
    filters: [{ name: 'CSV files', extensions: ['csv'] }],
  })
  if (path === null) return { saved: false }
  try {
    await writeFileAtomic(path, csv)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
    throw new TierlineError('storage', `The CSV file could not be written (${code}).`, {
      path,
      reason: code,
    })
  }
  return { saved: true, path, rows }
}
