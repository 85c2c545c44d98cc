import { z } from 'zod'
import { defineCollection } from './collection'
import {
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  yearMonthSchema,
} from './primitives'

export const entitlementKeySchema = z.enum([
  'tamHours',
  'architectureReview',
  'onboardingSession',
  'healthCheck',
])

/**
 * The entitlement ledger: what an account was actually given. Consumption is positive; a grant
 * (a custom term, a goodwill session) or an adjustment (a correction) adds capacity or fixes a
 * past row, so history is never edited in place. Hours are in quarter hours; the other
 * entitlements count whole sessions or reviews.
 */
export const ledgerEntrySchema = z
  .strictObject({
    id: idSchema,
    accountId: idSchema,
    entitlement: entitlementKeySchema,
    kind: z.enum(['consumption', 'grant', 'adjustment']),
    quantity: z.number().min(-10_000).max(10_000).multipleOf(0.25),
    /** The month the entry counts in; annual entitlements sum the contract year's months. */
    period: yearMonthSchema,
    occurredAt: isoDateTimeSchema,
    description: labelSchema(500),
    deliveredById: idSchema.nullable(),
    /** The note or call that documents the delivery, if any. */
    activityId: idSchema.nullable(),
    ...documentMetaShape,
  })
  .superRefine((entry, ctx) => {
    if (entry.entitlement !== 'tamHours' && !Number.isInteger(entry.quantity)) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'must be a whole number' })
    }
  })

export const ledgerEntriesCollection = defineCollection({
  name: 'ledgerEntries',
  description:
    'Entitlement ledger: TAM hours, architecture reviews, onboarding sessions, health checks.',
  schema: ledgerEntrySchema,
  version: 0,
  // Usage per period for an account, overall and per entitlement (drift audit, overuse).
  indexes: [
    ['accountId', 'period'],
    ['accountId', 'entitlement', 'period'],
  ],
})

export type EntitlementKey = z.infer<typeof entitlementKeySchema>
export type LedgerEntry = Readonly<z.infer<typeof ledgerEntrySchema>>
