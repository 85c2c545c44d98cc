import { z } from 'zod'
import { segmentSchema } from './enums'
import {
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  markdownSchema,
} from './primitives'

/** One headline number of a case study ("S1 resolution time" → "−42 %"), shown as a figure. */
export const caseStudyFigureSchema = z.strictObject({
  label: labelSchema(80),
  value: labelSchema(40),
})

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a tag' })

/**
 * An anonymised customer story a proposal can quote; stored in the `library` collection (kind
 * `caseStudy`). `name` is its title: the library is indexed by (kind, name), so every kind names
 * its documents in that field. `customerLabel` describes the customer without naming it ("A
 * European logistics company, 2,000 seats"), because proposals go to other customers.
 */
export const caseStudySchema = z.strictObject({
  id: idSchema,
  kind: z.literal('caseStudy'),
  name: labelSchema(160),
  customerLabel: labelSchema(120),
  /** Segments the story speaks to; empty means any segment. */
  segments: uniqueList(segmentSchema, 4),
  /** Tiers (their `tierId`, stable across versions) the story is about; empty means any tier. */
  tierIds: uniqueList(idSchema, 12),
  bodyMarkdown: markdownSchema,
  figures: z.array(caseStudyFigureSchema).max(8),
  /** Archived stories stay quotable in proposals that cite them but leave the picker. */
  archived: z.boolean(),
  createdById: idSchema,
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

export type CaseStudyFigure = z.infer<typeof caseStudyFigureSchema>
export type CaseStudy = Readonly<z.infer<typeof caseStudySchema>>
