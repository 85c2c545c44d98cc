import { weekdays, type Weekday } from '../model/calendar'
import { metricLabels } from './labels'
import { weekdayNames } from './calendar-rules'

/**
 * The words for a field path that main's validation named (`definition.sla.S2.firstResponse.minutes`
 * → "S2 first response, minutes"), so the list of problems above a form reads like the form.
 * A path this does not know is returned as it is: better a path than nothing.
 */

const plain: Readonly<Record<string, string>> = {
  name: 'Name',
  description: 'Description',
  status: 'Status',
  reason: 'Reason',
  effectiveFrom: 'Effective from',
  timeZone: 'Time zone',
  coverage: 'Coverage',
  weekly: 'Working hours',
  holidays: 'Holidays',
  'entitlements.tamHoursPerMonth': 'TAM hours a month',
  'entitlements.architectureReviewsPerYear': 'Architecture reviews a year',
  'entitlements.onboardingSessions': 'Onboarding sessions',
  'entitlements.healthChecksPerYear': 'Health checks a year',
  'entitlements.qbrCadence': 'QBR cadence',
  'entitlements.namedContacts': 'Named contacts',
  'entitlements.channels': 'Channels',
  'entitlements.coverage': 'Coverage',
  'governance.owners.onboarding': 'Onboarding owner',
  'governance.owners.qbr': 'QBR owner',
  'governance.owners.escalation': 'Escalation owner',
  'governance.dataPrivacy.dataResidency': 'Data residency',
  'governance.dataPrivacy.accessReviewCadence': 'Access reviews',
  'governance.dataPrivacy.securityReviewCadence': 'Security reviews',
  'governance.dataPrivacy.dpaIncluded': 'DPA included',
}

const words: Readonly<Record<string, string>> = {
  minutes: 'minutes',
  hours: 'business or 24x7',
  perSeatMonthlyMinor: 'per seat a month',
  platformFeeAnnualMinor: 'platform fee a year',
  minimumSeats: 'minimum seats',
  currency: 'currency',
  role: 'role',
  afterMinutes: 'engaged after',
  severities: 'severities',
  metrics: 'paused clocks',
  start: 'start',
  end: 'end',
  date: 'date',
  name: 'name',
  closedFrom: 'closed from',
  closedUntil: 'closed until',
}

const ordinal = (index: string | undefined) => Number(index ?? 0) + 1
const word = (key: string | undefined) => (key === undefined ? '' : `, ${words[key] ?? key}`)

export function fieldLabel(field: string): string {
  const path = field.replace(/^(definition|calendar)\./, '')
  const known = plain[path]
  if (known !== undefined) return known
  const [section, a, b, c] = path.split('.')
  if (section === 'sla' && a !== undefined) {
    if (b === undefined) return `${a} targets`
    const metric = metricLabels[b as keyof typeof metricLabels] ?? b
    return `${a} ${metric}${word(c)}`
  }
  if (section === 'prices') return `Price list ${ordinal(a)}${word(b)}`
  if (section === 'escalation') return `Escalation level ${ordinal(a)}${word(b)}`
  if (section === 'pauseRules') return `Pause rule ${ordinal(a)}${word(b)}`
  if (section === 'weekly' && weekdays.includes(a as Weekday)) {
    const day = weekdayNames[a as Weekday]
    return b === undefined
      ? day
      : `${day} interval ${ordinal(b)}${c === undefined ? '' : ` ${words[c] ?? c}`}`
  }
  if (section === 'holidays' && a !== undefined) return `Holiday ${ordinal(a)}${word(b)}`
  return field
}
