import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TierlineError } from '../ipc/errors'
import { currencyDigits } from '../format/money'
import type { Discount, DraftLine, PricingDraft } from './draft'
import { premium, standard, upgradeToPremium } from './fixtures'
import { addMonths } from './dates'
import { priceProposal } from './pricing'
import { currentContractOf, prorationCredit } from './proration'

const draft = (overrides: Partial<PricingDraft> = {}): PricingDraft => ({
  currency: 'USD',
  startDate: '2026-03-01',
  termMonths: 12,
  lines: [{ kind: 'seats', quantity: 20 }, { kind: 'platform-fee' }],
  ...overrides,
})

const percent = (share: number): Discount => ({ kind: 'percent', share })
const amount = (amountMinor: number): Discount => ({ kind: 'amount', amountMinor })

describe('priceProposal: lines from the price book', () => {
  it.each([
    // term, seats gross (4 500 × 20 × months), platform fee (1 200 000 × months / 12)
    [12, 1_080_000, 1_200_000],
    [24, 2_160_000, 2_400_000],
    [36, 3_240_000, 3_600_000],
    [7, 630_000, 700_000],
    [1, 90_000, 100_000],
    [60, 5_400_000, 6_000_000],
  ])('a %i-month term', (termMonths, seats, platform) => {
    const priced = priceProposal(draft({ termMonths }), upgradeToPremium)
    expect(priced.lines.map((line) => line.grossMinor)).toEqual([seats, platform])
    expect(priced.totalContractValueMinor).toBe(seats + platform)
    // The price book is linear in months, so every term annualises to the same ARR.
    expect(priced.annualRecurringMinor).toBe(2_280_000)
    expect(priced.standardTerm).toBe([12, 24, 36].includes(termMonths))
  })

  it('prices add-ons by their billing: TAM hours per month, reviews once', () => {
    const priced = priceProposal(
      draft({
        lines: [
          { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 10 },
          { kind: 'add-on', addOnKey: 'architecture-review', quantity: 2 },
        ],
        termMonths: 24,
      }),
      upgradeToPremium,
    )
    expect(priced.lines.map((line) => [line.label, line.grossMinor])).toEqual([
      ['Extra TAM hours', 25_000 * 10 * 24],
      ['Architecture review', 1_500_000],
    ])
  })

  it('keeps the book price beside an entered one', () => {
    const priced = priceProposal(
      draft({ lines: [{ kind: 'seats', quantity: 20, unitPriceMinor: 4_000 }] }),
      upgradeToPremium,
    )
    expect(priced.lines[0]).toMatchObject({ listMinor: 1_080_000, grossMinor: 960_000 })
    expect(priced.listTotalMinor - priced.grossTotalMinor).toBe(120_000)
  })

  it('dates a contract from its start, month-end and leap day included', () => {
    const cases = [
      ['2026-03-01', 12, '2027-02-28', '2027-03-01'],
      ['2026-01-31', 1, '2026-02-27', '2026-02-28'],
      ['2028-01-31', 1, '2028-02-28', '2028-02-29'],
      ['2028-02-29', 12, '2029-02-27', '2029-02-28'],
      ['2028-02-29', 48, '2032-02-28', '2032-02-29'],
    ] as const
    for (const [startDate, termMonths, endDate, renewalDate] of cases) {
      expect(priceProposal(draft({ startDate, termMonths }), upgradeToPremium)).toMatchObject({
        endDate,
        renewalDate,
      })
    }
  })

  it('splits a custom term into contract years that add up to the value', () => {
    const priced = priceProposal(
      draft({ startDate: '2026-01-31', termMonths: 30, discount: percent(0.1) }),
      upgradeToPremium,
    )
    expect(priced.years.map((year) => [year.startDate, year.endDate, year.months])).toEqual([
      ['2026-01-31', '2027-01-30', 12],
      ['2027-01-31', '2028-01-30', 12],
      ['2028-01-31', '2028-07-30', 6],
    ])
    expect(priced.years.reduce((total, year) => total + year.amountMinor, 0)).toBe(
      priced.totalContractValueMinor,
    )
  })
})

