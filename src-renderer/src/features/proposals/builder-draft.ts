import type { FieldIssue } from '@shared/ipc/errors'
import type {
  ProposalContent,
  ProposalEvidenceItem,
  ValueStory,
} from '@shared/model/proposal-content'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import { draftOfForm, formOfDraft, type PricingDraftInput, type PricingForm } from './pricing-form'

/**
 * What the builder holds between saves: the next version's content as the form shows it.
 * `baseVersion` is the version it started from, which `proposals.save` checks is still current.
 */
export interface BuilderDraft {
  baseVersion: number
  title: string
  targetTierId: string
  targetTierVersionId: string
  downgradeReason: string
  validUntil: string
  pricing: PricingForm
  valueStory: ValueStory
  caseStudyIds: string[]
  evidence: ProposalEvidenceItem[]
}

export type UpdateDraft = (change: (draft: BuilderDraft) => void) => void

export function builderDraftOf(detail: ProposalDetail, locale: string): BuilderDraft {
  const { content } = detail
  return {
    baseVersion: detail.head.currentVersion,
    title: content.title,
    targetTierId: content.targetTierId,
    targetTierVersionId: content.targetTierVersionId,
    downgradeReason: content.downgradeReason ?? '',
    validUntil: content.validUntil,
    pricing: formOfDraft({ ...content.pricing, downgradeReason: null }, locale),
    valueStory: { ...content.valueStory },
    caseStudyIds: [...content.caseStudyIds],
    evidence: structuredClone([...content.evidence]),
  }
}

export interface DraftReading {
  /** What `proposals.save` would store. */
  readonly content: ProposalContent
  /** What `proposals.preview` prices (it checks the downgrade reason with the pricing). */
  readonly pricing: PricingDraftInput
  /** What the form could not read, by content path (`pricing.lines.0.unitPriceMinor`). */
  readonly issues: readonly FieldIssue[]
}

export function readDraft(draft: BuilderDraft, locale: string): DraftReading {
  const reason = draft.downgradeReason.trim() === '' ? null : draft.downgradeReason
  const { draft: pricing, issues } = draftOfForm(draft.pricing, locale, reason)
  const { downgradeReason: _omitted, ...storedPricing } = pricing
  return {
    content: {
      title: draft.title,
      targetTierId: draft.targetTierId,
      targetTierVersionId: draft.targetTierVersionId,
      downgradeReason: reason,
      pricing: storedPricing,
      valueStory: draft.valueStory,
      caseStudyIds: draft.caseStudyIds,
      evidence: draft.evidence,
      validUntil: draft.validUntil,
    },
    pricing,
    issues: issues.map((issue) => ({ ...issue, field: `pricing.${issue.field}` })),
  }
}

/**
 * Main names fields from where it stands: a save's issues by input path (`content.title`,
 * `content.pricing.lines.0.quantity`), the preview's relative to the pricing it was given
 * (`lines.0.quantity`, and `downgradeReason`, which the content holds beside the pricing).
 * The builder shows every issue by its path inside the content.
 */
export function contentIssue(issue: FieldIssue, from: 'save' | 'preview'): FieldIssue {
  if (from === 'save') {
    return { ...issue, field: issue.field.replace(/^content\.?/, '') }
  }
  const field = issue.field.replace(/^pricing\.?/, '')
  return {
    ...issue,
    field: field === 'downgradeReason' ? field : field === '' ? 'pricing' : `pricing.${field}`,
  }
}
