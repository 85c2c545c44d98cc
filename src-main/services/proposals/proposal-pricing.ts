import type { FieldIssue } from '@shared/ipc/errors'
import type { ProposalApproval } from '@shared/model/proposal'
import type { ProposalContent } from '@shared/model/proposal-content'
import { approvalCheck, type ApprovalCheck } from '@shared/proposals/approval'
import { contentIssues, pricingDraftOf } from '@shared/proposals/content-rules'
import type { PricingDraft } from '@shared/proposals/draft'
import { priceProposal, type PricedProposal } from '@shared/proposals/pricing'
import type { ProposalApprovalView } from '@shared/proposals/proposal-queries'
import { pricingIssues } from '@shared/proposals/validation'
import { withProrationCredit, type PricingFacts } from './proposal-facts'

/** A draft priced, or the issues that keep it from pricing; approval only for a priced one. */
export interface PricingOutcome {
  readonly draft: PricingDraft
  readonly priced: PricedProposal | null
  readonly issues: readonly FieldIssue[]
  readonly approval: ApprovalCheck | null
}

export function pricePricingDraft(raw: PricingDraft, facts: PricingFacts): PricingOutcome {
  const draft = withProrationCredit(raw, facts.account)
  const issues = pricingIssues(draft, facts.context)
  if (issues.length > 0) return { draft, priced: null, issues, approval: null }
  const priced = priceProposal(draft, facts.context)
  const approval = approvalCheck(draft, priced, { thresholdShare: facts.thresholdShare })
  return { draft, priced, issues: [], approval }
}

/**
 * A version's content with its proration credit recomputed, checked (`issues`: every rule of
 * content-rules.ts) and priced when its price inputs are valid.
 */
export function priceContent(
  content: ProposalContent,
  facts: PricingFacts,
  today: string,
): PricingOutcome & { readonly content: ProposalContent } {
  const draft = withProrationCredit(pricingDraftOf(content), facts.account)
  const pricing = { ...content.pricing, prorationCreditMinor: draft.prorationCreditMinor ?? 0 }
  const normalised: ProposalContent = { ...content, pricing }
  const issues = contentIssues(normalised, {
    pricing: facts.context,
    today,
    currentContractStart: facts.account.contractStart,
  })
  // Priced whenever the price inputs allow, so a stored offer that has run out still shows (and
  // exports) its figures; saving refuses any issue at all.
  if (pricingIssues(draft, facts.context).length > 0) {
    return { content: normalised, draft, priced: null, issues, approval: null }
  }
  const priced = priceProposal(draft, facts.context)
  const approval = approvalCheck(draft, priced, { thresholdShare: facts.thresholdShare })
  return { content: normalised, draft, priced, issues, approval }
}

/** The head's approval after a new version: approval is for a version, so a new one re-asks. */
export function approvalAfterSave(
  previous: ProposalApproval,
  check: ApprovalCheck,
): ProposalApproval {
  return {
    required: check.required,
    reasons: check.reasons.map((reason) => ({ ...reason })),
    // Kept as history: the version approved before stays named until another is approved.
    approvedById: previous.approvedById,
    approvedAt: previous.approvedAt,
    approvedVersion: previous.approvedVersion,
  }
}

export function approvalSatisfied(approval: ProposalApproval, currentVersion: number): boolean {
  return !approval.required || approval.approvedVersion === currentVersion
}

export function approvalView(
  approval: ProposalApproval,
  currentVersion: number,
  thresholdShare: number,
  approvedByName: string | null,
  check: ApprovalCheck | null,
): ProposalApprovalView {
  // A fresh check when the content prices (the threshold may have changed since the save).
  const required = check?.required ?? approval.required
  const reasons = check?.reasons ?? approval.reasons
  return {
    required,
    reasons,
    thresholdShare,
    satisfied: !required || approval.approvedVersion === currentVersion,
    approvedVersion: approval.approvedVersion,
    approvedById: approval.approvedById,
    approvedByName,
    approvedAt: approval.approvedAt,
  }
}
