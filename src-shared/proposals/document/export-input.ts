import { z } from 'zod'
import { idSchema } from '../../model/primitives'

export const exportFormats = ['pdf', 'docx', 'markdown'] as const
export type ExportFormat = (typeof exportFormats)[number]

/** `proposals.export`: which proposal (its current version) and in which format. */
export const proposalExportInput = z.strictObject({
  id: idSchema,
  format: z.enum(exportFormats),
})

export type ProposalExportInput = z.input<typeof proposalExportInput>

export type ProposalExportResult =
  | { readonly saved: true; readonly path: string; readonly bytes: number }
  | { readonly saved: false }

/** Published on `proposals.exportProgress` while a file is generated, so the UI draws a bar. */
export interface ProposalExportProgress {
  readonly proposalId: string
  readonly format: ExportFormat
  /** 0–1. */
  readonly share: number
  /** What is being done, in a person's words ("Drawing the evidence charts"). */
  readonly step: string
  /** True on the last event of a run (saved, cancelled or failed). */
  readonly done: boolean
}

/** What a generator calls as it works. */
export type ProgressReporter = (share: number, step: string) => void

export const exportExtensions: Readonly<Record<ExportFormat, string>> = {
  pdf: 'pdf',
  docx: 'docx',
  markdown: 'md',
}

export const exportFilterNames: Readonly<Record<ExportFormat, string>> = {
  pdf: 'PDF documents',
  docx: 'Word documents',
  markdown: 'Markdown files',
}
