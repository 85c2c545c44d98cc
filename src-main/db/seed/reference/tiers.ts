import type { Currency } from '../money'
import type {
  EscalationLevel,
  SeverityTargets,
  SlaTarget,
  Tier,
  TierDefinition,
  TierPrice,
} from '@shared/model/tier'
import { diffJson } from '@shared/model/tier-diff'
import type { Rng } from '../prng'
import { monthStartBefore } from '../dates'
import { currencies, localPrice } from '../money'

/**
 * The tier catalogue of the demo book, with realistic prices and SLA targets, and a version
 * history: Standard and Premium have two versions, Enterprise three, and accounts that signed
 * before a change keep the older version.
 */

export type TierKey = 'community' | 'standard' | 'premium' | 'enterprise'
export const tierKeys: readonly TierKey[] = ['community', 'standard', 'premium', 'enterprise']

const biz = (minutes: number): SlaTarget => ({ minutes, hours: 'business' })
const h24 = (minutes: number): SlaTarget => ({ minutes, hours: '24x7' })
const targets = (
  firstResponse: SlaTarget | null,
  nextResponse: SlaTarget | null,
  periodicUpdate: SlaTarget | null,
  resolution: SlaTarget | null,
): SeverityTargets => ({ firstResponse, nextResponse, periodicUpdate, resolution })

/** Prices in USD minor units; other currencies are derived and rounded to list-price steps. */
function prices(perSeatUsd: number, platformUsd: number, minimumSeats: number): TierPrice[] {
  return currencies.map((currency: Currency) => ({
    currency,
    perSeatMonthlyMinor: localPrice(perSeatUsd, currency),
    platformFeeAnnualMinor: localPrice(platformUsd, currency),
    minimumSeats,
  }))
}

const waitingPauses = [
  { status: 'waiting-on-customer', metrics: ['resolution', 'periodicUpdate'] },
] as const satisfies TierDefinition['pauseRules']
const allWaitingPauses = [
  ...waitingPauses,
  { status: 'waiting-on-third-party', metrics: ['resolution'] },
] as const satisfies TierDefinition['pauseRules']

const escalation = (
  levels: readonly [EscalationLevel['role'], number][],
  severities: EscalationLevel['severities'],
) =>
  levels.map(([role, afterMinutes], index) => ({
    level: index + 1,
    role,
    afterMinutes,
    severities,
  }))

function community(): TierDefinition {
  return {
    prices: prices(0, 0, 0),
    sla: {
      S1: targets(biz(480), null, null, null),
      S2: targets(biz(960), null, null, null),
      S3: targets(biz(1440), null, null, null),
      S4: targets(biz(2400), null, null, null),
    },
    pauseRules: [...allWaitingPauses],
    escalation: [],
    entitlements: {
      tamHoursPerMonth: 0,
      architectureReviewsPerYear: 0,
      onboardingSessions: 0,
      healthChecksPerYear: 0,
      qbrCadence: 'none',
      namedContacts: 1,
      channels: ['portal', 'email'],
      coverage: 'business-hours',
    },
    governance: {
      owners: { onboarding: 'customer', qbr: 'csm', escalation: 'support-lead' },
      dataPrivacy: {
        dataResidency: ['any'],
        accessReviewCadence: 'none',
        securityReviewCadence: 'none',
        dpaIncluded: false,
      },
    },
  }
}