describe('priceProposal: discounts', () => {
  it('applies line discounts, then the overall one to what is left', () => {
    const priced = priceProposal(
      draft({
        lines: [
          { kind: 'seats', quantity: 20, discount: percent(0.1) },
          { kind: 'platform-fee', discount: amount(200_000) },
        ],
        discount: percent(0.05),
      }),
      upgradeToPremium,
    )
    // Seats 1 080 000 − 108 000 = 972 000; platform 1 200 000 − 200 000 = 1 000 000.
    // Overall 5 % of 1 972 000 = 98 600, split 48 600 / 50 000 by the lines' weight.
    expect(
      priced.lines.map((line) => [
        line.lineDiscountMinor,
        line.overallDiscountMinor,
        line.netMinor,
      ]),
    ).toEqual([
      [108_000, 48_600, 923_400],
      [200_000, 50_000, 950_000],
    ])
    expect(priced).toMatchObject({
      lineDiscountsMinor: 308_000,
      overallDiscountMinor: 98_600,
      discountTotalMinor: 406_600,
      totalContractValueMinor: 1_873_400,
    })
  })

  it('rounds half to even: 0.5 down to 0, 1.5 and 2.5 to 2', () => {
    // One-time review at 5, 15, 25 minor units, 10 % off: 0.5, 1.5, 2.5 off.
    const priceAt = (unitPriceMinor: number) =>
      priceProposal(
        draft({
          lines: [
            {
              kind: 'add-on',
              addOnKey: 'architecture-review',
              quantity: 1,
              unitPriceMinor,
              discount: percent(0.1),
            },
          ],
        }),
        upgradeToPremium,
      ).lines[0]?.lineDiscountMinor
    expect([priceAt(5), priceAt(15), priceAt(25)]).toEqual([0, 2, 2])
  })

  it('gives the overall discount’s leftover minor units to the largest remainders, then the first line', () => {
    // Three one-yen lines, 2 yen off overall: each share is 2/3, floors are 0, and the two
    // leftover yen go to the first two lines (equal remainders, earlier line first).
    const lines: DraftLine[] = [
      { kind: 'seats', quantity: 1, unitPriceMinor: 1 },
      { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 1, unitPriceMinor: 1 },
      { kind: 'platform-fee', unitPriceMinor: 12 },
    ]
    const priced = priceProposal(
      draft({ currency: 'JPY', termMonths: 1, lines, discount: amount(2) }),
      upgradeToPremium,
    )
    expect(priced.lines.map((line) => line.grossMinor)).toEqual([1, 1, 1])
    expect(priced.lines.map((line) => line.overallDiscountMinor)).toEqual([1, 1, 0])
    expect(priced.totalContractValueMinor).toBe(1)
    // Unequal weights: 100 off 300 / 200 / 100 (JPY) → 50 / 33.3 / 16.7 → 50 / 33 / 17.
    const weighted = priceProposal(
      draft({
        currency: 'JPY',
        termMonths: 1,
        lines: [
          { kind: 'seats', quantity: 1, unitPriceMinor: 300 },
          { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 1, unitPriceMinor: 200 },
          { kind: 'platform-fee', unitPriceMinor: 1_200 },
        ],
        discount: amount(100),
      }),
      upgradeToPremium,
    )
    expect(weighted.lines.map((line) => line.overallDiscountMinor)).toEqual([50, 33, 17])
  })

  it('prices JPY without minor units and KWD with three, from the same integers', () => {
    const jpy = priceProposal(
      draft({ currency: 'JPY', termMonths: 7, discount: percent(0.15) }),
      upgradeToPremium,
    )
    // 6 500 × 20 × 7 = 910 000 yen; 1 000 000 × 7 / 12 = 583 333.33 → 583 333; 15 % off 1 493 333.
    expect(jpy.lines.map((line) => line.grossMinor)).toEqual([910_000, 583_333])
    expect(jpy.overallDiscountMinor).toBe(224_000) // 223 999.95 → 224 000
    expect(jpy.totalContractValueMinor).toBe(1_269_333)
    expect(jpy.exponent).toBe(0)
    // Annualised: 1 269 333 × 12 / 7 = 2 175 999.43 → 2 175 999.
    expect(jpy.annualRecurringMinor).toBe(2_175_999)
    const kwd = priceProposal(draft({ currency: 'KWD', termMonths: 5 }), upgradeToPremium)
    // 3 700 000 fils × 5 / 12 = 1 541 666.67 → 1 541 667.
    expect(kwd.lines.map((line) => line.grossMinor)).toEqual([13_750 * 20 * 5, 1_541_667])
    expect(kwd.exponent).toBe(3)
    // The model's exponent table agrees with what Intl formats.
    expect(['USD', 'JPY', 'KWD'].map((currency) => currencyDigits(currency))).toEqual([
      priceProposal(draft(), upgradeToPremium).exponent,
      jpy.exponent,
      kwd.exponent,
    ])
  })

  it('takes the proration credit off what is due, never below zero', () => {
    const small = priceProposal(draft({ prorationCreditMinor: 300_000 }), upgradeToPremium)
    expect(small).toMatchObject({ amountDueMinor: 1_980_000, prorationCreditUnusedMinor: 0 })
    const large = priceProposal(draft({ prorationCreditMinor: 3_000_000 }), upgradeToPremium)
    expect(large).toMatchObject({
      amountDueMinor: 0,
      prorationCreditAppliedMinor: 2_280_000,
      prorationCreditUnusedMinor: 720_000,
    })
  })
})

