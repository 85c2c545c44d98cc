import { z } from 'zod'
import { defineCollection } from './collection'
import {
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  shareSchema,
  yearMonthSchema,
} from './primitives'

export const featureKeySchema = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a lowercase feature key like sso')

/**
 * One month of product usage for one account. One snapshot per account and month: importers
 * replace the month's snapshot rather than adding a second one.
 */
export const usageSnapshotSchema = z
  .strictObject({
    id: idSchema,
    accountId: idSchema,
    month: yearMonthSchema,
    capturedAt: isoDateTimeSchema,
    /** Distinct users active in the month. */
    activeUsers: z.int().min(0).max(10_000_000),
    /** Seats assigned at month end; may exceed the contract (an upgrade signal). */
    seatsUsed: z.int().min(0).max(10_000_000),
    /** The contracted seats that month, so utilisation survives later seat changes. */
    seatsContracted: z.int().min(0).max(10_000_000),
    /** Share of active users who used each feature in the month. */
    featureAdoption: z
      .array(z.strictObject({ feature: featureKeySchema, share: shareSchema }))
      .max(50),
    apiCalls: z.int().min(0).max(1e13),
    source: z.enum(['connector', 'csv', 'manual', 'demo']),
    ...documentMetaShape,
  })
  .superRefine((snapshot, ctx) => {
    if (snapshot.activeUsers > snapshot.seatsUsed) {
      ctx.addIssue({ code: 'custom', path: ['activeUsers'], message: 'cannot exceed seatsUsed' })
    }
    const features = snapshot.featureAdoption.map((entry) => entry.feature)
    if (new Set(features).size !== features.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['featureAdoption'],
        message: 'features must not repeat',
      })
    }
  })

export const usageSnapshotsCollection = defineCollection({
  name: 'usageSnapshots',
  description: 'Monthly usage per account: active users, seats used, feature adoption, API calls.',
  schema: usageSnapshotSchema,
  version: 0,
  // Trend charts and health: an account's months in order; book-wide month roll-ups.
  indexes: [['accountId', 'month'], 'month'],
})

export type UsageSnapshot = Readonly<z.infer<typeof usageSnapshotSchema>>
