import { severities, slaMetrics } from '../model/enums'
import type { Entitlements, SlaTarget, Tier } from '../model/tier'
import {
  channelLabels,
  cadenceLabels,
  coverageLabels,
  durationUnit,
  formatDuration,
} from '../tiers/labels'
import type { EntitlementComparisonRow, SlaComparisonRow, TierSideBySide } from './proposal-queries'

/**
 * The current and the target tier side by side — SLA targets per severity and metric,
 * entitlements and price — in the words the tiers screen uses, for the builder and the export.
 */

type ComparedTier = Pick<Tier, 'tierId' | 'name' | 'rank' | 'definition'>

function targetText(target: SlaTarget | null): string {
  if (target === null) return 'no commitment'
  const duration = formatDuration(target.minutes, durationUnit([target.minutes]))
  return target.hours === 'business' ? duration.replace(' ', ' business ') : `${duration} (24x7)`
}

/** Faster is better; a commitment beats none; 24x7 beats business hours at the same minutes. */
function isBetter(current: SlaTarget | null, target: SlaTarget | null): boolean {
  if (target === null) return false
  if (current === null) return true
  if (target.minutes !== current.minutes) return target.minutes < current.minutes
  return target.hours === '24x7' && current.hours === 'business'
}

const entitlementLabels: Readonly<Record<keyof Entitlements, string>> = {
  tamHoursPerMonth: 'TAM hours a month',
  architectureReviewsPerYear: 'Architecture reviews a year',
  onboardingSessions: 'Onboarding sessions',
  healthChecksPerYear: 'Health checks a year',
  qbrCadence: 'QBR cadence',
  namedContacts: 'Named contacts',
  channels: 'Channels',
  coverage: 'Coverage',
}

function entitlementText(key: keyof Entitlements, value: Entitlements[keyof Entitlements]): string {
  if (Array.isArray(value)) return value.map((channel) => channelLabels[channel]).join(', ')
  if (key === 'qbrCadence') return cadenceLabels[value as Entitlements['qbrCadence']]
  if (key === 'coverage') return coverageLabels[String(value)] ?? String(value)
  return String(value)
}

const priceIn = (tier: ComparedTier, currency: string) =>
  tier.definition.prices.find((price) => price.currency === currency) ?? null

export function tierSideBySide(input: {
  readonly current: ComparedTier
  readonly target: ComparedTier
  readonly currency: string
  readonly currentAnnualMinor: number
  readonly proposedAnnualMinor: number | null
}): TierSideBySide {
  const { current, target } = input
  const sla: SlaComparisonRow[] = severities.flatMap((severity) =>
    slaMetrics.flatMap((metric) => {
      const a = current.definition.sla[severity][metric]
      const b = target.definition.sla[severity][metric]
      if (a === null && b === null) return []
      return [
        {
          severity,
          metric,
          current: a,
          target: b,
          currentText: targetText(a),
          targetText: targetText(b),
          better: isBetter(a, b),
        },
      ]
    }),
  )
  const keys = Object.keys(entitlementLabels) as (keyof Entitlements)[]
  const entitlements: EntitlementComparisonRow[] = keys.map((key) => {
    const currentText = entitlementText(key, current.definition.entitlements[key])
    const targetText = entitlementText(key, target.definition.entitlements[key])
    return {
      key,
      label: entitlementLabels[key],
      currentText,
      targetText,
      changed: currentText !== targetText,
    }
  })
  return {
    sla,
    entitlements,
    price: {
      currency: input.currency,
      current: priceIn(current, input.currency),
      target: priceIn(target, input.currency),
      currentAnnualMinor: input.currentAnnualMinor,
      proposedAnnualMinor: input.proposedAnnualMinor,
    },
  }
}
