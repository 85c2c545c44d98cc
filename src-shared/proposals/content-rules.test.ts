import { describe, expect, it } from 'vitest'
import type { ProposalContent } from '../model/proposal-content'
import { contentIssues } from './content-rules'
import { premium, standard, upgradeToPremium } from './fixtures'
import { startContent } from './start-content'

const today = '2026-06-01'
const account = {
  name: 'Müller Logistik',
  seats: 4,
  renewalDate: '2026-09-01',
  arr: { amountMinor: 1_000_000, currency: 'USD' },
}
const target = premium

const started: ProposalContent = startContent({
  account,
  currentTier: standard,
  targetTier: target,
  evidence: [
    { kind: 'seat-overage', summary: '12 seats in use; 4 contracted', figures: [], ticketIds: [] },
  ],
  today,
})
const context = { pricing: upgradeToPremium, today, currentContractStart: '2025-09-01' }

describe('a new proposal’s first version', () => {
  it('prices seats (at least the book’s minimum) and the platform fee from the renewal date', () => {
    expect(started.pricing).toEqual({
      currency: 'USD',
      startDate: '2026-09-01',
      termMonths: 12,
      lines: [{ kind: 'seats', quantity: 10 }, { kind: 'platform-fee' }],
      discount: null,
    })
    expect(started.title).toBe('Premium support for Müller Logistik')
    expect(started.valueStory.situation).toBe('- 12 seats in use; 4 contracted')
    expect(started.validUntil).toBe('2026-07-01')
    expect(contentIssues(started, context)).toEqual([])
  })

  it('starts today when the renewal date has passed', () => {
    const late = startContent({
      account: { ...account, renewalDate: '2026-01-01' },
      currentTier: standard,
      targetTier: target,
      evidence: [],
      today,
    })
    expect(late.pricing.startDate).toBe(today)
  })
})

describe('content rules', () => {
  it('name each field by its path in the save input', () => {
    const spoiled: ProposalContent = {
      ...started,
      pricing: {
        ...started.pricing,
        startDate: '2025-01-01',
        discount: { kind: 'percent', share: 2 },
      },
      validUntil: '2026-05-31',
      caseStudyIds: ['01J0000000000000000000CS01', '01J0000000000000000000CS01'],
    }
    expect(contentIssues(spoiled, context).map((issue) => issue.field)).toEqual([
      'content.pricing.discount.share',
      'content.validUntil',
      'content.pricing.startDate',
      'content.caseStudyIds.1',
    ])
  })

  it('ask a downgrade for its reason under content.downgradeReason', () => {
    const down = { ...upgradeToPremium, targetTier: standard, currentTier: premium }
    const issues = contentIssues(
      { ...started, downgradeReason: '  ' },
      { ...context, pricing: down },
    )
    expect(issues.map((issue) => issue.field)).toContain('content.downgradeReason')
  })
})
