import type { HandlerMap } from '../ipc/router'
import type { AlertsRefresh } from './alerts-refresh'

export function alertsRefreshHandlers(refresh: AlertsRefresh) {
  return {
    'alerts.refresh': () => refresh.refresh(),
  } satisfies Partial<HandlerMap>
}
