import { z } from 'zod'
import type { Alert, AlertKind } from '../model/alert'
import { idSchema, isoDateTimeSchema } from '../model/primitives'

/** The inbox's tabs: what kind of attention an alert asks for. */
export const alertGroups = ['risk', 'upgrade', 'check-in'] as const
export type AlertGroup = (typeof alertGroups)[number]

const groupOfKind: Readonly<Record<AlertKind, AlertGroup>> = {
  'sla-at-risk': 'risk',
  'sla-breach': 'risk',
  escalation: 'risk',
  renewal: 'risk',
  'health-drop': 'risk',
  'upgrade-signal': 'upgrade',
  'entitlement-overuse': 'upgrade',
  reminder: 'check-in',
}

export function alertGroupOf(kind: AlertKind): AlertGroup {
  return groupOfKind[kind]
}

/** Open alerts, and snoozed ones whose snooze has run out: they are back in the inbox. */
export function isInInbox(alert: Pick<Alert, 'status' | 'snoozedUntil'>, now: Date): boolean {
  if (alert.status === 'open') return true
  return (
    alert.status === 'snoozed' &&
    alert.snoozedUntil !== null &&
    Date.parse(alert.snoozedUntil) <= now.getTime()
  )
}

const severityOrder = { critical: 0, warning: 1, info: 2 } as const

/** Most urgent first: earliest due, then the most severe, then the oldest raised. */
export function compareInboxAlerts(
  a: Pick<Alert, 'dueAt' | 'severity' | 'raisedAt' | 'id'>,
  b: Pick<Alert, 'dueAt' | 'severity' | 'raisedAt' | 'id'>,
): number {
  if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt ? -1 : 1
  const severity = severityOrder[a.severity] - severityOrder[b.severity]
  if (severity !== 0) return severity
  if (a.raisedAt !== b.raisedAt) return a.raisedAt < b.raisedAt ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export const alertsListInput = z.strictObject({
  group: z.enum(['all', ...alertGroups]).default('all'),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(200).default(50),
})

export const snoozeAlertInput = z.strictObject({
  id: idSchema,
  /** When the alert comes back; must be in the future. */
  until: isoDateTimeSchema,
})

export const alertRefInput = z.strictObject({ id: idSchema })

export type AlertsListInput = z.input<typeof alertsListInput>

export interface InboxAlert {
  readonly alert: Alert
  readonly group: AlertGroup
  readonly accountName: string
  /** Due before the time the inbox was read. */
  readonly overdue: boolean
}

export interface AlertInbox {
  readonly alerts: readonly InboxAlert[]
  /** Alerts in the selected group (before paging). */
  readonly total: number
  readonly counts: Readonly<Record<'all' | AlertGroup, number>>
}

export interface InboxCount {
  readonly open: number
}
