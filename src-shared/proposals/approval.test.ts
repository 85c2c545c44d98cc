import { describe, expect, it } from 'vitest'
import { TierlineError } from '../ipc/errors'
import { approvalCheck } from './approval'
import type { Discount, PricingDraft } from './draft'
import { upgradeToPremium } from './fixtures'
import { priceProposal } from './pricing'

const draft = (overrides: Partial<PricingDraft> = {}): PricingDraft => ({
  currency: 'USD',
  startDate: '2026-03-01',
  termMonths: 12,
  // Seats 4 500 × 20 × 12 = 1 080 000; platform fee 1 200 000; together 2 280 000.
  lines: [{ kind: 'seats', quantity: 20 }, { kind: 'platform-fee' }],
  ...overrides,
})
const percent = (share: number): Discount => ({ kind: 'percent', share })
const amount = (amountMinor: number): Discount => ({ kind: 'amount', amountMinor })

const check = (input: PricingDraft, thresholdShare?: number) =>
  approvalCheck(input, priceProposal(input, upgradeToPremium), { thresholdShare })
const codes = (input: PricingDraft, thresholdShare?: number) =>
  check(input, thresholdShare).reasons.map((reason) => `${reason.code} ${reason.field}`)

describe('approvalCheck', () => {
  it.each<[string, PricingDraft, string[]]>([
    ['book price, standard term', draft(), []],
    ['exactly 15 % overall', draft({ discount: percent(0.15) }), []],
    [
      'just above 15 % overall',
      draft({ discount: percent(0.1501) }),
      ['overall-discount discount'],
    ],
    ['20 % overall', draft({ discount: percent(0.2) }), ['overall-discount discount']],
    ['exactly 15 % as an amount', draft({ discount: amount(342_000) }), []],
    [
      'one cent above 15 % as an amount',
      draft({ discount: amount(342_001) }),
      ['overall-discount discount'],
    ],
    [
      'exactly 15 % on a line',
      draft({
        lines: [
          { kind: 'seats', quantity: 20, discount: amount(162_000) },
          { kind: 'platform-fee' },
        ],
      }),
      [],
    ],
    [
      'above 15 % on a line',
      draft({
        lines: [
          { kind: 'seats', quantity: 20, discount: amount(162_001) },
          { kind: 'platform-fee' },
        ],
      }),
      ['line-discount lines.0.discount'],
    ],
    [
      '20 % on a line, small overall',
      draft({
        lines: [
          { kind: 'seats', quantity: 20 },
          { kind: 'platform-fee', discount: percent(0.2) },
        ],
        discount: percent(0.01),
      }),
      ['line-discount lines.1.discount'],
    ],
    [
      '10 % + 10 % stack to 19 %',
      draft({
        lines: [
          { kind: 'seats', quantity: 20, discount: percent(0.1) },
          { kind: 'platform-fee', discount: percent(0.1) },
        ],
        discount: percent(0.1),
      }),
      ['combined-discount discount'],
    ],
    [
      '10 % + 5 % stack to 14.5 %',
      draft({
        lines: [
          { kind: 'seats', quantity: 20, discount: percent(0.1) },
          { kind: 'platform-fee', discount: percent(0.1) },
        ],
        discount: percent(0.05),
      }),
      [],
    ],
    ['a custom 18-month term', draft({ termMonths: 18 }), ['custom-term termMonths']],
    [
      'a unit price below book',
      draft({
        lines: [{ kind: 'seats', quantity: 20, unitPriceMinor: 4_499 }, { kind: 'platform-fee' }],
      }),
      ['price-below-book lines.0.unitPriceMinor'],
    ],
    [
      'a unit price above book',
      draft({
        lines: [{ kind: 'seats', quantity: 20, unitPriceMinor: 5_000 }, { kind: 'platform-fee' }],
      }),
      [],
    ],
    [
      'seats under the tier minimum, TAM hours over the range',
      draft({
        lines: [
          { kind: 'seats', quantity: 9 },
          { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 41 },
          { kind: 'add-on', addOnKey: 'architecture-review', quantity: 4 },
        ],
      }),
      ['quantity-below-range lines.0.quantity', 'quantity-above-range lines.1.quantity'],
    ],
  ])('%s', (_, input, expected) => {
    expect(codes(input)).toEqual(expected)
    expect(check(input).required).toBe(expected.length > 0)
  })

  it('takes the threshold as a setting', () => {
    const twelve = draft({ discount: percent(0.12) })
    expect(codes(twelve, 0.1)).toEqual(['overall-discount discount'])
    expect(codes(twelve, 0.12)).toEqual([])
    expect(codes(draft({ discount: percent(0.0001) }), 0)).toEqual(['overall-discount discount'])
    expect(() => codes(twelve, 1.5)).toThrow(TierlineError)
  })

  it('says why in the form’s words', () => {
    const reasons = check(
      draft({
        termMonths: 30,
        lines: [{ kind: 'seats', quantity: 20, unitPriceMinor: 4_000 }, { kind: 'platform-fee' }],
        discount: percent(0.2),
      }),
    ).reasons.map((reason) => reason.message)
    expect(reasons).toEqual([
      'Seats: unit price $40.00 is below the price book’s $45.00',
      'A 20% overall discount is above the 15% that needs no approval',
      'A 30-month term is not one of the price book’s 12, 24, 36 months',
    ])
  })
})
