import { DEFAULT_MIN_MET_SHARE, driftAudit, type ComplianceRow } from '@shared/engines'
import { complianceAccumulator } from '@shared/engines/compliance/compliance'
import type { DriftList, DriftRow } from '@shared/audit/audit-queries'
import type { DriftDifference } from '@shared/engines'
import {
  accountDataDependencies,
  type AccountDataSource,
  type BookData,
} from '../account-data/account-data'
import { keyOf, type EngineCache } from '../engines/engine-cache'
import { YIELD_EVERY, yieldToEventLoop } from '../account-data/yield'
import { measureLedger } from '../ledger/ledger-service'
import { clockTicket } from '../sla/measure'
import { periodStart } from '../sla/sla-service'

/** Running SLA clocks and "expected by now" move with time: recompute after this long. */
export const AUDIT_MAX_AGE_MS = 5 * 60_000

/**
 * SLA achieved per account: every ticket opened in the last `months` UTC months, measured on
 * its own tier version and the account's calendar (tickets that cannot be measured are left out).
 */
async function complianceByAccount(book: BookData, now: number, months: number) {
  const accumulator = complianceAccumulator('account', {
    from: periodStart(now, months),
    to: now + 1,
  })
  const measure = {
    versions: book.versions,
    calendars: book.calendars,
    atRiskShare: book.settings.slaAtRiskShare,
    now,
  }
  for (const [index, account] of book.accounts.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop()
    if (account.archived) continue
    for (const ticket of book.ticketsByAccount.get(account.id) ?? []) {
      const clocked = clockTicket(ticket, account, measure)
      if (!clocked.ok) continue
      accumulator.add({
        clocks: clocked.clocks,
        accountId: account.id,
        tierId: account.tierId,
        createdAt: Date.parse(ticket.createdAt),
      })
    }
  }
  return new Map<string, ComplianceRow>(accumulator.rows().map((row) => [row.key, row]))
}

const noCounts = (): Record<DriftDifference['kind'], number> => ({
  version: 0,
  'custom-term': 0,
  entitlement: 0,
  sla: 0,
})

export function createAuditService(
  engines: EngineCache,
  data: AccountDataSource,
  now: () => number = Date.now,
) {
  return {
    /** `audit.drift`: accounts whose terms, delivery, SLA or version depart from the tier today. */
    async drift(input: {
      readonly tierIds: readonly string[]
      readonly months: number
    }): Promise<DriftList> {
      return engines.get({
        engine: 'audit.drift',
        key: keyOf(input),
        dependsOn: accountDataDependencies,
        validUntil: (list) => Date.parse(list.asOf) + AUDIT_MAX_AGE_MS,
        compute: async () => {
          const at = now()
          const book = await data.book()
          const compliance = await complianceByAccount(book, at, input.months)
          const rows: DriftRow[] = []
          let accountsChecked = 0
          for (const account of book.accounts) {
            if (account.archived) continue
            if (input.tierIds.length > 0 && !input.tierIds.includes(account.tierId)) continue
            if (!book.versions.has(account.tierVersionId)) continue
            accountsChecked++
            const loaded = data.accountOf(book, account.id, at)
            const drift = driftAudit({
              account,
              signed: loaded.signedTier,
              current: loaded.currentTier ?? null,
              ledger: measureLedger(loaded, at),
              compliance: compliance.get(account.id) ?? null,
            })
            if (!drift.drifted) continue
            const counts = noCounts()
            for (const difference of drift.differences) counts[difference.kind]++
            rows.push({
              accountId: account.id,
              accountName: account.name,
              ownerId: account.ownerId,
              tierId: account.tierId,
              tierName: loaded.currentTier?.name ?? loaded.signedTier.name,
              arrReportingMinor: account.arrReportingMinor,
              signedVersionId: drift.signedVersionId,
              signedVersion: drift.signedVersion,
              currentVersion: drift.currentVersion,
              differences: drift.differences,
              counts,
            })
          }
          rows.sort(
            (a, b) =>
              b.differences.length - a.differences.length ||
              b.arrReportingMinor - a.arrReportingMinor ||
              (a.accountId < b.accountId ? -1 : 1),
          )
          return {
            asOf: new Date(at).toISOString(),
            rows,
            accountsChecked,
            minMetShare: DEFAULT_MIN_MET_SHARE,
          }
        },
      })
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
