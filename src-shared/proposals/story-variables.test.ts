import { describe, expect, it } from 'vitest'
import { exampleId } from '../model/examples'
import { storyVariablesFromProposal, type StoryVariableSource } from './story-variables'
import { defaultStoryTemplates, renderStoryTemplate } from './value-story'

const tier = (name: string, rank: number) => ({
  tierId: exampleId(rank),
  tierVersionId: exampleId(rank + 10),
  name,
  version: 1,
  rank,
})

/** A proposal as `proposals.get` answers it, cut down to what the variables read. */
const source = {
  account: {
    id: exampleId(30),
    name: 'Globex',
    domain: 'globex.example',
    segment: 'mid-market',
    seats: 120,
    arr: { amountMinor: 4_800_000, currency: 'USD' },
    contractStart: '2026-01-01',
    renewalDate: '2027-01-01',
    termMonths: 12,
    ownerId: exampleId(2),
    ownerName: 'Dana Whitfield',
  },
  currentTier: tier('Standard', 1),
  targetTier: tier('Premium', 2),
  priced: {
    currency: 'USD',
    termMonths: 24,
    startDate: '2027-01-01',
    annualRecurringMinor: 6_000_000,
    discountTotalMinor: 1_200_000,
    prorationCreditAppliedMinor: 0,
  },
  comparison: {
    sla: [
      {
        severity: 'S1',
        metric: 'firstResponse',
        currentText: '4 business hours',
        targetText: '1 hour',
      },
    ],
    entitlements: [
      {
        key: 'tamHoursPerMonth',
        label: 'TAM hours per month',
        currentText: '0',
        targetText: '8',
        changed: true,
      },
      {
        key: 'qbrCadence',
        label: 'QBR cadence',
        currentText: 'Annual',
        targetText: 'Annual',
        changed: false,
      },
    ],
    price: { currency: 'USD', currentAnnualMinor: 4_800_000 },
  },
  evidence: [
    {
      kind: 'seat-overage',
      summary: 's',
      figures: [{ label: 'Seats above the plan', value: 132, unit: '' }],
      ticketIds: [],
    },
    {
      kind: 'usage-growth',
      summary: 'u',
      figures: [{ label: 'Usage growing fast', value: 0.35, unit: '' }],
      ticketIds: [],
    },
    {
      kind: 'prevented-breaches',
      summary: 'r',
      figures: [
        { label: 'Breaches', value: 11, unit: 'breaches' },
        { label: 'Avoided under Premium', value: 9, unit: 'breaches' },
      ],
      ticketIds: [],
    },
    {
      kind: 'health-trend',
      summary: 'h',
      figures: [
        { label: 'Health score', value: 48, unit: 'points' },
        { label: 'Change over four weeks', value: -6, unit: 'points' },
      ],
      ticketIds: [],
    },
  ],
} as unknown as StoryVariableSource

describe('story variables of a proposal', () => {
  it('formats what the proposal holds in the reader’s locale', () => {
    const variables = storyVariablesFromProposal(source, { locale: 'en-US', companyName: 'Corvid' })
    expect(variables).toMatchObject({
      'account.name': 'Globex',
      'account.segment': 'Mid-market',
      'account.seats': '120',
      'account.seatsUsed': '132',
      'account.arr': '$48,000.00',
      'account.renewalDate': 'January 1, 2027',
      'account.healthScore': '48',
      'account.healthTrend': 'declining',
      'current.tier': 'Standard',
      'target.tier': 'Premium',
      'target.s1FirstResponse': '1 hour',
      'target.entitlements': 'TAM hours per month: 8',
      'evidence.breaches': '11',
      'evidence.preventedBreaches': '9',
      'evidence.seatOverage': '12',
      'evidence.usageGrowth': '35%',
      'pricing.annualTotal': '$60,000.00',
      'pricing.currentAnnual': '$48,000.00',
      'pricing.annualDifference': '+$12,000.00',
      'pricing.discount': '$12,000.00',
      'pricing.term': '24 months',
      'pricing.prorationCredit': '$0.00',
      'company.name': 'Corvid',
    })
    expect(
      storyVariablesFromProposal(source, { locale: 'de-DE', companyName: null }),
    ).toMatchObject({
      'pricing.annualTotal': expect.stringMatching(/^60\.000,00\s\$$/),
      'company.name': null,
    })
  })

  it('leaves what the proposal does not hold as null, so a draft names it instead of guessing', () => {
    const bare = { ...source, priced: null, evidence: [] } as StoryVariableSource
    const variables = storyVariablesFromProposal(bare, { locale: 'en-US', companyName: null })
    expect(variables['pricing.annualTotal']).toBeNull()
    expect(variables['evidence.preventedBreaches']).toBeNull()
    const rendered = renderStoryTemplate(defaultStoryTemplates.change, variables)
    expect(rendered.missing).toContain('evidence.preventedBreaches')
    expect(rendered.markdown).toContain('{{evidence.preventedBreaches}}')
    expect(rendered.markdown).toContain('**Premium** answers an S1 within 1 hour')
  })
})
