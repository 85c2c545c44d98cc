import type { Proposal } from '../model/proposal'
import type { ProposalContent } from '../model/proposal-content'
import type { DraftLine } from './draft'

/**
 * The content of a proposal migrated from v0 and not saved since (`currentVersion` 0): its
 * kept `legacy` fields read as a version, so it can be shown, priced, compared and saved as
 * version 1 like any other. v0 priced one year from list lines: the seats line carried the
 * price per seat and month, the platform-fee line (its label says so) the annual fee.
 */
export function legacyContent(head: Proposal): ProposalContent | null {
  const legacy = head.legacy
  if (legacy === null) return null
  const lines: DraftLine[] = legacy.lines.map((line) =>
    /platform/i.test(line.label)
      ? { kind: 'platform-fee', unitPriceMinor: line.unitPriceMinor }
      : { kind: 'seats', quantity: legacy.seats, unitPriceMinor: line.unitPriceMinor },
  )
  return {
    title: head.title,
    targetTierId: head.toTierId,
    targetTierVersionId: head.toTierVersionId,
    downgradeReason: null,
    pricing: {
      currency: head.currency,
      startDate: head.createdAt.slice(0, 10),
      termMonths: 12,
      lines,
      discount: legacy.discountShare > 0 ? { kind: 'percent', share: legacy.discountShare } : null,
    },
    valueStory: { situation: legacy.rationaleMarkdown, impact: '', change: '', outcomes: '' },
    caseStudyIds: [],
    evidence: legacy.evidence.map((item) => ({
      kind: item.kind,
      summary: item.summary,
      figures: item.value === null ? [] : [{ label: 'Value', value: item.value, unit: '' }],
      ticketIds: [],
    })),
    validUntil: legacy.validUntil,
  }
}
