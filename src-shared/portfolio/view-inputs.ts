import { z } from 'zod'
import { idSchema } from '../model/primitives'
import type { PortfolioViewState } from './portfolio-view'
import { portfolioViewStateSchema } from './portfolio-view'

const viewNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(80, { message: 'must be at most 80 characters' })
  .refine((name) => !/\p{Cc}/u.test(name), { message: 'must not contain control characters' })

/** Only the portfolio saves views so far; other screens join this list when they do. */
export const viewScreenSchema = z.enum(['portfolio'])

export const viewsListInput = z.strictObject({ screen: viewScreenSchema })

/** Save the current state as a new view (`id` null) or over one of my views. */
export const saveViewInput = z.strictObject({
  id: idSchema.nullable().default(null),
  screen: viewScreenSchema,
  name: viewNameSchema,
  shared: z.boolean().default(false),
  state: portfolioViewStateSchema,
})

export const renameViewInput = z.strictObject({ id: idSchema, name: viewNameSchema })
export const shareViewInput = z.strictObject({ id: idSchema, shared: z.boolean() })
export const viewRefInput = z.strictObject({ id: idSchema })

export type SaveViewInput = z.input<typeof saveViewInput>

/** A view as the view menu lists it. */
export interface ViewSummary {
  readonly id: string
  readonly name: string
  readonly shared: boolean
  /** Mine to rename, share and delete; others' shared views are read-only. */
  readonly mine: boolean
  readonly ownerName: string
  readonly state: PortfolioViewState
  /** Filters saved elsewhere that this screen cannot apply (shown as a warning). */
  readonly unsupportedFilters: number
  readonly updatedAt: string
}
