import type { Alert } from '@shared/model/alert'
import { useMutate } from '../../app/ipc-hooks'
import { showUndoNotification } from '../../components/undo-notification'
import { notifyFailure, notifySuccess } from '../workspaces/notify'

/**
 * Done and snooze, each with Undo (reopen). Held by the page, not by a row: the row leaves the
 * inbox as soon as the alert is done or snoozed, and the Undo must outlive it.
 */
export function useAlertActions() {
  const done = useMutate('alerts.done')
  const snooze = useMutate('alerts.snooze')
  const reopen = useMutate('alerts.reopen')

  const offerUndo = (alert: Alert, title: string) =>
    showUndoNotification({
      id: `undo-alert-${alert.id}`,
      title,
      subject: alert.title,
      onUndo: () =>
        reopen.mutate(
          { id: alert.id },
          {
            onSuccess: () => notifySuccess('Back in your inbox', `“${alert.title}” is open again.`),
            onError: notifyFailure('Not reopened'),
          },
        ),
    })

  return {
    markDone: (alert: Alert) =>
      done.mutate(
        { id: alert.id },
        {
          onSuccess: () => offerUndo(alert, 'Marked done'),
          onError: notifyFailure('Not marked done'),
        },
      ),
    snooze: (alert: Alert, until: Date) =>
      snooze.mutate(
        { id: alert.id, until: until.toISOString() },
        {
          onSuccess: () => offerUndo(alert, `Snoozed until ${until.toLocaleString()}`),
          onError: notifyFailure('Not snoozed'),
        },
      ),
    /** The alert whose done or snooze is being written, for its row's spinner. */
    pendingDone: done.isPending ? done.variables.id : null,
    pendingSnooze: snooze.isPending ? snooze.variables.id : null,
  }
}

export type AlertActions = ReturnType<typeof useAlertActions>
