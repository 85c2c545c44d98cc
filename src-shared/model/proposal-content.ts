import { z } from 'zod'
import { pricingDraftSchema } from '../proposals/draft'
import { idSchema, isoDateSchema, labelSchema, markdownSchema } from './primitives'

/**
 * What one version of a proposal says: the target tier, the price inputs, the value story, the
 * evidence chosen and how long the offer stands. Stored whole in each immutable
 * `proposalVersions` document, so any two versions can be compared and any one restored. The
 * shape is checked here; the business rules a person can fix in the form (no negative quantity,
 * discount up to 100 %, a reason for a downgrade…) are checked by proposals/content-rules.ts,
 * in the form's words.
 */

/** Evidence kinds: the eligibility signals plus what a proposal quotes from other engines. */
export const proposalEvidenceKindSchema = z.enum([
  'prevented-breaches',
  'sla-breaches',
  'seat-overage',
  'usage-growth',
  's1-volume',
  'entitlement-overuse',
  'arr-band',
  'health-trend',
])

/** A number quoted with its evidence, e.g. { label: 'Seats in use', value: 132, unit: 'seats' }. */
export const evidenceFigureSchema = z.strictObject({
  label: labelSchema(80),
  value: z.number().min(-1e12).max(1e12),
  unit: z.string().max(20),
})

export const proposalEvidenceItemSchema = z.strictObject({
  kind: proposalEvidenceKindSchema,
  summary: labelSchema(300),
  figures: z.array(evidenceFigureSchema).max(12),
  /** Tickets that show it (breaches, S1s), for the export's evidence table. */
  ticketIds: z.array(idSchema).max(50),
})

/** The structured narrative, each part Markdown. */
export const valueStorySchema = z.strictObject({
  situation: markdownSchema,
  impact: markdownSchema,
  change: markdownSchema,
  outcomes: markdownSchema,
})

/** Pricing inputs as a version stores them; the downgrade reason sits on the content. */
export const contentPricingSchema = pricingDraftSchema.omit({ downgradeReason: true })

export const proposalContentSchema = z.strictObject({
  title: labelSchema(200),
  targetTierId: idSchema,
  /** The target tier's version the pricing was built from (its current version then). */
  targetTierVersionId: idSchema,
  /** Required when the target ranks below the current tier (a downgrade). */
  downgradeReason: z.string().max(2000).nullable(),
  pricing: contentPricingSchema,
  valueStory: valueStorySchema,
  caseStudyIds: z.array(idSchema).max(20),
  evidence: z.array(proposalEvidenceItemSchema).max(40),
  validUntil: isoDateSchema,
})

export type ProposalEvidenceKind = z.infer<typeof proposalEvidenceKindSchema>
export type EvidenceFigure = z.infer<typeof evidenceFigureSchema>
export type ProposalEvidenceItem = z.infer<typeof proposalEvidenceItemSchema>
export type ValueStory = z.infer<typeof valueStorySchema>
export type ContentPricing = z.infer<typeof contentPricingSchema>
export type ProposalContent = Readonly<z.infer<typeof proposalContentSchema>>
