import { comparisonSection } from './comparison-section'
import { evidenceSection } from './evidence-section'
import { fileSlug } from '../../format/file-slug'
import { documentFormat, type DocumentFormat } from './format'
import { statusLabels } from '../status-machine'
import type { ProposalDocumentInput } from './input'
import { markdownBlocks } from './markdown-blocks'
import type {
  AcceptanceSection,
  CoverSection,
  ProposalDocument,
  SummarySection,
  TermsSection,
  ValueStorySection,
} from './model'
import { pricingSection } from './pricing-section'

/**
 * Whether an export of this version is final: nothing in it needs a manager (discounts within
 * the threshold, book terms), or a manager approved this very version. Anything else carries the
 * DRAFT watermark on every page. The status does not decide it: a proposal that needs no
 * approval may go from draft straight to sent (status-machine.ts), and its export must be clean.
 */
export function isApprovedVersion(input: Pick<ProposalDocumentInput, 'approval'>): boolean {
  return !input.approval.required || input.approval.approvedBy !== null
}

/** The proposal as ordered sections (model.ts SECTION_ORDER); pure and deterministic. */
export function buildProposalDocument(input: ProposalDocumentInput): ProposalDocument {
  const format = documentFormat(input.locale, input.pricing.currency)
  const company = input.branding.companyName
  return {
    meta: {
      title: input.title,
      subject: `${input.currentTier.name} to ${input.targetTier.name} proposal for ${input.account.name}`,
      author: `${input.preparedBy.name}, ${company}`,
      keywords: [
        'Tierline',
        'proposal',
        input.account.name,
        input.currentTier.name,
        input.targetTier.name,
      ],
      createdAt: input.generatedAt,
      locale: input.locale,
    },
    watermark: isApprovedVersion(input) ? null : 'DRAFT',
    branding: input.branding,
    footer: `${company} · ${input.title} · Version ${input.version}`,
    fileBaseName: `${fileSlug(input.account.name, 'account')}-${fileSlug(input.targetTier.name, 'tier')}-proposal-v${input.version}`,
    sections: [
      coverSection(input, format),
      summarySection(input, format),
      evidenceSection(input.evidence, format),
      valueStorySection(input),
      comparisonSection(input.currentTier, input.targetTier, input.pricing.currency, format),
      pricingSection(input.pricing, format),
      termsSection(input, format),
      acceptanceSection(input),
    ],
  }
}

function coverSection(input: ProposalDocumentInput, format: DocumentFormat): CoverSection {
  const { pricing } = input
  return {
    kind: 'cover',
    heading: input.title,
    subtitle: `${input.currentTier.name} → ${input.targetTier.name}`,
    preparedFor: input.account.name,
    preparedBy: `${input.preparedBy.name}, ${input.branding.companyName}`,
    date: format.date(input.generatedAt),
    versionLabel: `Version ${input.version}`,
    statusLabel: statusLabels[input.status],
    highlights: [
      { label: 'Annualised value', value: format.money(pricing.annualRecurringMinor) },
      { label: 'Total contract value', value: format.money(pricing.totalContractValueMinor) },
      {
        label: 'Term',
        value: `${format.number(pricing.termMonths)} months from ${format.date(pricing.startDate)}`,
      },
    ],
  }
}

