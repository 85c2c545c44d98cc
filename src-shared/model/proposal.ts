import { z } from 'zod'
import { DEFAULT_APPROVAL_THRESHOLD_SHARE } from '../proposals/approval'
import { defineCollection } from './collection'
import {
  actorSchema,
  currencySchema,
  documentMetaShape,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  labelSchema,
  markdownSchema,
  minorUnitsSchema,
  shareSchema,
} from './primitives'

/**
 * The `proposals` collection holds each proposal's *head*: what the list shows and the workflow
 * state (status, approval, who did what when). What the proposal says lives in its immutable
 * versions (`proposalVersions`, see proposal-version.ts); `currentVersion` names the one in force.
 */

/** A price line as v0 proposals stored it; kept verbatim in `legacy` by the v1 migration. */
export const proposalLineSchema = z.strictObject({
  label: labelSchema(200),
  quantity: z.number().min(0).max(1_000_000),
  unitPriceMinor: minorUnitsSchema,
  amountMinor: minorUnitsSchema,
})

/** Why the upgrade is proposed; mirrors the upgrade-eligibility engine's reasons. */
export const proposalEvidenceSchema = z.strictObject({
  kind: z.enum([
    'seat-overage',
    'usage-growth',
    's1-volume',
    'prevented-breaches',
    'entitlement-overuse',
    'arr-band',
  ]),
  summary: labelSchema(300),
  value: z.number().nullable(),
})

/**
 * draft → in-review → approved / changes-requested → sent → accepted / lost. The allowed moves
 * and who may make them are in proposals/status-machine.ts.
 */
export const proposalStatusSchema = z.enum([
  'draft',
  'in-review',
  'approved',
  'changes-requested',
  'sent',
  'accepted',
  'lost',
])
export const proposalStatuses = proposalStatusSchema.options

export const approvalReasonSchema = z.strictObject({
  code: z.string().min(1).max(40),
  field: z.string().max(200),
  message: labelSchema(500),
})

/**
 * Approval is given to one version: `approvedVersion` is the version a manager approved, and a
 * later version is approved only if it needs no approval or is approved again.
 */
export const proposalApprovalSchema = z.strictObject({
  /** Whether the current version needs a manager's approval (re-evaluated on every save). */
  required: z.boolean(),
  reasons: z.array(approvalReasonSchema).max(40),
  approvedById: idSchema.nullable(),
  approvedAt: isoDateTimeSchema.nullable(),
  approvedVersion: z.int().min(0).max(100_000).nullable(),
})

export const statusChangeSchema = z.strictObject({
  status: proposalStatusSchema,
  /** A user, or `system:migration` for a change the v1 migration inferred. */
  byId: actorSchema,
  at: isoDateTimeSchema,
  note: z.string().max(2000).nullable(),
})

/** What a v0 proposal held, kept so nothing is lost until the proposal's first v1 save. */
export const legacyProposalContentSchema = z.strictObject({
  seats: z.int().min(0).max(1_000_000),
  lines: z.array(proposalLineSchema).max(30),
  discountShare: shareSchema,
  rationaleMarkdown: markdownSchema,
  evidence: z.array(proposalEvidenceSchema).max(20),
  validUntil: isoDateSchema,
})

