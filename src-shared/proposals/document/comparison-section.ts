import type { Severity, SlaMetric } from '../../model/enums'
import { severities } from '../../model/enums'
import type { Entitlements } from '../../model/tier'
import { cadenceLabels, channelLabels, coverageLabels, metricLabels } from '../../tiers/labels'
import type { DocumentFormat } from './format'
import type { ComparedTier } from './input'
import type { ComparisonSection } from './model'

const metricOrder: readonly SlaMetric[] = [
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
]

/** Current against target tier: SLA targets per severity, entitlements, then price. */
export function comparisonSection(
  current: ComparedTier,
  target: ComparedTier,
  currency: string,
  format: DocumentFormat,
): ComparisonSection {
  const rows: string[][] = []
  for (const severity of severities) {
    for (const metric of metricOrder) {
      const before = current.sla[severity][metric]
      const after = target.sla[severity][metric]
      if (before === null && after === null) continue
      rows.push([slaLabel(severity, metric), format.slaTarget(before), format.slaTarget(after)])
    }
  }
  for (const [label, read] of entitlementRows(format)) {
    rows.push([label, read(current.entitlements), read(target.entitlements)])
  }
  const price = (tier: ComparedTier, pick: (p: NonNullable<ComparedTier['price']>) => string) =>
    tier.price === null ? `Not sold in ${currency}` : pick(tier.price)
  rows.push(
    [
      'Price per seat per month',
      price(current, (p) => format.money(p.perSeatMonthlyMinor)),
      price(target, (p) => format.money(p.perSeatMonthlyMinor)),
    ],
    [
      'Platform fee per year',
      price(current, (p) => format.money(p.platformFeeAnnualMinor)),
      price(target, (p) => format.money(p.platformFeeAnnualMinor)),
    ],
    [
      'Minimum seats',
      price(current, (p) => format.number(p.minimumSeats)),
      price(target, (p) => format.number(p.minimumSeats)),
    ],
  )
  return {
    kind: 'comparison',
    heading: 'Tier comparison',
    table: {
      columns: [
        { label: '', align: 'left' },
        { label: `${current.name} (today)`, align: 'left' },
        { label: `${target.name} (proposed)`, align: 'left' },
      ],
      rows,
    },
  }
}

function slaLabel(severity: Severity, metric: SlaMetric): string {
  const words = metricLabels[metric]
  return `${severity} ${words.charAt(0).toUpperCase()}${words.slice(1)}`
}

function entitlementRows(
  format: DocumentFormat,
): readonly (readonly [string, (e: Entitlements) => string])[] {
  return [
    ['TAM hours per month', (e) => format.number(e.tamHoursPerMonth)],
    ['Architecture reviews per year', (e) => format.number(e.architectureReviewsPerYear)],
    ['Onboarding sessions', (e) => format.number(e.onboardingSessions)],
    ['Health checks per year', (e) => format.number(e.healthChecksPerYear)],
    ['QBR cadence', (e) => cadenceLabels[e.qbrCadence]],
    ['Named contacts', (e) => format.number(e.namedContacts)],
    ['Channels', (e) => e.channels.map((channel) => channelLabels[channel]).join(', ')],
    ['Coverage', (e) => coverageLabels[e.coverage] ?? e.coverage],
  ]
}
