import type { Account } from '../model/account'
import type { ProposalContent, ProposalEvidenceItem } from '../model/proposal-content'
import type { Tier } from '../model/tier'
import { addDays } from './dates'
import type { DraftLine } from './draft'
import type { PricedTier } from './price-book'

/**
 * A new proposal's first version, from what the workspace knows: the target tier's price book
 * (seats at the account's seat count — at least the book's minimum —, the platform fee), a 12-month term starting at the
 * renewal date if it is still ahead (else today), the evidence gathered for it, and a value
 * story whose situation lists that evidence for the CSM to edit.
 */

/** How long a new offer stands. */
export const OFFER_VALID_DAYS = 30

export function startContent(input: {
  readonly account: Pick<Account, 'name' | 'seats' | 'renewalDate' | 'arr'>
  readonly currentTier: Pick<Tier, 'name' | 'rank'>
  readonly targetTier: PricedTier
  readonly evidence: readonly ProposalEvidenceItem[]
  readonly today: string
}): ProposalContent {
  const { account, currentTier, targetTier, today } = input
  const currency = targetTier.definition.prices.some((p) => p.currency === account.arr.currency)
    ? account.arr.currency
    : (targetTier.definition.prices[0]?.currency ?? account.arr.currency)
  // The book sells at least its minimum seats; fewer would need a manager's approval.
  const minimumSeats =
    targetTier.definition.prices.find((price) => price.currency === currency)?.minimumSeats ?? 0
  const lines: DraftLine[] = [
    { kind: 'seats', quantity: Math.max(account.seats, minimumSeats) },
    { kind: 'platform-fee' },
  ]
  const downgrade = targetTier.rank < currentTier.rank
  const situation = input.evidence.map((item) => `- ${item.summary}`).join('\n')
  return {
    title: `${targetTier.name} support for ${account.name}`,
    targetTierId: targetTier.tierId,
    targetTierVersionId: targetTier.id,
    // A downgrade needs the CSM's reason; an empty one keeps the draft from being saved as is.
    downgradeReason: downgrade ? '' : null,
    pricing: {
      currency,
      startDate: account.renewalDate > today ? account.renewalDate : today,
      termMonths: 12,
      lines,
      discount: null,
    },
    valueStory: {
      situation,
      impact: '',
      change: `Moving from ${currentTier.name} to ${targetTier.name}.`,
      outcomes: '',
    },
    caseStudyIds: [],
    evidence: [...input.evidence],
    validUntil: addDays(today, OFFER_VALID_DAYS),
  }
}
