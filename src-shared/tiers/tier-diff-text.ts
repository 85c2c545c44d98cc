import { formatMoney } from '../format/money'
import type { SlaMetric } from '../model/enums'
import type { EscalationLevel, SlaTarget, TierDiffEntry, TierPrice } from '../model/tier'
import {
  cadenceLabels,
  channelLabels,
  coverageLabels,
  durationUnit,
  escalationRoleLabels,
  formatDuration,
  metricLabels,
  ownerRoleLabels,
  residencyLabels,
  statusLabels,
} from './labels'

/**
 * One sentence per diff entry, e.g. "S1 first response: 60 → 30 business minutes". Computed from
 * the entry alone (its path carries the severity, currency, status or level), so any stored
 * version's diff can be read back without loading the versions around it. Unknown paths (a
 * future field) still get a sentence, with the values as JSON, rather than disappearing.
 */

export interface ReadableDiffEntry extends TierDiffEntry {
  readonly sentence: string
}

const ARROW = '→'

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isTarget = (value: unknown): value is SlaTarget =>
  isRecord(value) && typeof value['minutes'] === 'number' && typeof value['hours'] === 'string'

const isPrice = (value: unknown): value is TierPrice =>
  isRecord(value) && typeof value['currency'] === 'string'

const isLevel = (value: unknown): value is EscalationLevel =>
  isRecord(value) && typeof value['role'] === 'string' && Array.isArray(value['severities'])

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function targetText(target: SlaTarget, unit: 'hours' | 'minutes'): string {
  const duration = formatDuration(target.minutes, unit)
  return target.hours === 'business'
    ? `${duration.replace(' ', ' business ')}`
    : `${duration} (24x7)`
}

function slaSentence(severity: string, metric: SlaMetric, before: unknown, after: unknown) {
  const subject = `${severity} ${metricLabels[metric]}`
  const a = isTarget(before) ? before : null
  const b = isTarget(after) ? after : null
  if (a === null && b === null) return `${subject}: no commitment`
  if (a === null && b !== null)
    return `${subject}: no commitment ${ARROW} ${targetText(b, durationUnit([b.minutes]))}`
  if (a !== null && b === null)
    return `${subject}: ${targetText(a, durationUnit([a.minutes]))} ${ARROW} no commitment`
  if (a === null || b === null) return subject
  const unit = durationUnit([a.minutes, b.minutes])
  if (a.hours === b.hours) {
    const number = (target: SlaTarget) => (unit === 'hours' ? target.minutes / 60 : target.minutes)
    // "60 → 30 business minutes": one unit after both numbers when only the number moved.
    const tail = targetText(b, unit).replace(/^\d+(\.\d+)? /, '')
    return `${subject}: ${number(a)} ${ARROW} ${number(b)} ${tail}`
  }
  return `${subject}: ${targetText(a, unit)} ${ARROW} ${targetText(b, unit)}`
}

const money = (minor: unknown, currency: string) =>
  typeof minor === 'number' ? formatMoney({ amountMinor: minor, currency }, 'en-US') : String(minor)

const priceFieldLabels: Readonly<Record<string, string>> = {
  perSeatMonthlyMinor: 'price per seat a month',
  platformFeeAnnualMinor: 'platform fee a year',
  minimumSeats: 'minimum seats',
}

function priceSummary(price: TierPrice): string {
  return `${money(price.perSeatMonthlyMinor, price.currency)} per seat a month, ${money(
    price.platformFeeAnnualMinor,
    price.currency,
  )} platform fee a year, minimum ${price.minimumSeats} seats`
}

function priceSentence(entry: TierDiffEntry, currency: string, field: string | undefined) {
  if (field === undefined) {
    if (entry.op === 'added' && isPrice(entry.after))
      return `New price list in ${currency}: ${priceSummary(entry.after)}`
    if (entry.op === 'removed') return `Price list in ${currency} removed`
    return `Price list in ${currency} changed`
  }
  const label = `${currency} ${priceFieldLabels[field] ?? field}`
  if (field === 'minimumSeats')
    return `${capitalise(label)}: ${String(entry.before)} ${ARROW} ${String(entry.after)}`
  return `${label}: ${money(entry.before, currency)} ${ARROW} ${money(entry.after, currency)}`
}

const metricsText = (value: unknown) =>
  Array.isArray(value)
    ? value.map((metric) => metricLabels[metric as SlaMetric] ?? String(metric)).join(', ')
    : String(value)

