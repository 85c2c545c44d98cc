import { z } from 'zod'
import { defineCollection } from './collection'
import { proposalContentSchema } from './proposal-content'
import { ULID_ALPHABET } from './ids'
import { documentMetaShape, idSchema, isoDateTimeSchema } from './primitives'

/** Four base-32 characters hold the version number in its id (32^4 > this). */
export const MAX_PROPOSAL_VERSION = 100_000
const VERSION_CHARS = 4

/**
 * A version's id: its proposal's id with the version number in the last four characters, still
 * a ULID that sorts with its proposal. Two devices that save the same version of one proposal
 * offline therefore write the same document, and sync keeps one with the other as a conflict
 * copy, instead of storing two different documents that both claim to be that version.
 */
export function proposalVersionId(proposalId: string, version: number): string {
  if (!Number.isInteger(version) || version < 1 || version > MAX_PROPOSAL_VERSION) {
    throw new RangeError(`A proposal version is an integer from 1 to ${MAX_PROPOSAL_VERSION}`)
  }
  let suffix = ''
  for (let rest = version, i = 0; i < VERSION_CHARS; i++, rest = Math.floor(rest / 32)) {
    suffix = ULID_ALPHABET.charAt(rest % 32) + suffix
  }
  return proposalId.slice(0, -VERSION_CHARS) + suffix
}

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
  version: z.int().min(1).max(MAX_PROPOSAL_VERSION),
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
