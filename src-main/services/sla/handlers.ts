import type { HandlerMap } from '../ipc/router'
import type { SlaService } from './sla-service'

export function slaHandlers(sla: SlaService) {
  return {
    'sla.forTicket': ({ ticketId }) => sla.forTicket(ticketId),
    'sla.forAccount': (input) => sla.forAccount(input),
    'sla.replay': (input) => sla.replay(input),
  } satisfies Partial<HandlerMap>
}
