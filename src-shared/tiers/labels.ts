import type { Cadence, Channel, SlaMetric, TicketStatus } from '../model/enums'
import type { EscalationLevel } from '../model/tier'

/**
 * The words a person reads for the model's enum values. One list, shared by the diff sentences
 * (main) and the Tiers screen (renderer), so the history and the editor never disagree.
 */

export const metricLabels: Readonly<Record<SlaMetric, string>> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  periodicUpdate: 'periodic update',
  resolution: 'resolution',
}

export const statusLabels: Readonly<Record<TicketStatus, string>> = {
  new: 'new',
  open: 'open',
  'waiting-on-customer': 'waiting on customer',
  'waiting-on-third-party': 'waiting on third party',
  solved: 'solved',
  closed: 'closed',
}

export const channelLabels: Readonly<Record<Channel, string>> = {
  portal: 'portal',
  email: 'email',
  chat: 'chat',
  phone: 'phone',
  slack: 'Slack',
}

export const cadenceLabels: Readonly<Record<Cadence, string>> = {
  none: 'none',
  annual: 'annual',
  semiannual: 'twice a year',
  quarterly: 'quarterly',
  monthly: 'monthly',
}

export const escalationRoleLabels: Readonly<Record<EscalationLevel['role'], string>> = {
  'support-lead': 'support lead',
  'support-manager': 'support manager',
  'engineering-on-call': 'engineering on-call',
  tam: 'TAM',
  csm: 'CSM',
  'cs-manager': 'CS manager',
  'executive-sponsor': 'executive sponsor',
}

export const ownerRoleLabels: Readonly<Record<string, string>> = {
  csm: 'CSM',
  tam: 'TAM',
  'cs-manager': 'CS manager',
  'support-lead': 'support lead',
  customer: 'customer',
}

export const coverageLabels: Readonly<Record<string, string>> = {
  'business-hours': 'business hours',
  '24x7-critical': '24x7 for critical issues',
  '24x7': '24x7',
}

export const residencyLabels: Readonly<Record<string, string>> = {
  any: 'any region',
  us: 'US',
  eu: 'EU',
  uk: 'UK',
  apac: 'APAC',
  au: 'Australia',
  jp: 'Japan',
}

/** Whole hours when every value divides evenly, so "8 → 4 hours" reads in one unit. */
export function durationUnit(minutes: readonly number[]): 'hours' | 'minutes' {
  return minutes.every((m) => m >= 60 && m % 60 === 0) ? 'hours' : 'minutes'
}

export function formatDuration(minutes: number, unit = durationUnit([minutes])): string {
  if (unit === 'hours') {
    const hours = minutes / 60
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`
  }
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
}
