import { z } from 'zod'
import { defineCollection } from './collection'
import {
  cadenceSchema,
  channelSchema,
  severitySchema,
  slaMetricSchema,
  ticketStatusSchema,
} from './enums'
import {
  currencySchema,
  documentMetaShape,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  labelSchema,
  minorUnitsSchema,
} from './primitives'

/**
 * The `tiers` collection holds one immutable document per tier *version*: the tier's identity
 * (`tierId`, key, name, rank) travels with each version, and the catalogue is the latest
 * effective version of each `tierId` (see {@link currentTierVersions}). Why versions as documents
 * rather than an embedded history:
 * - accounts and tickets point at the exact version they signed / were opened under with one id
 *   (`tierVersionId`), read by primary key, without loading the other versions;
 * - a version is written once and never edited, so replication never has to merge two admins'
 *   edits into one growing array — a second edit is simply another version document;
 * - "accounts still on an old version" is an index lookup on `accounts.tierVersionId`.
 * Identity and versions share one collection (not `tiers` + `tierVersions`) because RxDB's
 * open-source build opens at most 13 collections per process, and renaming a tier is itself a
 * change worth a version with an author and a reason.
 */

/** A target for one SLA metric, measured on the account's calendar or around the clock. */
export const slaTargetSchema = z.strictObject({
  minutes: z.int().min(1).max(525_600),
  hours: z.enum(['business', '24x7']),
})

/** `null` means the tier makes no commitment for that metric (e.g. Community resolution). */
export const severityTargetsSchema = z.strictObject({
  firstResponse: slaTargetSchema.nullable(),
  nextResponse: slaTargetSchema.nullable(),
  periodicUpdate: slaTargetSchema.nullable(),
  resolution: slaTargetSchema.nullable(),
})

export const slaTargetsSchema = z
  .strictObject({
    S1: severityTargetsSchema,
    S2: severityTargetsSchema,
    S3: severityTargetsSchema,
    S4: severityTargetsSchema,
  })
  .superRefine((sla, ctx) => {
    for (const severity of ['S3', 'S4'] as const) {
      if (sla[severity].periodicUpdate !== null) {
        ctx.addIssue({
          code: 'custom',
          path: [severity, 'periodicUpdate'],
          message: 'periodic updates are committed for S1 and S2 only',
        })
      }
    }
  })

/** While a ticket is in `status`, the listed metrics' clocks stop. */
export const pauseRuleSchema = z.strictObject({
  status: ticketStatusSchema,
  metrics: z.array(slaMetricSchema).min(1).max(4),
})

export const escalationRoleSchema = z.enum([
  'support-lead',
  'support-manager',
  'engineering-on-call',
  'tam',
  'csm',
  'cs-manager',
  'executive-sponsor',
])

/** Level N is engaged `afterMinutes` (wall clock) after a ticket of a listed severity opens. */
export const escalationLevelSchema = z.strictObject({
  level: z.int().min(1).max(9),
  role: escalationRoleSchema,
  afterMinutes: z.int().min(0).max(43_200),
  severities: z.array(severitySchema).min(1).max(4),
})

export const entitlementsSchema = z.strictObject({
  tamHoursPerMonth: z.number().min(0).max(744).multipleOf(0.25),
  architectureReviewsPerYear: z.int().min(0).max(52),
  /** Per contract term, mostly consumed in the first months. */
  onboardingSessions: z.int().min(0).max(100),
  healthChecksPerYear: z.int().min(0).max(52),
  qbrCadence: cadenceSchema,
  namedContacts: z.int().min(0).max(1000),
  channels: z.array(channelSchema).min(1).max(5),
  coverage: z.enum(['business-hours', '24x7-critical', '24x7']),
})

export const ownerRoleSchema = z.enum(['csm', 'tam', 'cs-manager', 'support-lead', 'customer'])

export const governanceSchema = z.strictObject({
  owners: z.strictObject({
    onboarding: ownerRoleSchema,
    qbr: ownerRoleSchema,
    escalation: ownerRoleSchema,
  }),
  dataPrivacy: z.strictObject({
    dataResidency: z
      .array(z.enum(['any', 'us', 'eu', 'uk', 'apac', 'au', 'jp']))
      .min(1)
      .max(7),
    accessReviewCadence: cadenceSchema,
    securityReviewCadence: cadenceSchema,
    dpaIncluded: z.boolean(),
  }),
})

