import { z } from 'zod'
import { sentimentSchema } from '../model/activity'
import { idSchema, isoDateTimeSchema } from '../model/primitives'

/**
 * Inputs of the account timeline's channels. The limits repeat the stored schema's (a note's
 * Markdown is at most 20,000 characters) with messages a person can act on, so an oversized or
 * empty note is refused at the door with the field named, before anything is written.
 */

export const NOTE_MAX_CHARS = 20_000
export const TITLE_MAX_CHARS = 200

const markdownBody = (what: string) =>
  z
    .string()
    .trim()
    .max(NOTE_MAX_CHARS, { message: `${what} can be at most 20,000 characters` })

const noteBody = markdownBody('A note').min(1, { message: 'A note needs some text' })

const optionalTitle = z
  .string()
  .trim()
  .max(TITLE_MAX_CHARS, { message: 'A title can be at most 200 characters' })
  .optional()

export const timelineKindSchema = z.enum(['note', 'call', 'check-in', 'qbr', 'ticket', 'tier'])
export type TimelineKind = z.infer<typeof timelineKindSchema>

export const timelineInput = z.strictObject({
  accountId: idSchema,
  /** Only these kinds; empty means every kind. */
  kinds: z.array(timelineKindSchema).max(6).default([]),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(100).default(20),
})
export type TimelineInput = z.input<typeof timelineInput>
export type TimelineQuery = z.output<typeof timelineInput>

export const addNoteInput = z.strictObject({
  accountId: idSchema,
  title: optionalTitle,
  bodyMarkdown: noteBody,
  contactIds: z.array(idSchema).max(50).default([]),
})
export type AddNoteInput = z.input<typeof addNoteInput>

export const logCheckInInput = z.strictObject({
  accountId: idSchema,
  sentiment: sentimentSchema,
  /** 0–10 when the customer gave a score. */
  nps: z.int().min(0).max(10).nullable().default(null),
  bodyMarkdown: markdownBody('A check-in summary').default(''),
  contactIds: z.array(idSchema).max(50).default([]),
})
export type LogCheckInInput = z.input<typeof logCheckInInput>

export const updateActivityInput = z.strictObject({
  id: idSchema,
  /**
   * The `updatedAt` the editor started from: if the document changed since (another device,
   * a sync), the edit is refused as a conflict instead of silently overwriting that change.
   */
  expectedUpdatedAt: isoDateTimeSchema,
  title: optionalTitle,
  bodyMarkdown: markdownBody('The text').optional(),
  sentiment: sentimentSchema.optional(),
  nps: z.int().min(0).max(10).nullable().optional(),
})
export type UpdateActivityInput = z.input<typeof updateActivityInput>

export const activityRefInput = z.strictObject({ id: idSchema })

/**
 * A note's title when none is given: its first line without Markdown markers, shortened.
 * Pure, so the same rule holds for every writer.
 */
export function titleFromMarkdown(markdown: string, fallback: string): string {
  const firstLine =
    markdown
      .split('\n')
      .map((line) =>
        line
          .replace(/^\s*(#{1,6}\s+|[-*+]\s+|>\s*|\d+\.\s+)/, '')
          .replace(/[*_`~[\]]/g, '')
          .trim(),
      )
      .find((line) => line !== '') ?? ''
  if (firstLine === '') return fallback
  return firstLine.length <= 80 ? firstLine : `${firstLine.slice(0, 79).trimEnd()}…`
}
