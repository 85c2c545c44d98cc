import type { UsageSnapshot } from '@shared/model/usage'
import type { BookContext } from '../context'
import { monthsBefore } from '../dates'
import type { AccountPlan, Story } from '../plan'
import { Rng } from '../prng'

const features = ['dashboards', 'reports', 'api', 'sso', 'automations', 'integrations', 'mobile']

/** Seat utilisation at the start and end of the year, and a bump in the middle, per story. */
const utilisation: Readonly<Record<Story, readonly [number, number, number]>> = {
  growing: [0.55, 0.9, 0],
  steady: [0.75, 0.77, 0],
  declining: [0.85, 0.45, 0],
  expanding: [0.85, 1.18, 0],
  recovering: [0.78, 0.72, -0.3],
}

/** A lapsing account ends the year using under 30 % of its seats (seat utilisation scores 0). */
const lapsingUtilisation: readonly [number, number, number] = [0.8, 0.26, 0]

/** Twelve monthly snapshots telling the account's story, oldest first. */
export function usageDocs(context: BookContext, plan: AccountPlan): UsageSnapshot[] {
  const rng = new Rng(context.options.seed, 'usage', plan.index)
  const [start, end, dip] = plan.lapsing ? lapsingUtilisation : utilisation[plan.story]
  const engagement = rng.float(0.6, 0.92)
  const apiPerUser = rng.logNormal(600, 0.8)
  const baseAdoption = features.map(() => rng.float(0.1, 0.8))
  const months = monthsBefore(context.options.asOf, 12)
  return months.map((month, i) => {
    const progress = i / (months.length - 1)
    const bump = dip * Math.sin(Math.PI * progress)
    const util = Math.max(0.05, start + (end - start) * progress + bump + rng.normal() * 0.03)
    const seatsUsed = Math.max(1, Math.round(plan.seats * util))
    const activeUsers = Math.min(
      seatsUsed,
      Math.max(1, Math.round(seatsUsed * engagement * rng.float(0.93, 1.05))),
    )
    const trend = plan.story === 'declining' ? -0.25 : plan.story === 'steady' ? 0 : 0.2
    const featureAdoption = features.map((feature, f) => ({
      feature,
      share:
        Math.round(
          Math.min(
            1,
            Math.max(0, (baseAdoption[f] ?? 0.3) * (1 + trend * progress) + rng.normal() * 0.02),
          ) * 1000,
        ) / 1000,
    }))
    const apiShare = featureAdoption.find((entry) => entry.feature === 'api')?.share ?? 0
    const [year = 1970, monthNumber = 1] = month.split('-').map(Number)
    // Captured late on the month's last day, so the latest month is never after `asOf`.
    const capturedMs = Date.UTC(year, monthNumber, 1) - 3_600_000
    const capturedAt = new Date(capturedMs).toISOString()
    return {
      id: rng.id(capturedMs),
      accountId: plan.id,
      month,
      capturedAt,
      activeUsers,
      seatsUsed,
      seatsContracted: plan.seats,
      featureAdoption,
      apiCalls: Math.round(activeUsers * apiShare * apiPerUser * rng.float(0.85, 1.15)),
      source: 'connector',
      updatedAt: capturedAt,
      updatedBy: 'system:usage-import',
    }
  })
}
