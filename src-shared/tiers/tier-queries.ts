import { z } from 'zod'
import { holidaySchema, weeklyHoursSchema, type Calendar } from '../model/calendar'
import {
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  labelSchema,
  timeZoneSchema,
} from '../model/primitives'
import { tierDefinitionSchema, type Tier } from '../model/tier'
import { calendarDraftIssues } from './calendar-rules'
import type { WeekPreview } from './calendar-preview'
import type { ReadableDiffEntry } from './tier-diff-text'
import { tierDefinitionIssues } from './tier-rules'

/** Inputs and answers of the `tiers.*` and `calendars.*` channels. */

const addIssues = (
  ctx: z.RefinementCtx,
  prefix: readonly string[],
  issues: readonly { field: string; message: string }[],
) => {
  for (const issue of issues) {
    ctx.addIssue({
      code: 'custom',
      path: [...prefix, ...(issue.field === '' ? [] : issue.field.split('.'))],
      message: issue.message,
    })
  }
}

export const tierRefInput = z.strictObject({ tierId: idSchema })

/**
 * A new version of an existing tier. `baseVersionId` is the latest version the editor started
 * from: if someone saved another version meanwhile, the save is refused as a conflict rather
 * than silently replacing their change.
 */
export const tierSaveInput = z
  .strictObject({
    tierId: idSchema,
    baseVersionId: idSchema,
    name: labelSchema(80),
    description: z.string().max(2000),
    status: z.enum(['active', 'retired']),
    effectiveFrom: isoDateSchema,
    reason: z
      .string()
      .trim()
      .min(1, 'say why this version changes the tier')
      .max(2000, 'keep the reason under 2,000 characters'),
    definition: tierDefinitionSchema,
  })
  .superRefine((input, ctx) =>
    addIssues(ctx, ['definition'], tierDefinitionIssues(input.definition)),
  )

/** A draft's changes against its base version, before it is saved (no reason or date yet). */
export const tierDraftInput = z
  .strictObject({
    baseVersionId: idSchema,
    name: labelSchema(80),
    description: z.string().max(2000),
    status: z.enum(['active', 'retired']),
    definition: tierDefinitionSchema,
  })
  .superRefine((input, ctx) =>
    addIssues(ctx, ['definition'], tierDefinitionIssues(input.definition)),
  )

export const tierCompareInput = z.strictObject({ fromVersionId: idSchema, toVersionId: idSchema })

export const calendarDraftSchema = z
  .strictObject({
    name: labelSchema(120),
    description: z.string().max(2000),
    timeZone: timeZoneSchema,
    coverage: z.enum(['business-hours', '24x7']),
    weekly: weeklyHoursSchema,
    holidays: z.array(holidaySchema).max(400),
  })
  .superRefine((draft, ctx) => addIssues(ctx, [], calendarDraftIssues(draft)))

/**
 * A new calendar (`id: null`) or a change to one. `baseUpdatedAt` is the `updatedAt` the editor
 * loaded: a calendar changed by someone else since is refused as a conflict.
 */
export const calendarSaveInput = z.strictObject({
  id: idSchema.nullable(),
  baseUpdatedAt: isoDateTimeSchema.nullable(),
  calendar: calendarDraftSchema,
})

export const calendarPreviewInput = z.strictObject({
  calendar: calendarDraftSchema,
  /** Any date of the week to show; the preview starts on its Monday. */
  date: isoDateSchema,
})

export interface TierCatalogueItem {
  readonly tierId: string
  /** The version in force today: what new signatures get. */
  readonly current: Tier
  /** The newest version (scheduled when its `effectiveFrom` is after today): the next edit's base. */
  readonly latest: Pick<Tier, 'id' | 'version' | 'effectiveFrom'>
  readonly versionCount: number
  readonly accountsOnCurrent: number
  /** Accounts still on an older version they signed. */
  readonly accountsOnOlder: number
}

export interface TierCatalogue {
  readonly today: string
  readonly tiers: readonly TierCatalogueItem[]
}

export interface TierVersionView {
  readonly version: Tier
  readonly authorName: string
  /** Against the previous version, recomputed readably (version 1: empty). */
  readonly changes: readonly ReadableDiffEntry[]
  readonly accounts: number
}

export interface TierHistory {
  readonly tierId: string
  /** Newest first. */
  readonly versions: readonly TierVersionView[]
}

export interface TierComparison {
  readonly from: Pick<Tier, 'id' | 'version'>
  readonly to: Pick<Tier, 'id' | 'version'>
  readonly changes: readonly ReadableDiffEntry[]
}

export interface TierSaveResult {
  readonly version: Tier
  readonly changes: readonly ReadableDiffEntry[]
}

export interface CalendarListItem {
  readonly calendar: Calendar
  readonly accounts: number
  readonly isDefault: boolean
}

export type TierSaveInput = z.infer<typeof tierSaveInput>
export type TierDraftInput = z.infer<typeof tierDraftInput>
export type CalendarSaveInput = z.infer<typeof calendarSaveInput>
export type CalendarPreviewInput = z.infer<typeof calendarPreviewInput>
export type { WeekPreview }