function standard(version: number): TierDefinition {
  return {
    prices: prices(400, 0, 10),
    sla: {
      S1: targets(biz(120), biz(240), biz(480), biz(2400)),
      S2: targets(version >= 2 ? biz(240) : biz(480), biz(480), biz(960), biz(4800)),
      S3: targets(biz(960), biz(1440), null, biz(9600)),
      S4: targets(biz(1440), biz(2400), null, null),
    },
    pauseRules: [...allWaitingPauses],
    escalation: escalation([['support-lead', 240]], ['S1']),
    entitlements: {
      tamHoursPerMonth: 0,
      architectureReviewsPerYear: 0,
      onboardingSessions: 1,
      healthChecksPerYear: 1,
      qbrCadence: 'annual',
      namedContacts: 3,
      channels: version >= 2 ? ['portal', 'email', 'chat'] : ['portal', 'email'],
      coverage: 'business-hours',
    },
    governance: {
      owners: { onboarding: 'csm', qbr: 'csm', escalation: 'support-lead' },
      dataPrivacy: {
        dataResidency: ['us', 'eu'],
        accessReviewCadence: 'annual',
        securityReviewCadence: 'none',
        dpaIncluded: true,
      },
    },
  }
}

function premium(version: number): TierDefinition {
  const v2 = version >= 2
  return {
    prices: v2 ? prices(900, 1_200_000, 50) : prices(800, 1_000_000, 50),
    sla: {
      S1: targets(h24(v2 ? 30 : 60), h24(120), h24(120), h24(1440)),
      S2: targets(biz(120), biz(240), biz(480), biz(2400)),
      S3: targets(biz(480), biz(960), null, biz(7200)),
      S4: targets(biz(960), biz(1440), null, null),
    },
    pauseRules: [...allWaitingPauses],
    escalation: escalation(
      [
        ['support-lead', 60],
        ['engineering-on-call', 240],
        ['tam', 480],
      ],
      ['S1'],
    ),
    entitlements: {
      tamHoursPerMonth: 4,
      architectureReviewsPerYear: 1,
      onboardingSessions: 3,
      healthChecksPerYear: 2,
      qbrCadence: v2 ? 'quarterly' : 'semiannual',
      namedContacts: 6,
      channels: v2
        ? ['portal', 'email', 'chat', 'phone', 'slack']
        : ['portal', 'email', 'chat', 'phone'],
      coverage: '24x7-critical',
    },
    governance: {
      owners: { onboarding: 'tam', qbr: 'csm', escalation: 'support-lead' },
      dataPrivacy: {
        dataResidency: ['us', 'eu', 'uk', 'au'],
        accessReviewCadence: 'semiannual',
        securityReviewCadence: 'annual',
        dpaIncluded: true,
      },
    },
  }
}

function enterprise(version: number): TierDefinition {
  return {
    prices:
      version >= 3
        ? prices(1500, 6_000_000, 250)
        : version >= 2
          ? prices(1400, 5_000_000, 250)
          : prices(1400, 4_500_000, 250),
    sla: {
      S1: targets(h24(version >= 2 ? 15 : 30), h24(60), h24(60), h24(480)),
      S2: targets(h24(60), h24(120), h24(240), h24(1440)),
      S3: targets(biz(240), biz(480), null, biz(4800)),
      S4: targets(biz(480), biz(960), null, biz(9600)),
    },
    // Enterprise owns third-party problems: waiting on a vendor does not stop its clock.
    pauseRules: [...waitingPauses],
    escalation: escalation(
      [
        ['support-lead', 30],
        ['engineering-on-call', 60],
        ['tam', 120],
        ['executive-sponsor', 480],
      ],
      ['S1', 'S2'],
    ),
    entitlements: {
      tamHoursPerMonth: version >= 3 ? 20 : 16,
      architectureReviewsPerYear: version >= 3 ? 4 : 2,
      onboardingSessions: 6,
      healthChecksPerYear: 4,
      qbrCadence: 'quarterly',
      namedContacts: version >= 2 ? 12 : 10,
      channels:
        version >= 2
          ? ['portal', 'email', 'chat', 'phone', 'slack']
          : ['portal', 'email', 'chat', 'phone'],
      coverage: '24x7',
    },
    governance: {
      owners: { onboarding: 'tam', qbr: 'csm', escalation: 'tam' },
      dataPrivacy: {
        dataResidency: ['us', 'eu', 'uk', 'au', 'jp'],
        accessReviewCadence: 'quarterly',
        securityReviewCadence: 'semiannual',
        dpaIncluded: true,
      },
    },
  }
}

