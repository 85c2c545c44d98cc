import type { HandlerMap } from '../ipc/router'
import type { KpiService } from './kpi-service'

export function kpiHandlers(kpi: KpiService) {
  return {
    'kpi.portfolio': (input) => kpi.portfolio(input),
  } satisfies Partial<HandlerMap>
}
