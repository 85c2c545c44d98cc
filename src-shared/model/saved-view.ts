import { z } from 'zod'
import { documentMetaShape, idSchema, isoDateTimeSchema, labelSchema } from './primitives'

const fieldPathSchema = z
  .string()
  .max(80)
  .regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/, 'must be a field path')

export const viewFilterSchema = z.strictObject({
  field: fieldPathSchema,
  op: z.enum(['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains', 'within-days']),
  value: z.union([
    z.string().max(200),
    z.number(),
    z.boolean(),
    z.array(z.string().max(200)).max(50),
  ]),
})

/** A named filter/sort/columns set; stored in the `library` collection (kind `savedView`). */
export const savedViewSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('savedView'),
  ownerId: idSchema,
  name: labelSchema(80),
  screen: z.enum(['portfolio', 'tickets', 'renewals', 'escalations', 'alerts', 'proposals']),
  filters: z.array(viewFilterSchema).max(20),
  sort: z
    .array(z.strictObject({ field: fieldPathSchema, direction: z.enum(['asc', 'desc']) }))
    .max(5),
  columns: z.array(fieldPathSchema).max(40),
  /** Shared views appear in the whole team's list; only the owner edits them. */
  shared: z.boolean(),
  pinned: z.boolean(),
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

export type ViewFilter = z.infer<typeof viewFilterSchema>
export type SavedView = Readonly<z.infer<typeof savedViewSchema>>
