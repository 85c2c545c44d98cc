import { z } from 'zod'
import type { LedgerLine } from '../engines/ledger/ledger'
import { idSchema } from '../model/primitives'

/** Read model of `ledger.forAccount`: the ledger engine's lines, as they are (dates, no instants). */

export const ledgerAccountInput = z.strictObject({
  accountId: idSchema,
  /** Months of TAM-hour lines, the current month included. */
  months: z.int().min(1).max(36).default(12),
})

export type LedgerAccountInput = z.input<typeof ledgerAccountInput>

export interface AccountLedgerView {
  readonly accountId: string
  /** The version the account signed, whose entitlements (or custom terms) the lines use. */
  readonly tierVersionId: string
  readonly tierName: string
  readonly tierVersion: number
  readonly asOf: string
  readonly lines: readonly LedgerLine[]
  readonly overCount: number
  readonly underCount: number
}