interface VersionSpec {
  readonly version: number
  /** Months before `asOf` the version took effect (first of that month). */
  readonly monthsAgo: number
  readonly reason: string
}

interface TierSpec {
  readonly key: TierKey
  readonly name: string
  readonly rank: number
  readonly description: string
  readonly define: (version: number) => TierDefinition
  readonly versions: readonly VersionSpec[]
}

const launch = { version: 1, monthsAgo: 48, reason: 'Launch of the tiered support catalogue.' }

export const tierSpecs: readonly TierSpec[] = [
  {
    key: 'community',
    name: 'Community',
    rank: 0,
    description: 'Self-service support through the portal, best-effort first response.',
    define: community,
    versions: [launch],
  },
  {
    key: 'standard',
    name: 'Standard',
    rank: 1,
    description: 'Business-hours support with committed response and resolution targets.',
    define: standard,
    versions: [
      launch,
      {
        version: 2,
        monthsAgo: 14,
        reason: 'Add chat and halve S2 first response after the support desk expansion.',
      },
    ],
  },
  {
    key: 'premium',
    name: 'Premium',
    rank: 2,
    description: '24x7 for critical issues, a named TAM and regular business reviews.',
    define: premium,
    versions: [
      launch,
      {
        version: 2,
        monthsAgo: 7,
        reason:
          'S1 first response to 30 minutes, Slack channel and quarterly QBRs; list price up 12.5%.',
      },
    ],
  },
  {
    key: 'enterprise',
    name: 'Enterprise',
    rank: 3,
    description: 'Round-the-clock support, executive escalation, TAM and architecture reviews.',
    define: enterprise,
    versions: [
      launch,
      {
        version: 2,
        monthsAgo: 21,
        reason: 'S1 first response to 15 minutes; Slack; platform fee revised.',
      },
      {
        version: 3,
        monthsAgo: 5,
        reason: 'More TAM hours and architecture reviews; price list 2026.',
      },
    ],
  },
]

export interface TierRef {
  readonly key: TierKey
  readonly tierId: string
  readonly rank: number
  /** Oldest first. */
  readonly versions: readonly Tier[]
}

export function buildTiers(rng: Rng, asOf: string, authorId: string): TierRef[] {
  return tierSpecs.map((spec) => {
    const firstEffective = monthStartBefore(asOf, spec.versions[0]?.monthsAgo ?? 48)
    const tierId = rng.id(Date.parse(`${firstEffective}T00:00:00.000Z`) - 30 * 86_400_000)
    let previous: TierDefinition | undefined
    const versions = spec.versions.map((version) => {
      const effectiveFrom = monthStartBefore(asOf, version.monthsAgo)
      // Authored three weeks ahead of taking effect.
      const createdMs =
        Date.parse(`${effectiveFrom}T00:00:00.000Z`) - 21 * 86_400_000 + 10 * 3_600_000
      const createdAt = new Date(createdMs).toISOString()
      const definition = spec.define(version.version)
      const doc: Tier = {
        id: rng.id(createdMs),
        tierId,
        key: spec.key,
        name: spec.name,
        rank: spec.rank,
        description: spec.description,
        status: 'active',
        version: version.version,
        effectiveFrom,
        authorId,
        reason: version.reason,
        diff: previous === undefined ? [] : diffJson(previous, definition),
        definition,
        createdAt,
        updatedAt: createdAt,
        updatedBy: authorId,
      }
      previous = definition
      return doc
    })
    return { key: spec.key, tierId, rank: spec.rank, versions }
  })
}

/** The version of a tier in force on `date` (YYYY-MM-DD): the latest effective by then. */
export function versionOn(tier: TierRef, date: string): Tier {
  let chosen = tier.versions[0]
  for (const version of tier.versions) if (version.effectiveFrom <= date) chosen = version
  if (chosen === undefined) throw new Error(`tier ${tier.key} has no versions`)
  return chosen
}
