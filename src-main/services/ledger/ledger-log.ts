import { TierlineError } from '@shared/ipc/errors'
import { logLedgerUsageInput, type LogLedgerUsageInput } from '@shared/ledger/ledger-log'
import { newId as defaultNewId } from '@shared/model/ids'
import type { LedgerEntry } from '@shared/model/ledger'
import { validateDocument } from '@shared/model/validate'
import type { TierlineDatabase } from '../../db/workspace-store'
import { parseInput } from '../activities/parse-input'
import type { CurrentUserSource } from '../session/current-user'

/**
 * `ledger.log`: the current user records delivered premium resources (TAM hours, a review, a
 * session, a health check) as one consumption entry in this month. A local write, so it works
 * offline; the ledger engine (`ledger.forAccount`) counts it on its next read.
 */
export function createLedgerLog(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly currentUser: CurrentUserSource
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId
  return {
    async log(input: LogLedgerUsageInput): Promise<LedgerEntry> {
      const usage = parseInput(logLedgerUsageInput, input, 'usage entry')
      const db = await options.rx()
      if ((await db.accounts.findOne(usage.accountId).exec()) === null) {
        throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
          id: usage.accountId,
        })
      }
      if (usage.activityId !== null) {
        const activity = await db.activities.findOne(usage.activityId).exec()
        if (activity === null || activity.accountId !== usage.accountId) {
          throw new TierlineError('validation', 'The linked activity is not on this account.', {
            issues: [{ field: 'activityId', message: 'must be an activity of this account' }],
          })
        }
      }
      const me = (await options.currentUser.current()).id
      const at = now().toISOString()
      const checked = validateDocument('ledgerEntries', {
        id: newId(),
        accountId: usage.accountId,
        entitlement: usage.entitlement,
        kind: 'consumption',
        quantity: usage.quantity,
        // Booked in the month it was delivered (UTC), which is what the ledger periods count.
        period: at.slice(0, 7),
        occurredAt: at,
        description: usage.description,
        deliveredById: me,
        activityId: usage.activityId,
        updatedAt: at,
        updatedBy: me,
      } satisfies LedgerEntry)
      if (!checked.ok) throw checked.error
      const stored = await db.ledgerEntries.insert(checked.value)
      return stored.toJSON() as LedgerEntry
    },
  }
}

export type LedgerLog = ReturnType<typeof createLedgerLog>
