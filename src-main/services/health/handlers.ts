import type { HandlerMap } from '../ipc/router'
import type { HealthService } from './health-service'

export function healthHandlers(health: HealthService) {
  return {
    'health.forAccount': (input) => health.forAccount(input),
  } satisfies Partial<HandlerMap>
}
