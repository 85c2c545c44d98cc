import type { HandlerMap } from '../ipc/router'
import type { LedgerLog } from './ledger-log'

export function ledgerLogHandlers(ledgerLog: LedgerLog) {
  return {
    'ledger.log': (input) => ledgerLog.log(input),
  } satisfies Partial<HandlerMap>
}
