import type { ExportBranding } from './input'

/**
 * An exported proposal as ordered, already-worded sections. Every string a reader sees is
 * final here (money, dates and numbers formatted for the locale), so the PDF, DOCX and
 * Markdown writers only lay it out and can never disagree about a figure.
 */
export interface ProposalDocument {
  readonly meta: DocumentMeta
  /** `DRAFT` on every page until the version is approved; null once it is. */
  readonly watermark: 'DRAFT' | null
  readonly branding: ExportBranding
  /** Printed at the foot of every page beside the page number. */
  readonly footer: string
  /** A file name without extension: letters, digits and dashes. */
  readonly fileBaseName: string
  readonly sections: readonly DocumentSection[]
}

export interface DocumentMeta {
  readonly title: string
  readonly subject: string
  readonly author: string
  readonly keywords: readonly string[]
  /** ISO time from the input, never the clock, so the same input gives the same file. */
  readonly createdAt: string
  readonly locale: string
}

export interface TextRun {
  readonly text: string
  readonly bold?: boolean
  readonly italic?: boolean
  readonly code?: boolean
}

/** Markdown reduced to what a proposal uses: headings, paragraphs, lists and quotes. */
export type TextBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly runs: readonly TextRun[] }
  | { readonly kind: 'paragraph'; readonly runs: readonly TextRun[] }
  | { readonly kind: 'quote'; readonly runs: readonly TextRun[] }
  | {
      readonly kind: 'list'
      readonly ordered: boolean
      readonly items: readonly (readonly TextRun[])[]
    }

export interface TableColumn {
  readonly label: string
  readonly align: 'left' | 'right'
}

export interface DocumentTable {
  readonly columns: readonly TableColumn[]
  readonly rows: readonly (readonly string[])[]
}

export interface LabelledValue {
  readonly label: string
  readonly value: string
}

export interface BarChart {
  readonly title: string
  readonly unit: string
  /** `value` sizes the bar; `display` is what is printed beside it. */
  readonly bars: readonly {
    readonly label: string
    readonly value: number
    readonly display: string
  }[]
}

export interface CoverSection {
  readonly kind: 'cover'
  readonly heading: string
  readonly subtitle: string
  readonly preparedFor: string
  readonly preparedBy: string
  readonly date: string
  readonly versionLabel: string
  readonly statusLabel: string
  readonly highlights: readonly LabelledValue[]
}

export interface SummarySection {
  readonly kind: 'summary'
  readonly heading: string
  readonly paragraphs: readonly string[]
  readonly keyFigures: readonly LabelledValue[]
}

export interface EvidenceEntry {
  readonly title: string
  readonly summary: string
  readonly figures: readonly LabelledValue[]
  readonly chart: BarChart | null
  /** The figures the chart does not show (another unit), printed beside it. */
  readonly unchartedFigures: readonly LabelledValue[]
  readonly tickets: DocumentTable | null
}

export interface EvidenceSection {
  readonly kind: 'evidence'
  readonly heading: string
  readonly intro: string
  readonly items: readonly EvidenceEntry[]
}

export interface ValueStorySection {
  readonly kind: 'valueStory'
  readonly heading: string
  readonly parts: readonly { readonly heading: string; readonly blocks: readonly TextBlock[] }[]
  readonly caseStudies: readonly {
    readonly title: string
    readonly customerLabel: string
    readonly blocks: readonly TextBlock[]
    readonly figures: readonly LabelledValue[]
  }[]
}

export interface ComparisonSection {
  readonly kind: 'comparison'
  readonly heading: string
  readonly table: DocumentTable
}

export interface PricingSection {
  readonly kind: 'pricing'
  readonly heading: string
  readonly lines: DocumentTable
  readonly totals: readonly (LabelledValue & { readonly emphasis: boolean })[]
  readonly years: DocumentTable
}

export interface TermsSection {
  readonly kind: 'terms'
  readonly heading: string
  readonly items: readonly string[]
}

export interface AcceptanceSection {
  readonly kind: 'acceptance'
  readonly heading: string
  readonly text: string
  readonly parties: readonly { readonly role: string; readonly organisation: string }[]
  /** Blank lines each party fills in. */
  readonly fields: readonly string[]
}

export type DocumentSection =
  | CoverSection
  | SummarySection
  | EvidenceSection
  | ValueStorySection
  | ComparisonSection
  | PricingSection
  | TermsSection
  | AcceptanceSection

export type SectionKind = DocumentSection['kind']

/** The order every writer follows. */
export const SECTION_ORDER: readonly SectionKind[] = [
  'cover',
  'summary',
  'evidence',
  'valueStory',
  'comparison',
  'pricing',
  'terms',
  'acceptance',
]
