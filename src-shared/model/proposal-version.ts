import { z } from 'zod'
import { defineCollection } from './collection'
import { proposalContentSchema } from './proposal-content'
import { documentMetaShape, idSchema, isoDateTimeSchema } from './primitives'

/**
 * One saved version of a proposal, written once and never edited (as tier versions are): a save
 * or a restore writes the next version, so two people's edits never merge into one document
 * and "what did version 3 say" is always answerable. `accountId` is copied from the proposal so
 * the sync server can grant access as for any other child of an account.
 */
export const proposalVersionSchema = z.strictObject({
  id: idSchema,
  proposalId: idSchema,
  accountId: idSchema,
  version: z.int().min(1).max(100_000),
  content: proposalContentSchema,
  authorId: idSchema,
  createdAt: isoDateTimeSchema,
  /** What changed, in the author's words (optional). */
  note: z.string().max(2000).nullable(),
  ...documentMetaShape,
})

export const proposalVersionsCollection = defineCollection({
  name: 'proposalVersions',
  description: 'Immutable versions of proposals: target tier, pricing, value story, evidence.',
  schema: proposalVersionSchema,
  version: 0,
  indexes: [['proposalId', 'version'], 'accountId'],
})

export type ProposalVersion = Readonly<z.infer<typeof proposalVersionSchema>>
