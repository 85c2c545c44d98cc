import type { ValueStorySection } from '../model/story-template'
import type { CaseStudy } from '../model/case-study'

/**
 * Value-story templates: Markdown with `{{variable}}` placeholders that a proposal fills. The
 * variable set is fixed here, from what a proposal holds (its account, the current and target
 * tier, the evidence it quotes, its pricing), so a template can be checked when it is saved and
 * a typo is reported instead of printing nothing. Values arrive already formatted (the builder
 * knows the locale and currency); this module only substitutes and reports.
 */

export const storyVariables = {
  'account.name': 'Account name',
  'account.segment': 'Segment (SMB, Mid-market, Enterprise, Strategic)',
  'account.seats': 'Seats contracted',
  'account.seatsUsed': 'Seats in use',
  'account.arr': 'Annual recurring revenue',
  'account.renewalDate': 'Renewal date',
  'account.healthScore': 'Health score (0–100)',
  'account.healthTrend': 'Health trend (improving, stable, declining)',
  'current.tier': 'Current tier',
  'target.tier': 'Target tier',
  'target.s1FirstResponse': 'Target tier’s S1 first-response target',
  'target.entitlements': 'What the target tier adds (TAM hours, reviews…)',
  'evidence.breaches': 'SLA breaches in the last 12 months',
  'evidence.preventedBreaches': 'Breaches the target tier would have prevented',
  'evidence.s1Tickets': 'S1 tickets in the last 12 months',
  'evidence.seatOverage': 'Seats in use above the contract',
  'evidence.usageGrowth': 'Usage growth over the period',
  'evidence.entitlementOveruse': 'Entitlements used beyond the current tier',
  'pricing.annualTotal': 'Proposed annual total',
  'pricing.currentAnnual': 'What the account pays today per year',
  'pricing.annualDifference': 'Annual difference to today',
  'pricing.discount': 'Discount given',
  'pricing.term': 'Term (e.g. 12 months)',
  'pricing.startDate': 'Start date',
  'pricing.prorationCredit': 'Credit for the unused current contract',
  'company.name': 'Your company’s name (Settings → Proposals)',
} as const satisfies Readonly<Record<string, string>>

export type StoryVariableName = keyof typeof storyVariables
export const storyVariableNames = Object.keys(storyVariables) as StoryVariableName[]

/** What the builder passes: each known variable's formatted value, or null when it has none. */
export type StoryVariables = Readonly<Partial<Record<StoryVariableName, string | null>>>

export function isStoryVariable(name: string): name is StoryVariableName {
  return Object.hasOwn(storyVariables, name)
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

export interface TemplateProblems {
  /** Names in the template that are not variables (typos, or fields a proposal does not hold). */
  readonly unknown: readonly string[]
  /** `{{` without a closing `}}` (or the reverse), quoted with a little context. */
  readonly unclosed: readonly string[]
}

/** What is wrong with a template as written, independent of any proposal. */
export function templateProblems(template: string): TemplateProblems {
  const unknown = new Set<string>()
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? ''
    if (!isStoryVariable(name)) unknown.add(name === '' ? '{{}}' : name)
  }
  const unclosed: string[] = []
  const rest = template.replace(PLACEHOLDER, '')
  for (const match of rest.matchAll(/\{\{|\}\}/g)) {
    const at = match.index
    unclosed.push(rest.slice(Math.max(0, at - 12), at + 14).trim())
  }
  return { unknown: [...unknown], unclosed }
}

export interface RenderedStory {
  readonly markdown: string
  /** Unknown names, left in the text as written so the reader sees where. */
  readonly unknown: readonly string[]
  /** Known variables this proposal has no value for, also left as `{{name}}`. */
  readonly missing: readonly StoryVariableName[]
}

/**
 * Fills a template. Nothing is blanked: a placeholder without a value stays `{{name}}` in the
 * text and is named in `unknown` or `missing`, so the writer fixes it before sending.
 */
export function renderStoryTemplate(template: string, variables: StoryVariables): RenderedStory {
  const unknown = new Set<string>()
  const missing = new Set<StoryVariableName>()
  const markdown = template.replace(PLACEHOLDER, (whole, raw: string) => {
    if (!isStoryVariable(raw)) {
      unknown.add(raw === '' ? '{{}}' : raw)
      return whole
    }
    const value = variables[raw]
    if (value === undefined || value === null || value.trim() === '') {
      missing.add(raw)
      return `{{${raw}}}`
    }
    return value
  })
  return { markdown, unknown: [...unknown], missing: [...missing] }
}

/** The built-in wording of each section, used until a workspace saves its own. */
export const defaultStoryTemplates: Readonly<Record<ValueStorySection, string>> = {
  situation:
    '{{account.name}} has been on **{{current.tier}}** support with {{account.seats}} seats ' +
    'contracted and {{account.seatsUsed}} in use. Health is {{account.healthScore}} and ' +
    '{{account.healthTrend}}; the contract renews on {{account.renewalDate}}.',
  impact:
    'Over the last twelve months the team raised {{evidence.s1Tickets}} S1 tickets and saw ' +
    '{{evidence.breaches}} SLA breaches. Usage grew {{evidence.usageGrowth}}, with ' +
    '{{evidence.seatOverage}} seats above the contract and {{evidence.entitlementOveruse}} ' +
    'beyond what {{current.tier}} includes.',
  change:
    '**{{target.tier}}** answers an S1 within {{target.s1FirstResponse}} and adds ' +
    '{{target.entitlements}}. Measured against its targets, ' +
    '{{evidence.preventedBreaches}} of the breaches above would not have happened.',
  outcomes:
    '- Fewer missed targets: {{evidence.preventedBreaches}} breaches a year avoided\n' +
    '- Every seat in use covered from {{pricing.startDate}}\n' +
    '- {{pricing.annualTotal}} a year for a {{pricing.term}} term ' +
    '({{pricing.annualDifference}} compared with today, after a {{pricing.discount}} discount ' +
    'and a {{pricing.prorationCredit}} credit for the current contract)',
}

export const storySectionLabels: Readonly<Record<ValueStorySection, string>> = {
  situation: 'Situation',
  impact: 'Impact',
  change: 'What the target tier changes',
  outcomes: 'Expected outcomes',
}

/** The four sections plus the case studies a proposal cites: what the value-story editor edits. */
export interface ValueStoryDraft {
  readonly situation: string
  readonly impact: string
  readonly change: string
  readonly outcomes: string
  readonly caseStudyIds: readonly string[]
}

/**
 * A case study as it reads inside a proposal: a quoted block with its title, the anonymised
 * customer and the headline figures, then the story. Quoted so the reader sees where it starts
 * and ends; every line is prefixed so the story's own paragraphs stay inside the quote.
 */
export function caseStudyQuote(
  caseStudy: Pick<CaseStudy, 'name' | 'customerLabel' | 'figures' | 'bodyMarkdown'>,
): string {
  const figures = caseStudy.figures.map((figure) => `**${figure.value}** ${figure.label}`)
  const lines = [
    `**Case study: ${caseStudy.name}** — ${caseStudy.customerLabel}`,
    ...(figures.length > 0 ? ['', figures.join(' · ')] : []),
    ...(caseStudy.bodyMarkdown.trim() === ''
      ? []
      : ['', ...caseStudy.bodyMarkdown.trim().split('\n')]),
  ]
  return lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n')
}

/** Appends a block to a section's text with one blank line between. */
export function appendBlock(text: string, block: string): string {
  const trimmed = text.replace(/\s+$/, '')
  return trimmed === '' ? block : `${trimmed}\n\n${block}`
}
