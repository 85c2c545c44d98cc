import type { EntitlementKey, LedgerEntry } from '@shared/model/ledger'
import type { Entitlements } from '@shared/model/tier'
import type { BookContext } from '../context'
import { monthsBefore } from '../dates'
import type { AccountPlan } from '../plan'
import { Rng } from '../prng'
import { DAY_MS, iso } from '../zoned-time'

const tamWork = [
  'Weekly sync and ticket review',
  'Capacity planning for the peak season',
  'Post-incident review',
  'SSO configuration walkthrough',
  'API rate-limit tuning session',
  'Upgrade planning',
]

/** The entitlement as agreed: the version's value, or a custom term that overrides it. */
function entitled(plan: AccountPlan, key: keyof Entitlements): number {
  const term = plan.customTerms.find((custom) => custom.field === `entitlements.${key}`)
  const value = term?.value ?? plan.version.definition.entitlements[key]
  return typeof value === 'number' ? value : 0
}

/**
 * What the account was actually given over the book's year. Delivery follows the story:
 * expanding accounts overuse TAM hours, declining ones leave them unused, and some accounts get
 * fewer (or more) reviews than their tier promises — material for the drift audit.
 */
export function ledgerDocs(context: BookContext, plan: AccountPlan): LedgerEntry[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'ledger', plan.index)
  const docs: LedgerEntry[] = []
  const deliveredBy = plan.tamId ?? plan.ownerId
  const add = (
    entitlement: EntitlementKey,
    quantity: number,
    atMs: number,
    description: string,
    kind: LedgerEntry['kind'] = 'consumption',
  ) => {
    const at = Math.min(atMs, asOfMs - 60_000)
    const occurredAt = iso(at)
    docs.push({
      id: rng.id(at),
      accountId: plan.id,
      entitlement,
      kind,
      quantity,
      period: occurredAt.slice(0, 7),
      occurredAt,
      description,
      deliveredById: kind === 'consumption' ? deliveredBy : null,
      activityId: null,
      updatedAt: occurredAt,
      updatedBy: deliveredBy,
    })
  }

  const tamHours = entitled(plan, 'tamHoursPerMonth')
  if (tamHours > 0) {
    const ratio =
      plan.story === 'expanding'
        ? rng.float(1.1, 1.5)
        : plan.story === 'declining'
          ? rng.float(0.3, 0.7)
          : rng.float(0.6, 1.05)
    for (const month of monthsBefore(context.options.asOf, 12)) {
      const monthMs = Date.parse(`${month}-01T00:00:00.000Z`)
      if (monthMs < plan.createdMs) continue
      let remaining = Math.round(tamHours * ratio * rng.float(0.8, 1.2) * 4) / 4
      for (let n = rng.int(1, 4); n > 0 && remaining > 0; n--) {
        const hours =
          n === 1 ? remaining : Math.max(0.25, Math.round(remaining * rng.float(0.2, 0.6) * 4) / 4)
        add(
          'tamHours',
          hours,
          monthMs + rng.int(1, 27) * DAY_MS + rng.int(13, 20) * 3_600_000,
          rng.pick(tamWork),
        )
        remaining -= hours
      }
    }
  }

  const yearStart = Math.max(asOfMs - 365 * DAY_MS, plan.createdMs)
  const spread = (count: number, key: EntitlementKey, description: string) => {
    for (let i = 0; i < count; i++)
      add(key, 1, yearStart + rng.next() * (asOfMs - yearStart), description)
  }
  const reviews = entitled(plan, 'architectureReviewsPerYear')
  if (reviews > 0)
    spread(Math.round(reviews * rng.float(0.5, 1.25)), 'architectureReview', 'Architecture review')
  const checks = entitled(plan, 'healthChecksPerYear')
  if (checks > 0) spread(Math.round(checks * rng.float(0.5, 1.1)), 'healthCheck', 'Health check')

  // Onboarding happens after signing up or moving up a tier.
  const onboardingStart =
    plan.upgradedOn ??
    (asOfMs - Date.parse(`${plan.customerSince}T00:00:00.000Z`) < 365 * DAY_MS
      ? plan.customerSince
      : null)
  const sessions = entitled(plan, 'onboardingSessions')
  if (onboardingStart !== null && sessions > 0) {
    const startMs = Date.parse(`${onboardingStart}T10:00:00.000Z`)
    for (let i = 0; i < Math.min(sessions, rng.int(1, sessions)); i++) {
      add(
        'onboardingSession',
        1,
        startMs + (i * 7 + rng.int(1, 5)) * DAY_MS,
        `Onboarding session ${i + 1}`,
      )
    }
  }

  // A review granted by a custom term, and the odd correction.
  const extraReview = plan.customTerms.find(
    (term) => term.field === 'entitlements.architectureReviewsPerYear',
  )
  if (extraReview !== undefined) {
    add(
      'architectureReview',
      1,
      Date.parse(`${extraReview.agreedOn}T09:00:00.000Z`),
      'Extra review granted by custom term',
      'grant',
    )
  }
  if (tamHours > 0 && rng.chance(0.05))
    add(
      'tamHours',
      -0.5,
      asOfMs - rng.int(5, 60) * DAY_MS,
      'Correction: session logged twice',
      'adjustment',
    )
  return docs.sort((a, b) =>
    a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0,
  )
}
