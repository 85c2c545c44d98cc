import { formatMoney } from '../format/money'
import type { ProposalEvidenceItem } from '../model/proposal-content'
import type { ProposalDetail } from './proposal-queries'
import type { StoryVariables } from './value-story'

/**
 * The value-story variables of a proposal, formatted for its reader's locale: what the builder
 * hands the ValueStoryEditor. A value the proposal does not hold (no replay evidence, a
 * pricing that does not price yet) is null, so the draft keeps `{{name}}` and says so instead
 * of printing a guess.
 */

export type StoryVariableSource = Pick<
  ProposalDetail,
  'account' | 'currentTier' | 'targetTier' | 'priced' | 'comparison' | 'evidence'
>

const segmentNames: Readonly<Record<string, string>> = {
  smb: 'SMB',
  'mid-market': 'Mid-market',
  enterprise: 'Enterprise',
  strategic: 'Strategic',
}

function figure(
  evidence: readonly ProposalEvidenceItem[],
  kinds: readonly ProposalEvidenceItem['kind'][],
  label?: RegExp,
): number | null {
  for (const item of evidence) {
    if (!kinds.includes(item.kind)) continue
    const found =
      label === undefined ? item.figures[0] : item.figures.find((f) => label.test(f.label))
    if (found !== undefined) return found.value
  }
  return null
}

export function storyVariablesFromProposal(
  source: StoryVariableSource,
  options: { readonly locale: string; readonly companyName: string | null },
): StoryVariables {
  const { locale } = options
  const number = (value: number | null) =>
    value === null ? null : new Intl.NumberFormat(locale).format(value)
  const date = (iso: string | null | undefined) =>
    iso === null || iso === undefined || iso === ''
      ? null
      : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${iso}T00:00:00Z`),
        )
  const priced = source.priced
  const currency = priced?.currency ?? source.comparison.price.currency
  const money = (amountMinor: number | null | undefined) =>
    amountMinor === null || amountMinor === undefined
      ? null
      : formatMoney({ amountMinor, currency }, locale)

  const health = figure(source.evidence, ['health-trend'], /score/i)
  const healthDelta = figure(source.evidence, ['health-trend'], /change/i)
  const breaches = figure(source.evidence, ['prevented-breaches', 'sla-breaches'], /^breaches$/i)
  const avoided = figure(source.evidence, ['prevented-breaches', 'sla-breaches'], /avoided/i)
  // The eligibility engine's figures: growth as a share, the seat signal as seats in use.
  const usageGrowth = figure(source.evidence, ['usage-growth'])
  const seatsUsed = figure(source.evidence, ['seat-overage'])
  const s1FirstResponse = source.comparison.sla.find(
    (row) => row.severity === 'S1' && row.metric === 'firstResponse',
  )
  const added = source.comparison.entitlements
    .filter((row) => row.changed)
    .map((row) => `${row.label}: ${row.targetText}`)
  const currentAnnual = source.comparison.price.currentAnnualMinor
  const proposedAnnual = priced?.annualRecurringMinor ?? null

  return {
    'account.name': source.account.name,
    'account.segment': segmentNames[source.account.segment] ?? source.account.segment,
    'account.seats': number(source.account.seats),
    'account.seatsUsed': number(seatsUsed),
    'account.arr': formatMoney(source.account.arr, locale),
    'account.renewalDate': date(source.account.renewalDate),
    'account.healthScore': number(health),
    'account.healthTrend':
      healthDelta === null
        ? null
        : healthDelta > 0
          ? 'improving'
          : healthDelta < 0
            ? 'declining'
            : 'stable',
    'current.tier': source.currentTier.name,
    'target.tier': source.targetTier.name,
    'target.s1FirstResponse': s1FirstResponse?.targetText ?? null,
    'target.entitlements': added.length === 0 ? null : added.join('; '),
    'evidence.breaches': number(breaches),
    'evidence.preventedBreaches': number(avoided),
    'evidence.s1Tickets': number(figure(source.evidence, ['s1-volume'])),
    'evidence.seatOverage':
      seatsUsed === null ? null : number(Math.max(0, seatsUsed - source.account.seats)),
    'evidence.usageGrowth':
      usageGrowth === null
        ? null
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
            usageGrowth,
          ),
    'evidence.entitlementOveruse': number(figure(source.evidence, ['entitlement-overuse'])),
    'pricing.annualTotal': money(proposedAnnual),
    'pricing.currentAnnual': money(currentAnnual),
    'pricing.annualDifference':
      proposedAnnual === null
        ? null
        : `${proposedAnnual >= currentAnnual ? '+' : '−'}${money(Math.abs(proposedAnnual - currentAnnual))}`,
    'pricing.discount': money(priced?.discountTotalMinor),
    'pricing.term': priced === null ? null : `${priced.termMonths} months`,
    'pricing.startDate': date(priced?.startDate),
    'pricing.prorationCredit': money(priced?.prorationCreditAppliedMinor),
    'company.name': options.companyName,
  }
}
