import type { Tier } from '../../model/tier'

/**
 * Upgrade-eligibility thresholds for accounts on one tier. The tier model carries no such
 * limits (prices have a `minimumSeats`, not a maximum; entitlements say what is given, not
 * when a customer has outgrown it), and adding them to the stored tier schema would need a
 * migration and the tier editor, so they live here as a typed default rule set keyed by the
 * tier's stable `key`. A tier key not listed uses {@link fallbackRules}. `null` disables a rule
 * (the top tier has nothing to upgrade to).
 */
export interface EligibilityRules {
  /** Seats in use above which the tier no longer fits the account. */
  readonly maxSeats: number | null
  /** Consecutive months with seats used above the contracted seats. */
  readonly seatsOverContractMonths: number
  /** Active-user growth over `months` (latest snapshot vs the one `months` earlier). */
  readonly usageGrowth: { readonly months: number; readonly minGrowth: number } | null
  /** Tickets that were ever S1, opened in the last `days`. */
  readonly s1Volume: { readonly days: number; readonly minTickets: number } | null
  /** Breaches in the last `days` that the next tier's targets would have avoided (replay). */
  readonly preventedBreaches: { readonly days: number; readonly minAvoided: number } | null
  /** TAM hours over the entitlement in at least `minOverMonths` of the last `months` months. */
  readonly entitlementOveruse: { readonly months: number; readonly minOverMonths: number } | null
  /** ARR (reporting currency, minor units) above which accounts usually sit on a richer tier. */
  readonly maxArrMinor: number | null
}

const common = {
  seatsOverContractMonths: 3,
  usageGrowth: { months: 6, minGrowth: 0.3 },
  preventedBreaches: { days: 90, minAvoided: 3 },
  entitlementOveruse: { months: 3, minOverMonths: 2 },
} as const

export const defaultEligibilityRules: Readonly<Record<string, EligibilityRules>> = {
  community: {
    ...common,
    maxSeats: 50,
    s1Volume: { days: 90, minTickets: 2 },
    maxArrMinor: 3_000_000,
  },
  standard: {
    ...common,
    maxSeats: 250,
    s1Volume: { days: 90, minTickets: 3 },
    maxArrMinor: 15_000_000,
  },
  premium: {
    ...common,
    maxSeats: 1500,
    s1Volume: { days: 90, minTickets: 6 },
    maxArrMinor: 75_000_000,
  },
  enterprise: {
    maxSeats: null,
    seatsOverContractMonths: 3,
    usageGrowth: null,
    s1Volume: null,
    preventedBreaches: null,
    entitlementOveruse: { months: 3, minOverMonths: 2 },
    maxArrMinor: null,
  },
}

/** For a tier key the table does not know (a tier added in the editor). */
export const fallbackRules: EligibilityRules = {
  ...common,
  maxSeats: null,
  s1Volume: { days: 90, minTickets: 3 },
  maxArrMinor: null,
}

export function rulesFor(
  tier: Pick<Tier, 'key'>,
  table: Readonly<Record<string, EligibilityRules>> = defaultEligibilityRules,
): EligibilityRules {
  return table[tier.key] ?? fallbackRules
}
