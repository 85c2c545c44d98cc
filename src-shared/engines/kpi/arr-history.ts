import type { Account } from '../../model/account'
import type { Proposal } from '../../model/proposal'
import type { Tier } from '../../model/tier'
import type { WorkspaceSettings } from '../../model/workspace-settings'
import type { RetentionRow } from './portfolio'
import { toReportingMinor } from './reporting-money'

type CohortAccount = Pick<
  Account,
  'id' | 'tierId' | 'arrReportingMinor' | 'customerSince' | 'archived' | 'lifecycleStage'
>
type CohortProposal = Pick<
  Proposal,
  | 'accountId'
  | 'status'
  | 'decidedAt'
  | 'fromTierVersionId'
  | 'currency'
  | 'totalAnnualMinor'
  | 'currentAnnualMinor'
>

export interface RetentionCohortInput {
  readonly accounts: readonly CohortAccount[]
  readonly proposals: readonly CohortProposal[]
  /** Tier versions by id, to find the tier an upgraded account started the period on. */
  readonly versions: ReadonlyMap<string, Pick<Tier, 'tierId'>>
  /** ISO dates, `from` inclusive, `to` inclusive (the period's last day). */
  readonly period: { readonly from: string; readonly to: string }
  readonly settings: Pick<WorkspaceSettings, 'reportingCurrency' | 'fxRates'>
}

/**
 * The retention cohort of a period, reconstructed from what the model records — it keeps no ARR
 * history, only today's ARR and the events that changed it:
 * - the cohort is the accounts that were customers when the period began (`customerSince`
 *   before `from`); logos signed during the period are not in it;
 * - ARR at the end is today's `arrReportingMinor`, or 0 for an archived or churned account
 *   (churn is the only way the model records ARR leaving);
 * - ARR at the start is the end ARR (for a churned account its last recorded ARR) less the
 *   change of every tier proposal accepted during the period: `totalAnnualMinor −
 *   currentAnnualMinor`, converted to the reporting currency. An accepted downgrade (a
 *   negative change) is contraction the same way;
 * - the starting tier is the `fromTierVersionId` tier of the first proposal accepted in the
 *   period, else today's tier.
 * Seat changes without a proposal are not recorded anywhere and so cannot be counted.
 */
export function retentionCohort(input: Readonly<RetentionCohortInput>): RetentionRow[] {
  const { from, to } = input.period
  const accepted = new Map<string, CohortProposal[]>()
  for (const proposal of input.proposals) {
    if (proposal.status !== 'accepted' || proposal.decidedAt === null) continue
    const day = proposal.decidedAt.slice(0, 10)
    if (day < from || day > to) continue
    const list = accepted.get(proposal.accountId) ?? []
    list.push(proposal)
    accepted.set(proposal.accountId, list)
  }
  const rows: RetentionRow[] = []
  for (const account of input.accounts) {
    if (account.customerSince >= from) continue
    const churned = account.archived || account.lifecycleStage === 'churned'
    const proposals = (accepted.get(account.id) ?? []).sort((a, b) =>
      (a.decidedAt ?? '').localeCompare(b.decidedAt ?? ''),
    )
    let change = 0
    for (const proposal of proposals) {
      const delta = toReportingMinor(
        proposal.totalAnnualMinor - proposal.currentAnnualMinor,
        proposal.currency,
        input.settings,
      )
      change += delta ?? 0
    }
    const first = proposals[0]
    const tierId =
      first === undefined
        ? account.tierId
        : (input.versions.get(first.fromTierVersionId)?.tierId ?? account.tierId)
    const startArrMinor = Math.max(0, account.arrReportingMinor - change)
    rows.push({ tierId, startArrMinor, endArrMinor: churned ? 0 : account.arrReportingMinor })
  }
  return rows
}
