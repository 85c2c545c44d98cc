import { z } from 'zod'
import { defineCollection } from './collection'
import { healthBandSchema, regionSchema, segmentSchema } from './enums'
import {
  documentMetaShape,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  labelSchema,
  moneySchema,
} from './primitives'

/** Lowercase, accent-free form of a name; what the name search index holds. */
export function searchKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

export const lifecycleStageSchema = z.enum([
  'onboarding',
  'adoption',
  'steady-state',
  'renewal',
  'churned',
])

/**
 * A term agreed with this account that departs from its tier version, e.g. 24 TAM hours instead
 * of 16. `field` is a dotted path into the tier definition, so the drift audit can compare the
 * term, the signed version and the current version field by field.
 */
export const customTermSchema = z.strictObject({
  id: idSchema,
  field: z
    .string()
    .max(200)
    .regex(/^[a-zA-Z0-9]+(\.[a-zA-Z0-9]+)*$/, 'must be a dotted path'),
  value: z.unknown(),
  note: z.string().max(1000),
  agreedOn: isoDateSchema,
})

export const accountSchema = z
  .strictObject({
    id: idSchema,
    name: labelSchema(160),
    /** {@link searchKey} of `name`; indexed for prefix search and A–Z order. */
    nameKey: z.string().min(1).max(160),
    domain: z
      .string()
      .max(253)
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain like example.com'),
    tierId: idSchema,
    /** The version the current contract was signed under; kept until the next signature. */
    tierVersionId: idSchema,
    customerSince: isoDateSchema,
    contractStart: isoDateSchema,
    renewalDate: isoDateSchema,
    termMonths: z.int().min(1).max(120),
    autoRenew: z.boolean(),
    /** Contract ARR in the contract currency. */
    arr: moneySchema,
    /**
     * ARR converted to the workspace reporting currency with the settings' FX rates, so the
     * portfolio can sort and sum across currencies through an index. Recomputed on write and
     * whenever the rates change.
     */
    arrReportingMinor: z.int().min(0).max(1e13),
    seats: z.int().min(0).max(1_000_000),
    ownerId: idSchema,
    tamId: idSchema.nullable(),
    segment: segmentSchema,
    industry: labelSchema(80),
    region: regionSchema,
    /** ISO 3166-1 alpha-2. */
    country: z
      .string()
      .length(2)
      .regex(/^[A-Z]{2}$/, 'must be a country code like DE'),
    /** The support calendar business-hours SLA metrics are measured on. */
    calendarId: idSchema,
    lifecycleStage: lifecycleStageSchema,
    /**
     * Cached output of the health engine (DESIGN.md §1) so the portfolio can filter and sort by
     * it; the engine rewrites these three fields, nothing else should.
     */
    healthScore: z.int().min(0).max(100).nullable(),
    healthBand: healthBandSchema,
    healthComputedAt: isoDateTimeSchema.nullable(),
    customTerms: z.array(customTermSchema).max(50),
    tags: z.array(z.string().min(1).max(40)).max(20),
    /** Churned or merged accounts are archived rather than deleted, to keep history. */
    archived: z.boolean(),
    createdAt: isoDateTimeSchema,
    ...documentMetaShape,
  })
  .superRefine((account, ctx) => {
    if (account.nameKey !== searchKey(account.name)) {
      ctx.addIssue({ code: 'custom', path: ['nameKey'], message: 'must be searchKey(name)' })
    }
    if (account.renewalDate <= account.contractStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['renewalDate'],
        message: 'must be after contractStart',
      })
    }
    if ((account.healthScore === null) !== (account.healthComputedAt === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['healthComputedAt'],
        message: 'healthScore and healthComputedAt are set together',
      })
    }
  })

export const accountsCollection = defineCollection({
  name: 'accounts',
  description: 'Customer accounts: tier and signed version, ARR, seats, renewal, owners, health.',
  schema: accountSchema,
  version: 0,
  indexes: [
    // Portfolio: by tier, ARR descending within the tier.
    ['tierId', 'arrReportingMinor'],
    // "My book": an owner's accounts in renewal order.
    ['ownerId', 'renewalDate'],
    // Renewals in 30/60/90 days across the book.
    'renewalDate',
    // Largest accounts first.
    'arrReportingMinor',
    // At-risk ARR: band, then ARR.
    ['healthBand', 'arrReportingMinor'],
    // Name search (prefix range on the key) and A–Z order.
    'nameKey',
    // Drift audit: accounts still on a given (older) version.
    'tierVersionId',
  ],
})

export type LifecycleStage = z.infer<typeof lifecycleStageSchema>
export type CustomTerm = z.infer<typeof customTermSchema>
export type Account = Readonly<z.infer<typeof accountSchema>>
