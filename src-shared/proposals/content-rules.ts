import type { FieldIssue } from '../ipc/errors'
import type { ProposalContent } from '../model/proposal-content'
import type { PricingDraft } from './draft'
import type { PricingContext } from './validation'
import { pricingIssues } from './validation'

/**
 * The checks on a version's content a person can fix in the builder, each naming its field by
 * the dotted path inside the save input (`content.pricing.lines.0.quantity`). A version with
 * any of them is not saved, so an invalid version never exists.
 */

/** The pricing form's draft: the version's pricing with the content's downgrade reason. */
export function pricingDraftOf(
  content: Pick<ProposalContent, 'pricing' | 'downgradeReason'>,
): PricingDraft {
  return { ...content.pricing, downgradeReason: content.downgradeReason }
}

export interface ContentContext {
  readonly pricing: PricingContext
  /** Today as an ISO date: an offer cannot already have run out. */
  readonly today: string
  /** First day of the account's current contract: the new one cannot start before it. */
  readonly currentContractStart: string
}

export function contentIssues(content: ProposalContent, context: ContentContext): FieldIssue[] {
  const issues: FieldIssue[] = pricingIssues(pricingDraftOf(content), context.pricing).map(
    (issue) => ({
      field:
        issue.field === 'downgradeReason'
          ? 'content.downgradeReason'
          : `content.pricing.${issue.field}`,
      message: issue.message,
    }),
  )
  if (content.validUntil < context.today) {
    issues.push({
      field: 'content.validUntil',
      message: `Valid until (${content.validUntil}) is before today (${context.today})`,
    })
  }
  if (content.pricing.startDate < context.currentContractStart) {
    issues.push({
      field: 'content.pricing.startDate',
      message: `Start date must be on or after the current contract’s start, ${context.currentContractStart}`,
    })
  }
  if (content.title.trim() === '') {
    issues.push({ field: 'content.title', message: 'Give the proposal a title' })
  }
  const seen = new Set<string>()
  content.caseStudyIds.forEach((id, index) => {
    if (seen.has(id)) {
      issues.push({
        field: `content.caseStudyIds.${index}`,
        message: 'This case study is in twice',
      })
    }
    seen.add(id)
  })
  return issues
}