function pauseSentence(entry: TierDiffEntry, status: string) {
  const when = statusLabels[status as keyof typeof statusLabels] ?? status
  const metricsOf = (value: unknown) => (isRecord(value) ? metricsText(value['metrics']) : '')
  if (entry.op === 'added') return `New pause rule: ${when} pauses ${metricsOf(entry.after)}`
  if (entry.op === 'removed')
    return `Pause rule removed: ${when} no longer pauses ${metricsOf(entry.before)}`
  return `While ${when}, paused clocks: ${metricsOf(entry.before)} ${ARROW} ${metricsOf(entry.after)}`
}

function levelText(level: EscalationLevel): string {
  return `${escalationRoleLabels[level.role] ?? level.role} after ${formatDuration(level.afterMinutes)} (${level.severities.join(', ')})`
}

function escalationSentence(entry: TierDiffEntry, level: string) {
  const text = (value: unknown) => (isLevel(value) ? levelText(value) : String(value))
  if (entry.op === 'added') return `Escalation level ${level} added: ${text(entry.after)}`
  if (entry.op === 'removed') return `Escalation level ${level} removed (${text(entry.before)})`
  return `Escalation level ${level}: ${text(entry.before)} ${ARROW} ${text(entry.after)}`
}

const leafLabels: Readonly<Record<string, string>> = {
  'entitlements.tamHoursPerMonth': 'TAM hours per month',
  'entitlements.architectureReviewsPerYear': 'Architecture reviews per year',
  'entitlements.onboardingSessions': 'Onboarding sessions',
  'entitlements.healthChecksPerYear': 'Health checks per year',
  'entitlements.qbrCadence': 'QBR cadence',
  'entitlements.namedContacts': 'Named contacts',
  'entitlements.channels': 'Channels',
  'entitlements.coverage': 'Coverage',
  'governance.owners.onboarding': 'Onboarding owner',
  'governance.owners.qbr': 'QBR owner',
  'governance.owners.escalation': 'Escalation owner',
  'governance.dataPrivacy.dataResidency': 'Data residency',
  'governance.dataPrivacy.accessReviewCadence': 'Access review cadence',
  'governance.dataPrivacy.securityReviewCadence': 'Security review cadence',
  'governance.dataPrivacy.dpaIncluded': 'DPA included',
  name: 'Name',
  status: 'Status',
}

const valueLabels: readonly Readonly<Record<string, string>>[] = [
  cadenceLabels,
  channelLabels,
  coverageLabels,
  ownerRoleLabels,
  residencyLabels,
]

function valueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') {
    for (const labels of valueLabels) {
      const label = labels[value]
      if (label !== undefined) return label
    }
    return value
  }
  if (value === undefined) return 'nothing'
  return typeof value === 'number' ? String(value) : JSON.stringify(value)
}

function setSentence(label: string, before: readonly unknown[], after: readonly unknown[]) {
  const was = new Set(before.map(String))
  const now = new Set(after.map(String))
  const added = [...now].filter((item) => !was.has(item)).map(valueText)
  const removed = [...was].filter((item) => !now.has(item)).map(valueText)
  const parts = [
    ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
    ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
  ]
  return `${label}: ${parts.join('; ')}`
}

/** The readable sentence of one diff entry. */
export function describeTierDiffEntry(entry: TierDiffEntry): string {
  const [section, key, field] = entry.path.split('.')
  if (section === 'sla' && key !== undefined && field !== undefined && field in metricLabels) {
    return slaSentence(key, field as SlaMetric, entry.before, entry.after)
  }
  if (section === 'prices' && key !== undefined) return priceSentence(entry, key, field)
  if (section === 'pauseRules' && key !== undefined) return pauseSentence(entry, key)
  if (section === 'escalation' && key !== undefined) return escalationSentence(entry, key)
  if (entry.path === 'description') return 'Description rewritten'
  const label = leafLabels[entry.path] ?? entry.path
  if (Array.isArray(entry.before) && Array.isArray(entry.after)) {
    return setSentence(label, entry.before, entry.after)
  }
  if (entry.path === 'name')
    return `Name: “${String(entry.before)}” ${ARROW} “${String(entry.after)}”`
  if (entry.op === 'added') return `${label} added: ${valueText(entry.after)}`
  if (entry.op === 'removed') return `${label} removed (was ${valueText(entry.before)})`
  return `${label}: ${valueText(entry.before)} ${ARROW} ${valueText(entry.after)}`
}

export function readableTierDiff(entries: readonly TierDiffEntry[]): ReadableDiffEntry[] {
  return entries.map((entry) => ({ ...entry, sentence: describeTierDiffEntry(entry) }))
}
