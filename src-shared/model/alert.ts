import { z } from 'zod'
import { defineCollection } from './collection'
import {
  actorSchema,
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  markdownSchema,
} from './primitives'

export const alertKindSchema = z.enum([
  'sla-at-risk',
  'sla-breach',
  'escalation',
  'renewal',
  'health-drop',
  'upgrade-signal',
  'entitlement-overuse',
  'reminder',
])

export const alertStatusSchema = z.enum(['open', 'snoozed', 'done', 'dismissed'])

/**
 * Alerts (raised by engines) and reminders (set by people) share one collection: both are
 * "something about this account needs you by `dueAt`", go through the same open → snoozed →
 * done/dismissed lifecycle and fill the same inbox. Both are always about an account.
 */
export const alertSchema = z
  .strictObject({
    id: idSchema,
    accountId: idSchema,
    kind: alertKindSchema,
    status: alertStatusSchema,
    severity: z.enum(['info', 'warning', 'critical']),
    title: labelSchema(200),
    bodyMarkdown: markdownSchema,
    raisedAt: isoDateTimeSchema,
    dueAt: isoDateTimeSchema,
    snoozedUntil: isoDateTimeSchema.nullable(),
    resolvedAt: isoDateTimeSchema.nullable(),
    assigneeId: idSchema,
    /** The user who set a reminder, or the engine that raised an alert. */
    raisedBy: actorSchema,
    /** The document the alert is about, beyond the account (a ticket, a proposal…). */
    source: z
      .strictObject({
        collection: z.enum([
          'tickets',
          'usageSnapshots',
          'ledgerEntries',
          'proposals',
          'activities',
        ]),
        id: idSchema,
      })
      .nullable(),
    ...documentMetaShape,
  })
  .superRefine((alert, ctx) => {
    if ((alert.status === 'snoozed') !== (alert.snoozedUntil !== null)) {
      ctx.addIssue({ code: 'custom', path: ['snoozedUntil'], message: 'set exactly when snoozed' })
    }
    const closed = alert.status === 'done' || alert.status === 'dismissed'
    if (closed !== (alert.resolvedAt !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'set exactly when done or dismissed',
      })
    }
  })

export const alertsCollection = defineCollection({
  name: 'alerts',
  description: 'Alerts raised by engines and reminders set by people, with a due time.',
  schema: alertSchema,
  version: 0,
  indexes: [
    // Inbox: open alerts by due time.
    ['status', 'dueAt'],
    // My inbox.
    ['assigneeId', 'status', 'dueAt'],
    // Account screen: its open alerts.
    ['accountId', 'status'],
  ],
})

export type AlertKind = z.infer<typeof alertKindSchema>
export type AlertStatus = z.infer<typeof alertStatusSchema>
export type Alert = Readonly<z.infer<typeof alertSchema>>
