import type { HandlerMap } from '../ipc/router'
import type { AuditService } from './audit-service'

export function auditHandlers(audit: AuditService) {
  return {
    'audit.drift': (input) => audit.drift(input),
  } satisfies Partial<HandlerMap>
}
