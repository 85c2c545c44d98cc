import { z } from 'zod'
import { defineCollection } from './collection'
import {
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

export const proposalSchema = z
  .strictObject({
    id: idSchema,
    accountId: idSchema,
    title: labelSchema(200),
    status: z.enum(['draft', 'sent', 'accepted', 'declined', 'expired']),
    fromTierVersionId: idSchema,
    toTierId: idSchema,
    toTierVersionId: idSchema,
    seats: z.int().min(0).max(1_000_000),
    currency: currencySchema,
    lines: z.array(proposalLineSchema).min(1).max(30),
    discountShare: shareSchema,
    /** round(sum of lines × (1 − discountShare)). */
    totalAnnualMinor: minorUnitsSchema,
    /** What the account pays for support today, for the comparison. */
    currentAnnualMinor: minorUnitsSchema,
    rationaleMarkdown: markdownSchema,
    evidence: z.array(proposalEvidenceSchema).max(20),
    validUntil: isoDateSchema,
    sentAt: isoDateTimeSchema.nullable(),
    decidedAt: isoDateTimeSchema.nullable(),
    createdById: idSchema,
    createdAt: isoDateTimeSchema,
    ...documentMetaShape,
  })
  .superRefine((proposal, ctx) => {
    const sum = proposal.lines.reduce((total, line) => total + line.amountMinor, 0)
    if (proposal.totalAnnualMinor !== Math.round(sum * (1 - proposal.discountShare))) {
      ctx.addIssue({
        code: 'custom',
        path: ['totalAnnualMinor'],
        message: 'must equal the lines less the discount',
      })
    }
    const decided = ['accepted', 'declined'].includes(proposal.status)
    if (decided !== (proposal.decidedAt !== null)) {
      ctx.addIssue({ code: 'custom', path: ['decidedAt'], message: 'set exactly when decided' })
    }
    if ((proposal.status === 'draft') !== (proposal.sentAt === null)) {
      ctx.addIssue({ code: 'custom', path: ['sentAt'], message: 'set exactly once sent' })
    }
  })

export const proposalsCollection = defineCollection({
  name: 'proposals',
  description: 'Tier-upgrade proposals with price lines, evidence and their outcome.',
  schema: proposalSchema,
  version: 0,
  indexes: [
    ['accountId', 'createdAt'],
    ['status', 'updatedAt'],
  ],
})

export type ProposalLine = z.infer<typeof proposalLineSchema>
export type ProposalEvidence = z.infer<typeof proposalEvidenceSchema>
export type Proposal = Readonly<z.infer<typeof proposalSchema>>
