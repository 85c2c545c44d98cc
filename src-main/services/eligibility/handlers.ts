import type { HandlerMap } from '../ipc/router'
import type { EligibilityService } from './eligibility-service'

export function eligibilityHandlers(eligibility: EligibilityService) {
  return {
    'eligibility.list': (input) => eligibility.list(input),
  } satisfies Partial<HandlerMap>
}
