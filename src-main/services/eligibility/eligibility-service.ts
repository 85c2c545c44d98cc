import { upgradeEligibility, type AccountEligibility } from '@shared/engines'
import type {
  EligibilityList,
  EligibilityRow,
  SignalView,
} from '@shared/eligibility/eligibility-queries'
import type { MeasuredTicket } from '@shared/engines'
import {
  accountDataDependencies,
  type AccountData,
  type AccountDataSource,
} from '../account-data/account-data'
import { keyOf, type EngineCache } from '../engines/engine-cache'
import { createInProcessBookRuns, type BookRuns } from '../engines/book-runs'
import { measureLedger } from '../ledger/ledger-service'
import { prepareTicket } from '../sla/measure'

/** Signals date themselves from the data, but windows (90 days, 3 months) slide: recompute hourly. */
export const ELIGIBILITY_MAX_AGE_MS = 60 * 60_000

/**
 * The eligibility engine on one account's documents. Tickets whose version or calendar is
 * missing cannot be replayed and are left out of the replay (they still are S1 tickets).
 */
export function measureEligibility(data: AccountData, now: number): AccountEligibility {
  const tickets: MeasuredTicket[] = []
  for (const ticket of data.tickets) {
    const prepared = prepareTicket(ticket, data.account, data.measure)
    if (prepared.ok) tickets.push(prepared.measured)
  }
  return upgradeEligibility({
    account: data.account,
    tier: data.signedTier,
    catalogue: data.catalogue,
    usage: data.usage,
    tickets,
    ledger: measureLedger(data, now),
    now,
    atRiskShare: data.settings.slaAtRiskShare,
  })
}

const signalView = (signal: AccountEligibility['signals'][number]): SignalView => ({
  id: signal.id,
  kind: signal.kind,
  title: signal.title,
  reasons: signal.reasons,
  summary: signal.summary,
  value: signal.value,
  evidence: signal.evidence,
  target: signal.target,
  firstSeenAt: new Date(signal.firstSeenAt).toISOString(),
})

/** `runs`: where the book-wide run is computed (the engine worker in the app; main by default). */
export function createEligibilityService(
  engines: EngineCache,
  data: AccountDataSource,
  now: () => number = Date.now,
  runs: BookRuns = createInProcessBookRuns(engines, data),
) {
  /** Every unarchived account's eligibility, computed once and shared by list and alerts. */
  async function book(): Promise<ReadonlyMap<string, AccountEligibility>> {
    const at = now()
    return engines.get({
      engine: 'eligibility.book',
      key: 'all',
      dependsOn: accountDataDependencies,
      validUntil: () => at + ELIGIBILITY_MAX_AGE_MS,
      compute: () => runs.run({ kind: 'eligibility.book', at }),
    })
  }

  return {
    book,

    /** `eligibility.list`: accounts with upgrade signals, largest ARR first. */
    async list(input: {
      readonly accountId?: string | undefined
      readonly tierIds: readonly string[]
      readonly kinds: readonly string[]
    }): Promise<EligibilityList> {
      return engines.get({
        engine: 'eligibility.list',
        key: keyOf(input),
        dependsOn: accountDataDependencies,
        validUntil: (list) => Date.parse(list.asOf) + ELIGIBILITY_MAX_AGE_MS,
        compute: async () => {
          const at = now()
          // One account: computed on its own (and the not-found error is the account's). The
          // whole book: from the book-wide run, so main reads no tickets for it.
          const loaded = input.accountId === undefined ? await data.people() : await data.book()
          const results =
            input.accountId === undefined
              ? await book()
              : new Map([
                  [
                    input.accountId,
                    measureEligibility(data.accountOf(await data.book(), input.accountId, at), at),
                  ],
                ])
          const rows: EligibilityRow[] = []
          let accountsChecked = 0
          for (const [accountId, eligibility] of results) {
            const account = loaded.accountsById.get(accountId)
            if (account === undefined) continue
            if (input.tierIds.length > 0 && !input.tierIds.includes(account.tierId)) continue
            accountsChecked++
            const signals = eligibility.signals.filter(
              (s) => input.kinds.length === 0 || input.kinds.includes(s.kind),
            )
            if (signals.length === 0) continue
            rows.push({
              accountId,
              accountName: account.name,
              ownerId: account.ownerId,
              tierId: account.tierId,
              tierName: eligibility.tierName,
              arrReportingMinor: account.arrReportingMinor,
              signals: signals.map(signalView),
              suggestedTarget: signals.reduce<AccountEligibility['suggestedTarget']>(
                (best, s) =>
                  s.target !== null && (best === null || s.target.rank > best.rank)
                    ? s.target
                    : best,
                null,
              ),
            })
          }
          rows.sort(
            (a, b) =>
              b.arrReportingMinor - a.arrReportingMinor || (a.accountId < b.accountId ? -1 : 1),
          )
          return { asOf: new Date(at).toISOString(), rows, accountsChecked }
        },
      })
    },
  }
}

export type EligibilityService = ReturnType<typeof createEligibilityService>
