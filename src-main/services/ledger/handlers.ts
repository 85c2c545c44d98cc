import type { HandlerMap } from '../ipc/router'
import type { LedgerService } from './ledger-service'

export function ledgerHandlers(ledger: LedgerService) {
  return {
    'ledger.forAccount': (input) => ledger.forAccount(input),
  } satisfies Partial<HandlerMap>
}