describe('priceProposal: refuses what it cannot price', () => {
  const fieldsOf = (run: () => unknown): string[] => {
    try {
      run()
    } catch (error) {
      if (!(error instanceof TierlineError)) throw error
      expect(error.code).toBe('validation')
      const issues = error.details?.['issues']
      return Array.isArray(issues) ? issues.map((issue: { field: string }) => issue.field) : []
    }
    throw new Error('expected a validation error')
  }

  it('names the field of each problem', () => {
    expect(fieldsOf(() => priceProposal(draft({ currency: 'EUR' }), upgradeToPremium))).toEqual([
      'currency',
    ])
    expect(
      fieldsOf(() =>
        priceProposal(
          draft({ lines: [{ kind: 'seats', quantity: -1 }], discount: percent(1.2) }),
          upgradeToPremium,
        ),
      ),
    ).toEqual(['lines.0.quantity', 'discount.share'])
    expect(
      fieldsOf(() =>
        priceProposal(draft({ termMonths: 0 }), {
          ...upgradeToPremium,
          currentTier: premium,
          targetTier: standard,
        }),
      ),
    ).toEqual(['termMonths', 'downgradeReason'])
  })
})

describe('priceProposal: properties', () => {
  const discountArb = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 1_000_000 }).map((ppm) => percent(ppm / 1_000_000)),
  )
  const lineArb = fc.record({
    seats: fc.integer({ min: 0, max: 5_000 }),
    price: fc.integer({ min: 0, max: 1_000_000 }),
    seatDiscount: discountArb,
    feeDiscount: discountArb,
    hours: fc.integer({ min: 0, max: 100 }),
  })

  it('total = sum of the lines = sum of the years, discounts never exceed the gross', () => {
    fc.assert(
      fc.property(
        lineArb,
        discountArb,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (line, overall, termMonths, currency) => {
          const priced = priceProposal(
            {
              currency,
              startDate: '2028-02-29',
              termMonths,
              lines: [
                {
                  kind: 'seats',
                  quantity: line.seats,
                  unitPriceMinor: line.price,
                  discount: line.seatDiscount,
                },
                { kind: 'platform-fee', discount: line.feeDiscount },
                ...(currency === 'KWD'
                  ? []
                  : [
                      {
                        kind: 'add-on',
                        addOnKey: 'extra-tam-hours',
                        quantity: line.hours,
                      } as const,
                    ]),
              ],
              discount: overall,
            },
            upgradeToPremium,
          )
          const total = priced.totalContractValueMinor
          expect(priced.lines.reduce((sum, l) => sum + l.netMinor, 0)).toBe(total)
          expect(priced.years.reduce((sum, y) => sum + y.amountMinor, 0)).toBe(total)
          expect(priced.grossTotalMinor - priced.discountTotalMinor).toBe(total)
          for (const l of priced.lines) {
            expect(l.netMinor).toBeGreaterThanOrEqual(0)
            expect(l.netMinor).toBeLessThanOrEqual(l.grossMinor)
          }
        },
      ),
    )
  })
})

describe('a mid-term upgrade end to end', () => {
  it('credits the unused Standard days against the new Premium contract', () => {
    // On Standard since 31 Jan 2028 (a leap year) for 12 months at 20 seats:
    // ARR 2 000 × 20 × 12 + 500 000 = 980 000; term 31 Jan 2028 → 31 Jan 2029 = 366 days.
    const current = currentContractOf({
      contractStart: '2028-01-31',
      renewalDate: addMonths('2028-01-31', 12),
      termMonths: 12,
      arr: { amountMinor: 980_000, currency: 'USD' },
    })
    const upgradeDate = '2028-08-31'
    const credit = prorationCredit(current, upgradeDate)
    // 31 Aug 2028 → 31 Jan 2029 = 153 days left: 980 000 × 153 / 366 = 409 672.13 → 409 672.
    expect(credit).toMatchObject({ termDays: 366, remainingDays: 153, creditMinor: 409_672 })
    const priced = priceProposal(
      draft({
        startDate: upgradeDate,
        termMonths: 24,
        discount: percent(0.1),
        prorationCreditMinor: credit.creditMinor,
      }),
      upgradeToPremium,
    )
    // 24 months of Premium: 2 160 000 + 2 400 000 = 4 560 000, less 10 % = 4 104 000.
    expect(priced).toMatchObject({
      endDate: '2030-08-30',
      renewalDate: '2030-08-31',
      totalContractValueMinor: 4_104_000,
      annualRecurringMinor: 2_052_000,
      prorationCreditAppliedMinor: 409_672,
      amountDueMinor: 3_694_328,
    })
  })
})
