import { formatMoney } from '../format/money'
import type { ProposalContent, ProposalEvidenceItem } from '../model/proposal-content'
import type { Discount, DraftLine } from './draft'
import type { ProposalDiffEntry } from './proposal-queries'

/**
 * What changed between two versions of a proposal, one sentence per change, keyed the way the
 * builder shows it (as the tiers' readable diff is): price lines by what they sell (`seats`,
 * an add-on's key) rather than by position, evidence by kind, the value story by section, so
 * removing the first line does not read as "every line changed".
 */

const ARROW = '→'

type Entry = ProposalDiffEntry

const lineKey = (line: DraftLine) => (line.kind === 'add-on' ? line.addOnKey : line.kind)

const lineLabel = (key: string) =>
  key === 'seats' ? 'Seats' : key === 'platform-fee' ? 'Platform fee' : `Add-on ${key}`

function discountText(discount: Discount | null | undefined, currency: string): string {
  if (discount === null || discount === undefined) return 'none'
  if (discount.kind === 'percent') return `${Math.round(discount.share * 10_000) / 100} %`
  return formatMoney({ amountMinor: discount.amountMinor, currency }, 'en-US')
}

function priceText(minor: number | null | undefined, currency: string): string {
  return minor === null || minor === undefined
    ? 'price book'
    : formatMoney({ amountMinor: minor, currency }, 'en-US')
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function change(path: string, before: unknown, after: unknown, sentence: string): Entry {
  return { path, op: 'changed', before, after, sentence }
}

function scalar(path: string, label: string, before: unknown, after: unknown): Entry[] {
  if (same(before, after)) return []
  const text = (value: unknown) =>
    value === null || value === undefined || value === '' ? 'none' : String(value)
  return [change(path, before, after, `${label}: ${text(before)} ${ARROW} ${text(after)}`)]
}

function diffLines(a: ProposalContent, b: ProposalContent): Entry[] {
  const currency = b.pricing.currency
  const before = new Map(a.pricing.lines.map((line) => [lineKey(line), line]))
  const after = new Map(b.pricing.lines.map((line) => [lineKey(line), line]))
  const entries: Entry[] = []
  for (const [key, line] of after) {
    const old = before.get(key)
    const path = `pricing.lines.${key}`
    const label = lineLabel(key)
    if (old === undefined) {
      entries.push({
        path,
        op: 'added',
        before: undefined,
        after: line,
        sentence: `${label} added`,
      })
      continue
    }
    const quantity = (l: DraftLine) => (l.kind === 'platform-fee' ? 1 : l.quantity)
    if (quantity(old) !== quantity(line)) {
      entries.push(
        change(
          `${path}.quantity`,
          quantity(old),
          quantity(line),
          `${label} quantity: ${quantity(old)} ${ARROW} ${quantity(line)}`,
        ),
      )
    }
    if (!same(old.unitPriceMinor ?? null, line.unitPriceMinor ?? null)) {
      entries.push(
        change(
          `${path}.unitPriceMinor`,
          old.unitPriceMinor ?? null,
          line.unitPriceMinor ?? null,
          `${label} unit price: ${priceText(old.unitPriceMinor, currency)} ${ARROW} ${priceText(line.unitPriceMinor, currency)}`,
        ),
      )
    }
    if (!same(old.discount ?? null, line.discount ?? null)) {
      entries.push(
        change(
          `${path}.discount`,
          old.discount ?? null,
          line.discount ?? null,
          `${label} discount: ${discountText(old.discount, currency)} ${ARROW} ${discountText(line.discount, currency)}`,
        ),
      )
    }
  }
  for (const [key, line] of before) {
    if (after.has(key)) continue
    entries.push({
      path: `pricing.lines.${key}`,
      op: 'removed',
      before: line,
      after: undefined,
      sentence: `${lineLabel(key)} removed`,
    })
  }
  return entries
}

function diffEvidence(
  a: readonly ProposalEvidenceItem[],
  b: readonly ProposalEvidenceItem[],
): Entry[] {
  const before = new Map(a.map((item) => [item.kind, item]))
  const after = new Map(b.map((item) => [item.kind, item]))
  const entries: Entry[] = []
  for (const [kind, item] of after) {
    const old = before.get(kind)
    const path = `evidence.${kind}`
    if (old === undefined) {
      entries.push({
        path,
        op: 'added',
        before: undefined,
        after: item,
        sentence: `Evidence added: ${item.summary}`,
      })
    } else if (!same(old, item)) {
      entries.push(
        change(path, old, item, `Evidence changed: ${old.summary} ${ARROW} ${item.summary}`),
      )
    }
  }
  for (const [kind, item] of before) {
    if (!after.has(kind)) {
      entries.push({
        path: `evidence.${kind}`,
        op: 'removed',
        before: item,
        after: undefined,
        sentence: `Evidence removed: ${item.summary}`,
      })
    }
  }
  return entries
}

const storyLabels = {
  situation: 'Value story, situation',
  impact: 'Value story, impact',
  change: 'Value story, what changes',
  outcomes: 'Value story, expected outcomes',
} as const

export function diffProposalContent(
  a: ProposalContent,
  b: ProposalContent,
  /** A tier version's name and version, e.g. "Premium v3"; the id when unknown. */
  tierName: (versionId: string) => string = (versionId) => versionId,
): ProposalDiffEntry[] {
  const currency = b.pricing.currency
  const story = (Object.keys(storyLabels) as (keyof typeof storyLabels)[]).flatMap((section) =>
    a.valueStory[section] === b.valueStory[section]
      ? []
      : [
          change(
            `valueStory.${section}`,
            a.valueStory[section],
            b.valueStory[section],
            `${storyLabels[section]} rewritten`,
          ),
        ],
  )
  const caseStudies = same([...a.caseStudyIds].sort(), [...b.caseStudyIds].sort())
    ? []
    : [
        change(
          'caseStudyIds',
          a.caseStudyIds,
          b.caseStudyIds,
          `Case studies: ${a.caseStudyIds.length} ${ARROW} ${b.caseStudyIds.length}`,
        ),
      ]
  return [
    ...scalar('title', 'Title', a.title, b.title),
    ...(a.targetTierVersionId === b.targetTierVersionId
      ? []
      : [
          change(
            'targetTierVersionId',
            a.targetTierVersionId,
            b.targetTierVersionId,
            `Target tier: ${tierName(a.targetTierVersionId)} ${ARROW} ${tierName(b.targetTierVersionId)}`,
          ),
        ]),
    ...scalar('downgradeReason', 'Downgrade reason', a.downgradeReason, b.downgradeReason),
    ...scalar('pricing.currency', 'Currency', a.pricing.currency, b.pricing.currency),
    ...scalar('pricing.startDate', 'Start date', a.pricing.startDate, b.pricing.startDate),
    ...scalar('pricing.termMonths', 'Term in months', a.pricing.termMonths, b.pricing.termMonths),
    ...diffLines(a, b),
    ...(same(a.pricing.discount ?? null, b.pricing.discount ?? null)
      ? []
      : [
          change(
            'pricing.discount',
            a.pricing.discount ?? null,
            b.pricing.discount ?? null,
            `Overall discount: ${discountText(a.pricing.discount, currency)} ${ARROW} ${discountText(b.pricing.discount, currency)}`,
          ),
        ]),
    ...(same(a.pricing.prorationCreditMinor ?? 0, b.pricing.prorationCreditMinor ?? 0)
      ? []
      : [
          change(
            'pricing.prorationCreditMinor',
            a.pricing.prorationCreditMinor ?? 0,
            b.pricing.prorationCreditMinor ?? 0,
            `Proration credit: ${priceText(a.pricing.prorationCreditMinor ?? 0, currency)} ${ARROW} ${priceText(b.pricing.prorationCreditMinor ?? 0, currency)}`,
          ),
        ]),
    ...story,
    ...caseStudies,
    ...diffEvidence(a.evidence, b.evidence),
    ...scalar('validUntil', 'Valid until', a.validUntil, b.validUntil),
  ]
}
