import { describe, expect, it } from 'vitest'
import type { FieldIssue } from '../ipc/errors'
import type { PricingDraft } from './draft'
import { pricingDraftSchema } from './draft'
import { premium, standard, upgradeToPremium } from './fixtures'
import { currentContractIssues, pricingIssues } from './validation'

const draft = (overrides: Partial<PricingDraft> = {}): PricingDraft => ({
  currency: 'USD',
  startDate: '2026-03-01',
  termMonths: 12,
  lines: [{ kind: 'seats', quantity: 20 }, { kind: 'platform-fee' }],
  ...overrides,
})
const issuesOf = (input: PricingDraft, context = upgradeToPremium) => pricingIssues(input, context)
const issue = (field: string, message: string): FieldIssue => ({ field, message })

describe('pricingIssues', () => {
  it('accepts a draft it can price', () => {
    expect(issuesOf(draft())).toEqual([])
  })

  it.each<[string, Partial<PricingDraft>, FieldIssue[]]>([
    [
      'negative seats',
      { lines: [{ kind: 'seats', quantity: -5 }] },
      [issue('lines.0.quantity', 'Seats: quantity cannot be negative')],
    ],
    [
      'fractional add-on quantity',
      { lines: [{ kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 1.5 }] },
      [issue('lines.0.quantity', 'Extra TAM hours: quantity must be a whole number')],
    ],
    [
      'a negative unit price',
      { lines: [{ kind: 'platform-fee', unitPriceMinor: -1 }] },
      [issue('lines.0.unitPriceMinor', 'Platform fee: unit price must be zero or more')],
    ],
    [
      'a line discount over 100 %',
      { lines: [{ kind: 'seats', quantity: 20, discount: { kind: 'percent', share: 1.01 } }] },
      [issue('lines.0.discount.share', 'Seats discount cannot be more than 100 %')],
    ],
    [
      'a negative discount',
      { discount: { kind: 'percent', share: -0.1 } },
      [issue('discount.share', 'Overall discount cannot be negative')],
    ],
    [
      'a line discount amount above the line',
      { lines: [{ kind: 'platform-fee', discount: { kind: 'amount', amountMinor: 1_200_001 } }] },
      [
        issue(
          'lines.0.discount.amountMinor',
          'Platform fee discount ($12,000.01) is more than the amount it applies to ($12,000.00)',
        ),
      ],
    ],
    [
      'an overall amount above what the lines leave',
      {
        lines: [{ kind: 'platform-fee', discount: { kind: 'amount', amountMinor: 200_000 } }],
        discount: { kind: 'amount', amountMinor: 1_000_001 },
      },
      [
        issue(
          'discount.amountMinor',
          'Overall discount ($10,000.01) is more than the amount it applies to ($10,000.00)',
        ),
      ],
    ],
    [
      'a currency the tier is not priced in',
      { currency: 'EUR' },
      [issue('currency', 'Premium has no price list in EUR; it is priced in USD, JPY, KWD')],
    ],
    [
      'an add-on with no price in the currency',
      { currency: 'KWD', lines: [{ kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 4 }] },
      [issue('lines.0.unitPriceMinor', 'Extra TAM hours has no KWD price in the price book')],
    ],
    [
      'an add-on not in the book',
      { lines: [{ kind: 'add-on', addOnKey: 'pizza', quantity: 1 }] },
      [issue('lines.0.addOnKey', 'This add-on is not in the price book')],
    ],
    [
      'a discount that is not a number',
      { discount: { kind: 'percent', share: Number.NaN } },
      [issue('discount.share', 'Overall discount must be a percentage')],
    ],
    [
      'a total beyond what a document stores',
      {
        lines: [
          { kind: 'seats', quantity: 1_000_000, unitPriceMinor: 10_000_000_000 },
          {
            kind: 'add-on',
            addOnKey: 'extra-tam-hours',
            quantity: 1_000_000,
            unitPriceMinor: 10_000_000_000,
          },
        ],
        termMonths: 60,
      },
      [
        issue('lines.0.quantity', 'Seats: the amount is too large to price'),
        issue('lines.1.quantity', 'Extra TAM hours: the amount is too large to price'),
      ],
    ],
    [
      'lines that each fit but add up beyond what a document stores',
      {
        lines: [
          {
            kind: 'add-on',
            addOnKey: 'architecture-review',
            quantity: 1,
            unitPriceMinor: 600_000_000_000_000,
          },
          {
            kind: 'add-on',
            addOnKey: 'extra-tam-hours',
            quantity: 1,
            unitPriceMinor: 10_000_000_000_000,
          },
        ],
        termMonths: 60,
      },
      [issue('lines', 'The total is too large to price')],
    ],
    ['no lines', { lines: [] }, [issue('lines', 'Add at least one line')]],
    [
      'the same line twice',
      {
        lines: [
          { kind: 'seats', quantity: 1 },
          { kind: 'seats', quantity: 2 },
        ],
      },
      [issue('lines.1', 'Seats is already on the proposal')],
    ],
    [
      'a term out of range',
      { termMonths: 61 },
      [issue('termMonths', 'Term must be a whole number of months from 1 to 60')],
    ],
    [
      'a start date that does not exist',
      { startDate: '2027-02-29' },
      [issue('startDate', 'Start date must be a date like 2026-11-01')],
    ],
    [
      'a negative credit',
      { prorationCreditMinor: -1 },
      [issue('prorationCreditMinor', 'Proration credit must be zero or more')],
    ],
  ])('%s', (_, overrides, expected) => {
    expect(issuesOf(draft(overrides))).toEqual(expected)
  })

  it('allows a tier below the current one only as a downgrade with a reason', () => {
    const down = { ...upgradeToPremium, targetTier: standard, currentTier: premium }
    const expected = [
      issue(
        'downgradeReason',
        'Standard is below the current Premium: mark the proposal as a downgrade and give a reason',
      ),
    ]
    expect(issuesOf(draft(), down)).toEqual(expected)
    expect(issuesOf(draft({ downgradeReason: '   ' }), down)).toEqual(expected)
    expect(issuesOf(draft({ downgradeReason: 'Budget cut; keeps 24x7 on S1 only' }), down)).toEqual(
      [],
    )
  })

  it('refuses an add-on the target tier does not sell', () => {
    const down = { ...upgradeToPremium, targetTier: standard, currentTier: standard }
    expect(
      issuesOf(
        draft({ lines: [{ kind: 'add-on', addOnKey: 'architecture-review', quantity: 1 }] }),
        down,
      ),
    ).toEqual([issue('lines.0.addOnKey', 'This add-on is not sold with Standard')])
  })

  it('formats amounts in the currency’s own minor units', () => {
    const yen = issuesOf(
      draft({
        currency: 'JPY',
        lines: [{ kind: 'platform-fee', discount: { kind: 'amount', amountMinor: 1_000_001 } }],
      }),
    )
    expect(yen.map((entry) => entry.message)).toEqual([
      'Platform fee discount (¥1,000,001) is more than the amount it applies to (¥1,000,000)',
    ])
  })
})

describe('currentContractIssues', () => {
  it('refuses an end before or on the start', () => {
    expect(
      currentContractIssues({ start: '2026-03-01', end: '2026-02-28', valueMinor: 1 }),
    ).toEqual([issue('currentContract.end', 'Renewal date must be after the contract start')])
    expect(
      currentContractIssues({ start: '2026-03-01', end: '2027-03-01', valueMinor: 1 }),
    ).toEqual([])
  })
})

describe('pricingDraftSchema', () => {
  it('takes the shape and leaves the rules to pricingIssues', () => {
    const negative = { ...draft(), lines: [{ kind: 'seats', quantity: -1 }] }
    expect(pricingDraftSchema.safeParse(negative).success).toBe(true)
    expect(issuesOf(pricingDraftSchema.parse(negative))).toEqual([
      issue('lines.0.quantity', 'Seats: quantity cannot be negative'),
    ])
    expect(pricingDraftSchema.safeParse({ ...draft(), lines: [{ kind: 'seats' }] }).success).toBe(
      false,
    )
    expect(pricingDraftSchema.safeParse({ ...draft(), extra: 1 }).success).toBe(false)
  })
})