/** One price list per currency the tier is sold in. */
export const tierPriceSchema = z.strictObject({
  currency: currencySchema,
  perSeatMonthlyMinor: minorUnitsSchema.min(0),
  platformFeeAnnualMinor: minorUnitsSchema.min(0),
  minimumSeats: z.int().min(0).max(1_000_000),
})

export const tierDefinitionSchema = z
  .strictObject({
    prices: z.array(tierPriceSchema).min(1).max(20),
    sla: slaTargetsSchema,
    pauseRules: z.array(pauseRuleSchema).max(10),
    escalation: z.array(escalationLevelSchema).max(10),
    entitlements: entitlementsSchema,
    governance: governanceSchema,
  })
  .superRefine((definition, ctx) => {
    const currencies = new Set<string>()
    definition.prices.forEach((price, index) => {
      if (currencies.has(price.currency)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prices', index, 'currency'],
          message: 'duplicate currency',
        })
      }
      currencies.add(price.currency)
    })
    definition.escalation.forEach((level, index) => {
      if (level.level !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', index, 'level'],
          message: 'escalation levels are numbered 1, 2, 3… in order',
        })
      }
    })
  })

/** A JSON value; kept open (`{}` in JSON Schema) because RxDB cannot resolve recursive refs. */
const jsonValueSchema = z.unknown()

export const tierDiffEntrySchema = z.strictObject({
  /** Dotted path inside the definition, e.g. `sla.S1.firstResponse.minutes`. */
  path: z.string().max(300),
  op: z.enum(['added', 'removed', 'changed']),
  before: jsonValueSchema.optional(),
  after: jsonValueSchema.optional(),
})

export const tierSchema = z.strictObject({
  /** This version's id: what accounts and tickets store as `tierVersionId`. */
  id: idSchema,
  /** The tier across all its versions: what accounts store as `tierId`. */
  tierId: idSchema,
  /** Stable machine name (`enterprise`), kept when the display name changes. */
  key: z
    .string()
    .max(40)
    .regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and -'),
  name: labelSchema(80),
  /** Order in the catalogue: a higher rank is a richer plan; upgrades go up. */
  rank: z.int().min(0).max(100),
  description: z.string().max(2000),
  /** Retired tiers are no longer sold; accounts on them keep their version. */
  status: z.enum(['active', 'retired']),
  version: z.int().min(1).max(10_000),
  /** The first day new signatures get this version; existing accounts keep theirs. */
  effectiveFrom: isoDateSchema,
  authorId: idSchema,
  reason: labelSchema(2000),
  /** Against the previous version of the same tier; empty for version 1. */
  diff: z.array(tierDiffEntrySchema).max(500),
  definition: tierDefinitionSchema,
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

export const tiersCollection = defineCollection({
  name: 'tiers',
  description: 'Tier versions: prices, SLA targets, pause rules, escalation, entitlements.',
  schema: tierSchema,
  version: 0,
  indexes: [
    // A tier's versions in order; the catalogue takes the latest effective one per tier.
    ['tierId', 'version'],
    ['rank', 'version'],
  ],
})

/**
 * The catalogue on a given date: for each tier the highest version effective on `onDate`
 * (a version scheduled for later is not current yet), ordered by rank.
 */
export function currentTierVersions<
  T extends Pick<Tier, 'tierId' | 'version' | 'effectiveFrom' | 'rank'>,
>(versions: readonly T[], onDate: string): T[] {
  const current = new Map<string, T>()
  for (const version of versions) {
    if (version.effectiveFrom > onDate) continue
    const best = current.get(version.tierId)
    if (best === undefined || version.version > best.version) current.set(version.tierId, version)
  }
  return [...current.values()].sort((a, b) => a.rank - b.rank)
}

export type SlaTarget = z.infer<typeof slaTargetSchema>
export type SeverityTargets = z.infer<typeof severityTargetsSchema>
export type SlaTargets = z.infer<typeof slaTargetsSchema>
export type PauseRule = z.infer<typeof pauseRuleSchema>
export type EscalationLevel = z.infer<typeof escalationLevelSchema>
export type Entitlements = z.infer<typeof entitlementsSchema>
export type Governance = z.infer<typeof governanceSchema>
export type TierPrice = z.infer<typeof tierPriceSchema>
export type TierDefinition = z.infer<typeof tierDefinitionSchema>
export type TierDiffEntry = z.infer<typeof tierDiffEntrySchema>
export type Tier = Readonly<z.infer<typeof tierSchema>>