export const proposalSchema = z.strictObject({
  id: idSchema,
  accountId: idSchema,
  title: labelSchema(200),
  status: proposalStatusSchema,
  fromTierVersionId: idSchema,
  toTierId: idSchema,
  toTierVersionId: idSchema,
  /** Who works the proposal; the list filters by it. */
  ownerId: idSchema,
  currency: currencySchema,
  /** The proposal's annual recurring value (TCV × 12 / term) of the current version. */
  totalAnnualMinor: minorUnitsSchema,
  /** The new contract's value over its whole term, after discounts. */
  totalContractValueMinor: minorUnitsSchema,
  /** What the account pays for support a year today, for the comparison and ARR history. */
  currentAnnualMinor: minorUnitsSchema,
  /** The version in force; 0 only for a migrated v0 proposal not saved since (see `legacy`). */
  currentVersion: z.int().min(0).max(100_000),
  approval: proposalApprovalSchema,
  /** Oldest first; the last entry is the current status. */
  statusHistory: z.array(statusChangeSchema).min(1).max(500),
  /** The v0 content of a migrated proposal until its first save; `null` otherwise. */
  legacy: legacyProposalContentSchema.nullable(),
  sentAt: isoDateTimeSchema.nullable(),
  /** When it was accepted or lost. */
  decidedAt: isoDateTimeSchema.nullable(),
  archived: z.boolean(),
  createdById: idSchema,
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

type Stored = Readonly<Record<string, unknown>>

/** v0's statuses in v1's words: a declined or expired proposal is lost, with a note saying which. */
function v1Status(status: unknown): {
  status: z.infer<typeof proposalStatusSchema>
  note: string | null
} {
  switch (status) {
    case 'declined':
      return { status: 'lost', note: 'Declined by the customer' }
    case 'expired':
      return { status: 'lost', note: 'Expired without a decision' }
    case 'sent':
    case 'accepted':
      return { status, note: null }
    default:
      return { status: 'draft', note: null }
  }
}

/**
 * v0 → v1: the proposal becomes a head; its content moves to `legacy` (the step cannot write
 * a `proposalVersions` document: steps are per collection, pure and synchronous), the status
 * history is rebuilt from `createdAt`, `sentAt` and `decidedAt`, and the owner is the creator.
 */
export function migrateProposalV0(old: Stored): Record<string, unknown> {
  const { status, note } = v1Status(old['status'])
  const createdAt = String(old['createdAt'])
  const createdById = String(old['createdById'])
  const sentAt = typeof old['sentAt'] === 'string' ? old['sentAt'] : null
  const decidedAt = typeof old['decidedAt'] === 'string' ? old['decidedAt'] : null
  const history: Record<string, unknown>[] = [
    { status: 'draft', byId: createdById, at: createdAt, note: null },
  ]
  if (sentAt !== null) history.push({ status: 'sent', byId: createdById, at: sentAt, note: null })
  if (status === 'accepted' || status === 'lost') {
    // An expired proposal was decided by nobody; a v0 decision by someone else was not recorded.
    const byId = old['status'] === 'expired' ? 'system:migration' : String(old['updatedBy'])
    history.push({ status, byId, at: decidedAt ?? String(old['updatedAt']), note })
  }
  const total = old['totalAnnualMinor']
  const discountShare = Number(old['discountShare'])
  // v0 had one overall discount and list prices; only the discount can have needed approval.
  const needsApproval = discountShare > DEFAULT_APPROVAL_THRESHOLD_SHARE
  return {
    id: old['id'],
    accountId: old['accountId'],
    title: old['title'],
    status,
    fromTierVersionId: old['fromTierVersionId'],
    toTierId: old['toTierId'],
    toTierVersionId: old['toTierVersionId'],
    ownerId: createdById,
    currency: old['currency'],
    totalAnnualMinor: total,
    // v0 priced one year.
    totalContractValueMinor: total,
    currentAnnualMinor: old['currentAnnualMinor'],
    currentVersion: 0,
    approval: {
      required: needsApproval,
      reasons: needsApproval
        ? [
            {
              code: 'overall-discount',
              field: 'discount',
              message: `A ${Math.round(discountShare * 1000) / 10} % overall discount is above the 15 % that needs no approval`,
            },
          ]
        : [],
      approvedById: null,
      approvedAt: null,
      approvedVersion: null,
    },
    statusHistory: history,
    legacy: {
      seats: old['seats'],
      lines: old['lines'],
      discountShare: old['discountShare'],
      rationaleMarkdown: old['rationaleMarkdown'],
      evidence: old['evidence'],
      validUntil: old['validUntil'],
    },
    sentAt,
    decidedAt: status === 'accepted' || status === 'lost' ? (decidedAt ?? old['updatedAt']) : null,
    archived: false,
    createdById,
    createdAt,
    updatedAt: old['updatedAt'],
    updatedBy: old['updatedBy'],
  }
}

export const proposalsCollection = defineCollection({
  name: 'proposals',
  description: 'Proposal heads: account, tiers, status and approval, annual value, owner.',
  schema: proposalSchema,
  version: 1,
  indexes: [
    ['accountId', 'createdAt'],
    ['status', 'updatedAt'],
    ['ownerId', 'updatedAt'],
  ],
  migrationStrategies: { 1: migrateProposalV0 },
})

export type ProposalLine = z.infer<typeof proposalLineSchema>
export type ProposalEvidence = z.infer<typeof proposalEvidenceSchema>
export type ProposalStatus = z.infer<typeof proposalStatusSchema>
export type ProposalApproval = z.infer<typeof proposalApprovalSchema>
export type StatusChange = z.infer<typeof statusChangeSchema>
export type LegacyProposalContent = z.infer<typeof legacyProposalContentSchema>
export type Proposal = Readonly<z.infer<typeof proposalSchema>>
