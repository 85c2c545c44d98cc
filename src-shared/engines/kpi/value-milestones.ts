import type { Account } from '../../model/account'
import type { UsageSnapshot } from '../../model/usage'
import type { ValueMilestone } from './portfolio'

/** Active users over contracted seats at which an account counts as getting value. */
export const DEFAULT_ADOPTION_SHARE = 0.5

type MilestoneAccount = Pick<Account, 'id' | 'tierId' | 'customerSince' | 'archived'>
type MilestoneSnapshot = Pick<
  UsageSnapshot,
  'accountId' | 'month' | 'capturedAt' | 'activeUsers' | 'seatsContracted'
>

/**
 * Each account's first value milestone, for time-to-value by tier. The model has no milestone
 * field, so the milestone is read from usage: the first month, at or after the customer's
 * start, in which active users reach `adoptionShare` of the contracted seats; its date is when
 * that month's snapshot was captured. Only accounts whose start falls inside their usage
 * history are measured (for an older customer the first months were never recorded, so its
 * time to value is unknown, not zero); archived accounts are left out.
 */
export function valueMilestones(
  accounts: readonly MilestoneAccount[],
  snapshots: readonly MilestoneSnapshot[],
  adoptionShare: number = DEFAULT_ADOPTION_SHARE,
): ValueMilestone[] {
  const byAccount = new Map<string, MilestoneSnapshot[]>()
  for (const snapshot of snapshots) {
    const list = byAccount.get(snapshot.accountId) ?? []
    list.push(snapshot)
    byAccount.set(snapshot.accountId, list)
  }
  const rows: ValueMilestone[] = []
  for (const account of accounts) {
    if (account.archived) continue
    const months = (byAccount.get(account.id) ?? []).sort((a, b) => a.month.localeCompare(b.month))
    const startMonth = account.customerSince.slice(0, 7)
    const firstRecorded = months[0]
    if (firstRecorded === undefined || firstRecorded.month > startMonth) continue
    const reached = months.find(
      (snapshot) =>
        snapshot.month >= startMonth &&
        snapshot.seatsContracted > 0 &&
        snapshot.activeUsers >= adoptionShare * snapshot.seatsContracted,
    )
    const firstValue =
      reached === undefined
        ? null
        : // Captured before the start (same month): value on the first day.
          reached.capturedAt.slice(0, 10) < account.customerSince
          ? account.customerSince
          : reached.capturedAt.slice(0, 10)
    rows.push({ tierId: account.tierId, start: account.customerSince, firstValue })
  }
  return rows
}
