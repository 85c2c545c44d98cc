import { z } from 'zod'
import type { FieldIssue } from '../ipc/errors'
import type { Entitlements, SlaTarget, TierPrice } from '../model/tier'
import type { Severity, SlaMetric, UserRole } from '../model/enums'
import { idSchema } from '../model/primitives'
import { proposalStatusSchema, type Proposal, type ProposalStatus } from '../model/proposal'
import { proposalContentSchema, type ProposalContent } from '../model/proposal-content'
import type { ProposalVersion } from '../model/proposal-version'
import type { TierVersionRef } from '../sla/sla-queries'
import type { ApprovalCheck } from './approval'
import type { AddOn } from './price-book'
import { pricingDraftSchema } from './draft'
import type { PricedProposal } from './pricing'
import type { TransitionVerdict } from './status-machine'

/**
 * Inputs and answers of the `proposals.*` channels. Inputs are checked for shape here; the
 * business rules of a version's content (pricing, downgrade reason, validity) are checked by
 * the service, which answers a `validation` error whose `details.issues` name fields by their
 * dotted path inside the input (`content.pricing.lines.0.quantity`).
 */

const noteSchema = z.string().max(2000).nullable().optional()
const versionNumber = z.int().min(0).max(100_000)

export const proposalStartInput = z.strictObject({
  accountId: idSchema,
  /** The upgrade-signal alert the proposal answers, if started from the inbox. */
  alertId: idSchema.nullable().optional(),
  /** The tier to propose; absent: the eligibility engine's suggestion, else the next rank up. */
  targetTierId: idSchema.nullable().optional(),
})

export const proposalPreviewInput = z.strictObject({
  accountId: idSchema,
  targetTierId: idSchema,
  pricing: pricingDraftSchema,
})

export const proposalRefInput = z.strictObject({ id: idSchema })

export const proposalSaveInput = z.strictObject({
  id: idSchema,
  /** The version the editor started from; another save since is a `conflict`. */
  baseVersion: versionNumber,
  content: proposalContentSchema,
  note: noteSchema,
})

export const proposalListInput = z
  .strictObject({
    status: proposalStatusSchema.nullable().optional(),
    ownerId: idSchema.nullable().optional(),
    accountId: idSchema.nullable().optional(),
    /** Matches title and account name, case- and accent-insensitive. */
    search: z.string().max(200).optional(),
    includeArchived: z.boolean().default(false),
  })
  .default({ includeArchived: false })

export const proposalDiffInput = z.strictObject({
  id: idSchema,
  from: versionNumber,
  to: versionNumber,
})

export const proposalRestoreInput = z.strictObject({
  id: idSchema,
  /** The old version whose content becomes the next version. */
  version: versionNumber,
  baseVersion: versionNumber,
})

export const proposalSetStatusInput = z.strictObject({
  id: idSchema,
  to: proposalStatusSchema,
  note: noteSchema,
})

export const proposalArchiveInput = z.strictObject({ id: idSchema, archived: z.boolean() })

export type ProposalStartInput = z.input<typeof proposalStartInput>
export type ProposalPreviewInput = z.input<typeof proposalPreviewInput>
export type ProposalSaveInput = z.input<typeof proposalSaveInput>
export type ProposalListInput = z.input<typeof proposalListInput>
export type ProposalDiffInput = z.input<typeof proposalDiffInput>
export type ProposalRestoreInput = z.input<typeof proposalRestoreInput>
export type ProposalSetStatusInput = z.input<typeof proposalSetStatusInput>
export type ProposalArchiveInput = z.input<typeof proposalArchiveInput>

/** Approval of the current version, with the threshold it was judged against. */
export interface ProposalApprovalView {
  readonly required: boolean
  /** As approval.ts words them; `code` is one of its ApprovalReasonCode values. */
  readonly reasons: readonly {
    readonly code: string
    readonly field: string
    readonly message: string
  }[]
  /** Share 0–1 above which a discount needs approval (workspace setting). */
  readonly thresholdShare: number
  /** True when approval is not required or the current version is the approved one. */
  readonly satisfied: boolean
  readonly approvedVersion: number | null
  readonly approvedById: string | null
  readonly approvedByName: string | null
  readonly approvedAt: string | null
}

/** The form's live totals: `priced` and `approval` are null while `issues` is not empty. */
export interface ProposalPreview {
  readonly priced: PricedProposal | null
  readonly issues: readonly FieldIssue[]
  readonly approval: ApprovalCheck | null
  readonly thresholdShare: number
  readonly currentTier: TierVersionRef
  readonly targetTier: TierVersionRef
  /** The add-ons the form may offer: the book's, sold with the target tier. */
  readonly addOns: readonly AddOn[]
}

