import { entitlementLedger, type AccountLedger } from '@shared/engines'
import type { AccountLedgerView } from '@shared/ledger/ledger-queries'
import type { CollectionName } from '@shared/model/registry'
import type { AccountData, AccountDataSource } from '../account-data/account-data'
import { keyOf, type EngineCache } from '../engines/engine-cache'

/** What a ledger is derived from: the account (terms, dates), its tier version, entries, QBRs. */
export const ledgerDependencies: readonly CollectionName[] = [
  'accounts',
  'tiers',
  'ledgerEntries',
  'activities',
]

/** "Expected by now" and the current month move with the calendar: recompute hourly. */
export const LEDGER_MAX_AGE_MS = 60 * 60_000

/** The ledger engine on one account's documents, against the version it signed. */
export function measureLedger(data: AccountData, now: number, months = 12): AccountLedger {
  return entitlementLedger({
    account: data.account,
    tier: data.signedTier,
    entries: data.ledger,
    activities: data.activities,
    now,
    months,
  })
}

export function createLedgerService(
  engines: EngineCache,
  data: AccountDataSource,
  now: () => number = Date.now,
) {
  return {
    /** `ledger.forAccount`: consumed vs entitled per period, with over- and under-use flags. */
    async forAccount(input: {
      readonly accountId: string
      readonly months: number
    }): Promise<AccountLedgerView> {
      return engines.get({
        engine: 'ledger.forAccount',
        key: keyOf(input),
        dependsOn: ledgerDependencies,
        validUntil: (view) => Date.parse(view.asOf) + LEDGER_MAX_AGE_MS,
        compute: async () => {
          const at = now()
          const account = await data.account(input.accountId, at)
          const ledger = measureLedger(account, at, input.months)
          return {
            accountId: ledger.accountId,
            tierVersionId: ledger.tierVersionId,
            tierName: account.signedTier.name,
            tierVersion: account.signedTier.version,
            asOf: new Date(at).toISOString(),
            lines: ledger.lines,
            overCount: ledger.over.length,
            underCount: ledger.under.length,
          }
        },
      })
    },
  }
}

export type LedgerService = ReturnType<typeof createLedgerService>
