import { z } from 'zod'
import { defineCollection } from './collection'
import {
  documentMetaShape,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  labelSchema,
  markdownSchema,
  moneySchema,
  shareSchema,
  yearQuarterSchema,
} from './primitives'

/**
 * Everything that happened (or is planned) with an account: Markdown notes, calls, check-ins and
 * QBRs. One collection of kinds, because the account timeline, "last engagement" and the QBR
 * screen read them together, and RxDB's open-source build caps a process at 13 collections.
 * `occurredAt` is when it happened — for a QBR, when it is scheduled or was held.
 */

const activityShape = {
  id: idSchema,
  accountId: idSchema,
  occurredAt: isoDateTimeSchema,
  /** Who wrote the note, made the call, or owns the QBR. */
  authorId: idSchema,
  title: labelSchema(200),
  /** The note itself, the call or check-in summary, or the QBR's minutes. */
  bodyMarkdown: markdownSchema,
  contactIds: z.array(idSchema).max(50),
  pinned: z.boolean(),
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
}

export const sentimentSchema = z.enum(['positive', 'neutral', 'negative'])

export const qbrGoalSchema = z.strictObject({
  id: idSchema,
  title: labelSchema(200),
  status: z.enum(['proposed', 'on-track', 'at-risk', 'achieved', 'dropped']),
  dueDate: isoDateSchema.nullable(),
})

/**
 * The numbers shown in the QBR deck, frozen when it was prepared, so a held QBR still shows what
 * was presented even after later data changes.
 */
export const qbrSnapshotSchema = z.strictObject({
  healthScore: z.int().min(0).max(100).nullable(),
  arr: moneySchema,
  seats: z.int().min(0).max(1_000_000),
  seatsUsed: z.int().min(0).max(10_000_000),
  activeUsers: z.int().min(0).max(10_000_000),
  ticketsInQuarter: z.int().min(0).max(1_000_000),
  slaCompliance: shareSchema.nullable(),
})

export const noteActivitySchema = z.strictObject({ ...activityShape, kind: z.literal('note') })

export const callActivitySchema = z.strictObject({
  ...activityShape,
  kind: z.literal('call'),
  durationMinutes: z.int().min(1).max(600),
  direction: z.enum(['inbound', 'outbound']),
  outcome: z.enum(['connected', 'voicemail', 'no-answer', 'rescheduled']),
})

export const checkInActivitySchema = z.strictObject({
  ...activityShape,
  kind: z.literal('check-in'),
  sentiment: sentimentSchema,
  /** 0–10 if the customer gave a score in this check-in. */
  nps: z.int().min(0).max(10).nullable(),
})

export const qbrActivitySchema = z
  .strictObject({
    ...activityShape,
    kind: z.literal('qbr'),
    quarter: yearQuarterSchema,
    status: z.enum(['planned', 'prepared', 'held', 'cancelled']),
    attendeeUserIds: z.array(idSchema).max(20),
    agendaMarkdown: markdownSchema,
    goals: z.array(qbrGoalSchema).max(20),
    snapshot: qbrSnapshotSchema.nullable(),
  })
  .superRefine((qbr, ctx) => {
    if (qbr.status !== 'planned' && qbr.status !== 'cancelled' && qbr.snapshot === null) {
      ctx.addIssue({ code: 'custom', path: ['snapshot'], message: 'a prepared QBR has a snapshot' })
    }
  })

export const activitySchema = z.discriminatedUnion('kind', [
  noteActivitySchema,
  callActivitySchema,
  checkInActivitySchema,
  qbrActivitySchema,
])

export const activitiesCollection = defineCollection({
  name: 'activities',
  description: 'Account activities: Markdown notes, calls, check-ins and QBRs.',
  schema: activitySchema,
  version: 0,
  indexes: [
    // Account timeline, newest first.
    ['accountId', 'occurredAt'],
    // "My recent activity".
    ['authorId', 'occurredAt'],
    // Upcoming QBRs (and recent check-ins) across the book.
    ['kind', 'occurredAt'],
  ],
})

export type Sentiment = z.infer<typeof sentimentSchema>
export type QbrGoal = z.infer<typeof qbrGoalSchema>
export type QbrSnapshot = z.infer<typeof qbrSnapshotSchema>
export type Activity = Readonly<z.infer<typeof activitySchema>>
export type ActivityKind = Activity['kind']
export type ActivityOf<K extends ActivityKind> = Extract<Activity, { kind: K }>