export interface ProposalAccountSummary {
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly segment: string
  readonly seats: number
  readonly arr: { readonly amountMinor: number; readonly currency: string }
  readonly contractStart: string
  readonly renewalDate: string
  readonly termMonths: number
  readonly ownerId: string
  readonly ownerName: string
}

export interface SlaComparisonRow {
  readonly severity: Severity
  readonly metric: SlaMetric
  readonly current: SlaTarget | null
  readonly target: SlaTarget | null
  /** "4 business hours", "no commitment". */
  readonly currentText: string
  readonly targetText: string
  readonly better: boolean
}

export interface EntitlementComparisonRow {
  readonly key: keyof Entitlements
  readonly label: string
  readonly currentText: string
  readonly targetText: string
  readonly changed: boolean
}

/** Current vs target tier, side by side, for the builder and the export. */
export interface TierSideBySide {
  readonly sla: readonly SlaComparisonRow[]
  readonly entitlements: readonly EntitlementComparisonRow[]
  readonly price: {
    readonly currency: string
    readonly current: TierPrice | null
    readonly target: TierPrice | null
    /** What the account pays a year today and what the proposal would (its ARR). */
    readonly currentAnnualMinor: number
    readonly proposedAnnualMinor: number | null
  }
}

export interface StatusChangeView {
  readonly status: ProposalStatus
  readonly byId: string
  readonly byName: string
  readonly at: string
  readonly note: string | null
}

export interface ProposalVersionSummary {
  readonly version: number
  readonly authorId: string
  readonly authorName: string
  readonly createdAt: string
  readonly note: string | null
  readonly title: string
  /** Whether this is the version a manager approved. */
  readonly approved: boolean
}

export interface TransitionOption {
  readonly to: ProposalStatus
  readonly label: string
  readonly verdict: TransitionVerdict
}

/** Everything one proposal is: what the builder shows and the exports are made from. */
export interface ProposalDetail {
  readonly head: Proposal
  readonly content: ProposalContent
  readonly account: ProposalAccountSummary
  readonly owner: { readonly id: string; readonly name: string }
  readonly currentTier: TierVersionRef
  readonly targetTier: TierVersionRef
  /** Null when the stored content no longer prices (e.g. the price book changed): see issues. */
  readonly priced: PricedProposal | null
  readonly issues: readonly FieldIssue[]
  readonly approval: ProposalApprovalView
  readonly comparison: TierSideBySide
  readonly evidence: ProposalContent['evidence']
  readonly statusHistory: readonly StatusChangeView[]
  /** Newest first. */
  readonly versions: readonly ProposalVersionSummary[]
  /** The moves the current user can see, each allowed or not with the reason. */
  readonly transitions: readonly TransitionOption[]
  /** Who is asking (acting-as user), for the UI's role-dependent buttons. */
  readonly viewer: { readonly id: string; readonly name: string; readonly role: UserRole }
  /** The content cannot be edited (accepted proposals). */
  readonly readOnly: boolean
  /** The add-ons the form may offer: the book's, sold with the target tier. */
  readonly addOns: readonly AddOn[]
}

export interface ProposalListItem {
  readonly id: string
  readonly title: string
  readonly status: ProposalStatus
  readonly accountId: string
  readonly accountName: string
  readonly ownerId: string
  readonly ownerName: string
  readonly fromTierName: string
  readonly toTierName: string
  readonly currency: string
  readonly annualValueMinor: number
  readonly totalContractValueMinor: number
  /** Whole days since it was created. */
  readonly ageDays: number
  readonly needsApproval: boolean
  readonly currentVersion: number
  readonly archived: boolean
  readonly createdAt: string
  readonly updatedAt: string
}

export interface ProposalList {
  /** Most recently updated first. */
  readonly items: readonly ProposalListItem[]
  readonly total: number
}

export interface ProposalVersionList {
  readonly id: string
  readonly currentVersion: number
  /** Newest first. */
  readonly versions: readonly ProposalVersionSummary[]
}

export interface ProposalDiffEntry {
  /** Dotted path in the content, e.g. `pricing.lines.0.quantity`. */
  readonly path: string
  readonly op: 'added' | 'removed' | 'changed'
  readonly before: unknown
  readonly after: unknown
  /** "Seats quantity: 120 → 150". */
  readonly sentence: string
}

export interface ProposalDiff {
  readonly id: string
  readonly from: number
  readonly to: number
  readonly changes: readonly ProposalDiffEntry[]
}

export interface ProposalSaveResult {
  readonly head: Proposal
  readonly version: ProposalVersion
}