function summarySection(input: ProposalDocumentInput, format: DocumentFormat): SummarySection {
  const { pricing, account, currentTier, targetTier } = input
  const downgrade = targetTier.rank < currentTier.rank
  const move = downgrade ? 'moves it down to' : 'upgrades it to'
  const discounts =
    pricing.discountTotalMinor > 0
      ? `, after ${format.money(pricing.discountTotalMinor)} in discounts`
      : ''
  const paragraphs = [
    `${account.name} is on ${currentTier.name} today. This proposal ${move} ${targetTier.name} for ${format.number(pricing.termMonths)} months from ${format.date(pricing.startDate)}, at ${format.money(pricing.annualRecurringMinor)} a year and ${format.money(pricing.totalContractValueMinor)} over the term${discounts}.`,
  ]
  if (pricing.prorationCreditAppliedMinor > 0) {
    paragraphs.push(
      `The unused part of the current contract is credited (${format.money(pricing.prorationCreditAppliedMinor)}), so ${format.money(pricing.amountDueMinor)} is due.`,
    )
  }
  if (input.evidence.length > 0) {
    paragraphs.push(`Why now: ${input.evidence.map((item) => item.summary).join('; ')}.`)
  }
  if (downgrade && input.downgradeReason !== null) {
    paragraphs.push(`Reason for the change: ${input.downgradeReason}`)
  }
  return {
    kind: 'summary',
    heading: 'Executive summary',
    paragraphs,
    keyFigures: [
      { label: 'Seats', value: format.number(account.seats) },
      { label: 'Annualised value', value: format.money(pricing.annualRecurringMinor) },
      { label: 'Total contract value', value: format.money(pricing.totalContractValueMinor) },
      { label: 'Discounts', value: format.money(pricing.discountTotalMinor) },
      { label: 'Amount due', value: format.money(pricing.amountDueMinor) },
    ],
  }
}

function valueStorySection(input: ProposalDocumentInput): ValueStorySection {
  const story = input.valueStory
  const parts = [
    { heading: 'Situation', markdown: story.situation },
    { heading: 'Impact', markdown: story.impact },
    { heading: `What ${input.targetTier.name} changes`, markdown: story.change },
    { heading: 'Expected outcomes', markdown: story.outcomes },
  ]
  return {
    kind: 'valueStory',
    heading: 'Value story',
    parts: parts
      .filter((part) => part.markdown.trim() !== '')
      .map((part) => ({ heading: part.heading, blocks: markdownBlocks(part.markdown) })),
    caseStudies: input.caseStudies.map((study) => ({
      title: study.title,
      customerLabel: study.customerLabel,
      blocks: markdownBlocks(study.bodyMarkdown),
      figures: study.figures,
    })),
  }
}

function termsSection(input: ProposalDocumentInput, format: DocumentFormat): TermsSection {
  const { pricing } = input
  const items = [
    `Term: ${format.number(pricing.termMonths)} months${pricing.standardTerm ? '' : ' (custom term)'}, from ${format.date(pricing.startDate)} to ${format.date(pricing.endDate)}; renewal on ${format.date(pricing.renewalDate)}.`,
    `All amounts are in ${pricing.currency} and exclude taxes.`,
    `Invoiced per contract year as shown in the pricing table.`,
    `This offer stands until ${format.date(input.validUntil)}.`,
  ]
  if (pricing.prorationCreditAppliedMinor > 0) {
    items.push(
      `The credit for the unused part of the current ${input.currentTier.name} contract (${format.money(pricing.prorationCreditAppliedMinor)}) is taken off the first invoice.`,
    )
  }
  if (pricing.prorationCreditUnusedMinor > 0) {
    items.push(
      `${format.money(pricing.prorationCreditUnusedMinor)} of that credit exceeds this contract and is not refunded.`,
    )
  }
  if (input.approval.required) {
    const reasons = input.approval.reasons.map((reason) => reason.replace(/\.$/, '')).join('; ')
    items.push(
      input.approval.approvedBy === null
        ? `Pending approval: ${reasons}.`
        : `Approved by ${input.approval.approvedBy.name} on ${format.date(input.approval.approvedBy.at)}: ${reasons}.`,
    )
  }
  items.push(
    `${input.targetTier.name} service levels and entitlements apply from the start date, as in the tier comparison.`,
  )
  return { kind: 'terms', heading: 'Terms', items }
}

function acceptanceSection(input: ProposalDocumentInput): AcceptanceSection {
  return {
    kind: 'acceptance',
    heading: 'Acceptance',
    text: `Signed for ${input.account.name} and ${input.branding.companyName}, accepting ${input.title} (version ${input.version}) on the terms above.`,
    parties: [
      { role: 'Customer', organisation: input.account.name },
      { role: 'Provider', organisation: input.branding.companyName },
    ],
    fields: ['Name', 'Title', 'Signature', 'Date'],
  }
}
