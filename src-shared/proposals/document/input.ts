import type { Severity, SlaMetric } from '../../model/enums'
import type { ProposalStatus } from '../../model/proposal'
import type { Entitlements, SlaTargets, TierPrice } from '../../model/tier'
import type { PricedProposal } from '../pricing'

/**
 * Everything an exported proposal says, gathered by main before any writer runs. The document
 * model (build-document.ts) is a pure function of this object, so the same input gives the
 * same PDF, DOCX and Markdown content: nothing here is read from the clock or the disk later.
 */
export interface ProposalDocumentInput {
  readonly proposalId: string
  readonly title: string
  readonly version: number
  readonly status: ProposalDocumentStatus
  readonly approval: ProposalDocumentApproval
  /** When the export was made (ISO time); printed on the cover and stamped in the metadata. */
  readonly generatedAt: string
  /** BCP 47 locale for money, numbers and dates, e.g. `en-US`, `de-DE`, `ja-JP`. */
  readonly locale: string
  readonly branding: ExportBranding
  readonly account: ExportAccount
  readonly preparedBy: { readonly name: string; readonly email: string | null }
  readonly currentTier: ComparedTier
  readonly targetTier: ComparedTier
  /** Set when the target ranks below the current tier. */
  readonly downgradeReason: string | null
  readonly evidence: readonly ExportEvidenceItem[]
  readonly valueStory: ExportValueStory
  readonly caseStudies: readonly ExportCaseStudy[]
  /** `priceProposal`'s result for this version's pricing draft. */
  readonly pricing: PricedProposal
  /** The last day the offer stands (ISO date). */
  readonly validUntil: string
}

/** The proposal's workflow status (status-machine.ts), printed on the cover. */
export type ProposalDocumentStatus = ProposalStatus

export interface ProposalDocumentApproval {
  /** Whether this version needs a manager's approval (approval.ts). */
  readonly required: boolean
  /** Why, in the form's words. */
  readonly reasons: readonly string[]
  /** Who approved this version and when; null while not approved. */
  readonly approvedBy: { readonly name: string; readonly at: string } | null
}

/** Mirrors workspace settings' branding: `#rrggbb` colours and an optional PNG/JPEG data URL. */
export interface ExportBranding {
  readonly companyName: string
  readonly primaryColour: string
  readonly accentColour: string
  readonly logoDataUrl: string | null
}

export interface ExportAccount {
  readonly name: string
  readonly segment: string
  readonly seats: number
  readonly arrMinor: number
  readonly currency: string
  /** ISO date of the current contract's renewal. */
  readonly renewalDate: string
}

/** What the comparison and the cover need of a tier version. */
export interface ComparedTier {
  readonly name: string
  readonly rank: number
  readonly version: number
  readonly sla: SlaTargets
  readonly entitlements: Entitlements
  readonly price: TierPrice | null
}

export interface ExportEvidenceFigure {
  readonly label: string
  readonly value: number
  /** `seats`, `%`, `tickets`, `hours`…; bars are drawn only between figures of one unit. */
  readonly unit: string
}

export interface ExportEvidenceTicket {
  readonly number: number
  readonly subject: string
  readonly severity: Severity
  /** ISO time the ticket was opened. */
  readonly openedAt: string
  /** The metric the evidence is about (a breach, a prevented breach), if any. */
  readonly metric: SlaMetric | null
  /** What happened, e.g. "breached under Standard, met under Premium". */
  readonly outcome: string
}

export interface ExportEvidenceItem {
  readonly kind: string
  readonly title: string
  readonly summary: string
  readonly figures: readonly ExportEvidenceFigure[]
  readonly tickets: readonly ExportEvidenceTicket[]
}

/** The value story's four parts, Markdown each. */
export interface ExportValueStory {
  readonly situation: string
  readonly impact: string
  readonly change: string
  readonly outcomes: string
}

export interface ExportCaseStudy {
  readonly title: string
  /** Anonymised, e.g. "A European logistics company". */
  readonly customerLabel: string
  readonly bodyMarkdown: string
  readonly figures: readonly { readonly label: string; readonly value: string }[]
}
