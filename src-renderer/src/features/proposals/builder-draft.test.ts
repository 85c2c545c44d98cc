import { describe, expect, it } from 'vitest'
import { proposalContentSchema } from '@shared/model/proposal-content'
import { contentIssue, readDraft, type BuilderDraft } from './builder-draft'
import { noDiscount } from './pricing-form'

const draft: BuilderDraft = {
  baseVersion: 3,
  title: 'Premium support for Acme',
  targetTierId: '01J0000000000000000000PRM0',
  targetTierVersionId: '01J0000000000000000000PRM1',
  downgradeReason: '   ',
  validUntil: '2027-01-31',
  pricing: {
    currency: 'USD',
    startDate: '2027-01-01',
    term: '36',
    customMonths: 36,
    lines: [
      {
        kind: 'seats',
        addOnKey: '',
        quantity: 120,
        unitPriceText: '',
        discount: { mode: 'percent', percent: 20, amountText: '' },
      },
      {
        kind: 'platform-fee',
        addOnKey: '',
        quantity: 1,
        unitPriceText: 'x',
        discount: noDiscount(),
      },
    ],
    discount: noDiscount(),
    prorationCreditText: '',
  },
  valueStory: { situation: 'S', impact: 'I', change: 'C', outcomes: 'O' },
  caseStudyIds: [],
  evidence: [],
}

describe('builder draft', () => {
  it('reads the form into content the contract accepts, and the pricing the preview checks', () => {
    const reading = readDraft(draft, 'en-US')
    expect(proposalContentSchema.safeParse(reading.content).success).toBe(true)
    // A blank reason is no reason; the stored pricing carries none (the content does).
    expect(reading.content.downgradeReason).toBeNull()
    expect(reading.content.pricing).not.toHaveProperty('downgradeReason')
    expect(reading.pricing.downgradeReason).toBeNull()
    expect(reading.content.pricing.termMonths).toBe(36)
    expect(reading.content.pricing.lines[0]).toMatchObject({
      discount: { kind: 'percent', share: 0.2 },
    })
  })

  it('names what the form could not read by its place in the content', () => {
    expect(readDraft(draft, 'en-US').issues.map((issue) => issue.field)).toEqual([
      'pricing.lines.1.unitPriceMinor',
    ])
  })

  it('puts main’s issues where the builder shows them, from a save or from the preview', () => {
    const issue = (field: string) => ({ field, message: 'm' })
    expect(contentIssue(issue('content.pricing.lines.0.quantity'), 'save').field).toBe(
      'pricing.lines.0.quantity',
    )
    expect(contentIssue(issue('content.title'), 'save').field).toBe('title')
    expect(contentIssue(issue('lines.0.quantity'), 'preview').field).toBe(
      'pricing.lines.0.quantity',
    )
    expect(contentIssue(issue('pricing.discount.share'), 'preview').field).toBe(
      'pricing.discount.share',
    )
    expect(contentIssue(issue('downgradeReason'), 'preview').field).toBe('downgradeReason')
  })
})
