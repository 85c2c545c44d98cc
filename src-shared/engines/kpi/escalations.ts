import type { Severity } from '../../model/enums'
import type { Ticket } from '../../model/ticket'

export interface OpenEscalations {
  /** The tier of the account, today (escalations are worked under the current contract). */
  readonly tierId: string
  readonly tickets: number
  readonly accounts: number
  readonly bySeverity: Readonly<Record<Severity, number>>
}

const open = new Set(['new', 'open', 'waiting-on-customer', 'waiting-on-third-party'])

/**
 * Open escalations: tickets not solved or closed that have engaged at least level 1 of their
 * tier's escalation path (`escalationLevel`, derived from the history's escalation notes), by
 * the account's tier. Tickets of unknown accounts are left out.
 */
export function openEscalations(
  tickets: readonly Pick<Ticket, 'accountId' | 'status' | 'severity' | 'escalationLevel'>[],
  tierOfAccount: ReadonlyMap<string, string>,
): {
  readonly byTier: readonly OpenEscalations[]
  readonly total: Omit<OpenEscalations, 'tierId'>
} {
  const tiers = new Map<
    string,
    { tickets: number; accounts: Set<string>; bySeverity: Record<Severity, number> }
  >()
  const empty = () => ({ S1: 0, S2: 0, S3: 0, S4: 0 })
  for (const ticket of tickets) {
    if (ticket.escalationLevel < 1 || !open.has(ticket.status)) continue
    const tierId = tierOfAccount.get(ticket.accountId)
    if (tierId === undefined) continue
    const tier = tiers.get(tierId) ?? {
      tickets: 0,
      accounts: new Set<string>(),
      bySeverity: empty(),
    }
    tier.tickets++
    tier.accounts.add(ticket.accountId)
    tier.bySeverity[ticket.severity]++
    tiers.set(tierId, tier)
  }
  const byTier = [...tiers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tierId, t]) => ({
      tierId,
      tickets: t.tickets,
      accounts: t.accounts.size,
      bySeverity: { ...t.bySeverity },
    }))
  const bySeverity = empty()
  for (const tier of byTier)
    for (const s of ['S1', 'S2', 'S3', 'S4'] as const) bySeverity[s] += tier.bySeverity[s]
  return {
    byTier,
    total: {
      tickets: byTier.reduce((sum, t) => sum + t.tickets, 0),
      accounts: byTier.reduce((sum, t) => sum + t.accounts, 0),
      bySeverity,
    },
  }
}
