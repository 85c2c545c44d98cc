import type { HandlerMap } from '../ipc/router'
import type { AlertsRepository } from './alerts-repository'

export function alertHandlers(alerts: AlertsRepository) {
  return {
    'alerts.list': (input) => alerts.list(input),
    'alerts.count': () => alerts.count(),
    'alerts.snooze': (input) => alerts.snooze(input),
    'alerts.done': ({ id }) => alerts.done(id),
    'alerts.reopen': ({ id }) => alerts.reopen(id),
  } satisfies Partial<HandlerMap>
}
