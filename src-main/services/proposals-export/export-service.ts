import { TierlineError } from '@shared/ipc/errors'
import { buildProposalDocument } from '@shared/proposals/document/build-document'
import {
  exportExtensions,
  exportFilterNames,
  type ExportFormat,
  type ProgressReporter,
  type ProposalExportProgress,
  type ProposalExportResult,
} from '@shared/proposals/document/export-input'
import type { ProposalDocumentInput } from '@shared/proposals/document/input'
import { proposalMarkdown } from '@shared/proposals/document/markdown-writer'
import type { ProposalDocument } from '@shared/proposals/document/model'
import type { DesktopPort } from '../app/app-handlers'
import { writeFileAtomic } from '../fs/atomic-file'
import { writeProposalDocx } from './docx-writer'
import { exportFonts, type ExportFonts } from './fonts'
import { writeProposalPdf } from './pdf-writer'

export interface ProposalExporterContext {
  /** Everything the document says about proposal `id`, read at export time (export-source.ts). */
  readonly loadInput: (id: string) => Promise<ProposalDocumentInput>
  readonly desktop: DesktopPort
  /** Where progress goes: main publishes it on `proposals.exportProgress`. */
  readonly publish: (event: ProposalExportProgress) => void
  readonly fonts?: () => ExportFonts
}

/** The bytes of one format; each writer reports its own progress from 0 to 1. */
export async function renderProposal(
  document: ProposalDocument,
  format: ExportFormat,
  progress: ProgressReporter,
  fonts: () => ExportFonts = exportFonts,
): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return writeProposalPdf(document, fonts(), progress)
    case 'docx':
      return writeProposalDocx(document, progress)
    case 'markdown': {
      progress(0, 'Writing Markdown')
      const bytes = Buffer.from(proposalMarkdown(document), 'utf8')
      progress(1, 'Markdown ready')
      return bytes
    }
  }
}

/**
 * `proposals.export`: reads the proposal, asks where to save (cancel → `{ saved: false }`, no
 * work done), generates the file with progress, and writes it atomically — a failed write is a
 * `storage` error and leaves any file already at that path as it was.
 */
export async function exportProposal(
  context: ProposalExporterContext,
  request: { readonly id: string; readonly format: ExportFormat },
): Promise<ProposalExportResult> {
  const { id, format } = request
  const report = (share: number, step: string, done = false) =>
    context.publish({ proposalId: id, format, share: Math.min(1, Math.max(0, share)), step, done })
  const choose = context.desktop.chooseSaveFile
  if (choose === undefined) {
    throw new TierlineError('internal', 'This Tierline host cannot show a save dialog.')
  }
  try {
    report(0, 'Reading the proposal')
    const document = buildProposalDocument(await context.loadInput(id))
    const extension = exportExtensions[format]
    const path = await choose({
      title: `Export proposal as ${format === 'markdown' ? 'Markdown' : format.toUpperCase()}`,
      defaultFileName: `${document.fileBaseName}.${extension}`,
      filters: [{ name: exportFilterNames[format], extensions: [extension] }],
    })
    if (path === null) {
      report(1, 'Export cancelled', true)
      return { saved: false }
    }
    // Generation is 5–90 % of the bar, writing the rest.
    const bytes = await renderProposal(
      document,
      format,
      (share, step) => report(0.05 + share * 0.85, step),
      context.fonts,
    )
    report(0.92, 'Saving the file')
    try {
      await writeFileAtomic(path, bytes)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
      throw new TierlineError(
        'storage',
        `The ${format.toUpperCase()} file could not be written (${code}).`,
        {
          path,
          reason: code,
        },
      )
    }
    report(1, 'Saved', true)
    return { saved: true, path, bytes: bytes.length }
  } catch (error) {
    report(1, 'Export failed', true)
    throw error
  }
}
