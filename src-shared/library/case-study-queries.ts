import { z } from 'zod'
import { caseStudySchema, type CaseStudy } from '../model/case-study'
import { segmentSchema } from '../model/enums'
import { idSchema, isoDateTimeSchema } from '../model/primitives'

/** `caseStudies.list`: the library, optionally narrowed to what fits one account and tier. */
export const caseStudyListInput = z.strictObject({
  /** Stories tagged with this segment, or with no segment (they fit any). */
  segment: segmentSchema.nullable().default(null),
  /** Stories tagged with this tier (`tierId`), or with no tier. */
  tierId: idSchema.nullable().default(null),
  /** Words that must all appear in the title, customer label or body (any case). */
  search: z.string().max(200).default(''),
  includeArchived: z.boolean().default(false),
})

/** What a person edits; id, author and times are the service's. */
export const caseStudyFieldsSchema = caseStudySchema.pick({
  name: true,
  customerLabel: true,
  segments: true,
  tierIds: true,
  bodyMarkdown: true,
  figures: true,
  archived: true,
})

/** `caseStudies.save`: create (`id` null) or edit the version the editor loaded. */
export const caseStudySaveInput = z.strictObject({
  id: idSchema.nullable(),
  /** The `updatedAt` the editor loaded; a later change elsewhere is refused as a conflict. */
  baseUpdatedAt: isoDateTimeSchema.nullable(),
  caseStudy: caseStudyFieldsSchema,
})

export const caseStudyRefInput = z.strictObject({ id: idSchema })

/** `caseStudies.restore`: undo of a delete, given what `caseStudies.delete` returned. */
export const caseStudyRestoreInput = z.strictObject({ caseStudy: caseStudySchema })

export type CaseStudyListInput = z.input<typeof caseStudyListInput>
export type CaseStudyFields = z.infer<typeof caseStudyFieldsSchema>
export type CaseStudySaveInput = z.infer<typeof caseStudySaveInput>
export type CaseStudyRestoreInput = z.input<typeof caseStudyRestoreInput>

export interface CaseStudyListItem {
  readonly caseStudy: CaseStudy
  /** Names of the tagged tiers, in the order tagged (a tier that no longer exists is left out). */
  readonly tierNames: readonly string[]
  readonly createdByName: string | null
}

/** Whether a story fits the filters (pure, so the service and the picker agree). */
export function caseStudyMatches(
  caseStudy: CaseStudy,
  filter: Readonly<z.output<typeof caseStudyListInput>>,
): boolean {
  if (!filter.includeArchived && caseStudy.archived) return false
  if (
    filter.segment !== null &&
    caseStudy.segments.length > 0 &&
    !caseStudy.segments.includes(filter.segment)
  ) {
    return false
  }
  if (
    filter.tierId !== null &&
    caseStudy.tierIds.length > 0 &&
    !caseStudy.tierIds.includes(filter.tierId)
  ) {
    return false
  }
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack =
    `${caseStudy.name}\n${caseStudy.customerLabel}\n${caseStudy.bodyMarkdown}`.toLowerCase()
  return words.every((word) => haystack.includes(word))
}
