import type { RxDocument } from 'rxdb'
import type { z } from 'zod'
import {
  alertGroupOf,
  compareInboxAlerts,
  isInInbox,
  type AlertInbox,
  type alertsListInput,
  type InboxAlert,
  type InboxCount,
  type snoozeAlertInput,
} from '@shared/alerts/inbox'
import { TierlineError } from '@shared/ipc/errors'
import type { Alert } from '@shared/model/alert'
import { validateDocument } from '@shared/model/validate'
import type { TierlineDatabase } from '../../db/workspace-store'

export interface AlertActorSource {
  current(): Promise<{ readonly id: string }>
}

/**
 * The alerts inbox. The engines raise alerts into the same collection; this only reads them and
 * moves them through their lifecycle (snoozed, done), validating each change against the model
 * so a refused change leaves the alert as it was.
 */
export function createAlertsRepository(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly actor: AlertActorSource
  readonly now?: () => Date
}) {
  const now = options.now ?? (() => new Date())

  async function inbox(db: TierlineDatabase): Promise<Alert[]> {
    const docs = await db.alerts.find({ selector: { status: { $in: ['open', 'snoozed'] } } }).exec()
    const at = now()
    return docs
      .map((doc) => doc.toJSON() as Alert)
      .filter((alert) => isInInbox(alert, at))
      .sort(compareInboxAlerts)
  }

  async function change(
    id: string,
    verb: string,
    next: (alert: Alert, at: string, me: string) => Alert,
  ): Promise<Alert> {
    const db = await options.rx()
    const doc = await db.alerts.findOne(id).exec()
    if (doc === null) {
      throw new TierlineError('not-found', 'This alert does not exist in this workspace.', { id })
    }
    const alert = doc.toJSON() as Alert
    if (alert.status === 'done' || alert.status === 'dismissed') {
      throw new TierlineError(
        'conflict',
        `This alert is already ${alert.status}; it cannot be ${verb}.`,
        {
          id,
          status: alert.status,
        },
      )
    }
    const me = (await options.actor.current()).id
    const result = validateDocument('alerts', next(alert, now().toISOString(), me))
    if (!result.ok) throw result.error
    const updated = result.value
    await (doc as unknown as RxDocument<Alert>).incrementalPatch({
      status: updated.status,
      snoozedUntil: updated.snoozedUntil,
      resolvedAt: updated.resolvedAt,
      updatedAt: updated.updatedAt,
      updatedBy: updated.updatedBy,
    })
    return updated
  }

  return {
    async list(input: z.output<typeof alertsListInput>): Promise<AlertInbox> {
      const db = await options.rx()
      const all = await inbox(db)
      const counts = { all: all.length, risk: 0, upgrade: 0, 'check-in': 0 }
      for (const alert of all) counts[alertGroupOf(alert.kind)]++
      const selected =
        input.group === 'all'
          ? all
          : all.filter((alert) => alertGroupOf(alert.kind) === input.group)
      const page = selected.slice(input.offset, input.offset + input.limit)
      const accounts = await db.accounts
        .findByIds([...new Set(page.map((a) => a.accountId))])
        .exec()
      return {
        alerts: page.map((alert): InboxAlert => ({
          alert,
          group: alertGroupOf(alert.kind),
          accountName: accounts.get(alert.accountId)?.name ?? 'Unknown account',
          overdue: Date.parse(alert.dueAt) < now().getTime(),
        })),
        total: selected.length,
        counts,
      }
    },

    async count(): Promise<InboxCount> {
      return { open: (await inbox(await options.rx())).length }
    },

    async snooze(input: z.output<typeof snoozeAlertInput>): Promise<Alert> {
      if (Date.parse(input.until) <= now().getTime()) {
        throw new TierlineError('validation', 'Invalid snooze: until: must be in the future', {
          issues: [{ field: 'until', message: 'must be in the future' }],
        })
      }
      return change(input.id, 'snoozed', (alert, at, me) => ({
        ...alert,
        status: 'snoozed',
        snoozedUntil: input.until,
        updatedAt: at,
        updatedBy: me,
      }))
    },

    /**
     * Undo of done, snooze or dismiss: the alert is open again. The alerts refresh keeps what
     * people decided about an alert, so a reopened alert stays open until someone acts on it.
     */
    async reopen(id: string): Promise<Alert> {
      const db = await options.rx()
      const doc = await db.alerts.findOne(id).exec()
      if (doc === null) {
        throw new TierlineError('not-found', 'This alert does not exist in this workspace.', { id })
      }
      const alert = doc.toJSON() as Alert
      if (alert.status === 'open') return alert
      const me = (await options.actor.current()).id
      const reopened: Alert = {
        ...alert,
        status: 'open',
        snoozedUntil: null,
        resolvedAt: null,
        updatedAt: now().toISOString(),
        updatedBy: me,
      }
      const result = validateDocument('alerts', reopened)
      if (!result.ok) throw result.error
      await (doc as unknown as RxDocument<Alert>).incrementalPatch({
        status: 'open',
        snoozedUntil: null,
        resolvedAt: null,
        updatedAt: reopened.updatedAt,
        updatedBy: me,
      })
      return result.value
    },

    async done(id: string): Promise<Alert> {
      return change(id, 'marked done', (alert, at, me) => ({
        ...alert,
        status: 'done',
        snoozedUntil: null,
        resolvedAt: at,
        updatedAt: at,
        updatedBy: me,
      }))
    },
  }
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>
