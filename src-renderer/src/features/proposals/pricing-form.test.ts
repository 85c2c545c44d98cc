import { describe, expect, it } from 'vitest'
import type { PricingDraft } from '@shared/proposals/draft'
import { amountText, draftOfForm, formOfDraft, noDiscount, type PricingForm } from './pricing-form'

const draft: PricingDraft = {
  currency: 'EUR',
  startDate: '2027-01-31',
  termMonths: 24,
  lines: [
    { kind: 'seats', quantity: 120, discount: { kind: 'percent', share: 0.125 } },
    { kind: 'platform-fee', unitPriceMinor: 1_234_550 },
    {
      kind: 'add-on',
      addOnKey: 'extra-tam-hours',
      quantity: 10,
      discount: { kind: 'amount', amountMinor: 50_000 },
    },
  ],
  discount: { kind: 'percent', share: 0.2 },
  prorationCreditMinor: 99_999,
  downgradeReason: null,
}

describe('pricing form', () => {
  it('round-trips a stored draft through the form, in a locale with a decimal comma', () => {
    const form = formOfDraft(draft, 'de-DE')
    expect(form.lines[0]?.discount).toEqual({ mode: 'percent', percent: 12.5, amountText: '' })
    expect(form.lines[1]?.unitPriceText).toBe('12345,5')
    expect(form.prorationCreditText).toBe('999,99')
    expect(form.term).toBe('24')
    const back = draftOfForm(form, 'de-DE', null)
    expect(back.issues).toEqual([])
    expect(back.draft).toEqual({
      ...draft,
      lines: [
        { ...draft.lines[0], unitPriceMinor: null },
        { ...draft.lines[1], discount: null },
        { ...draft.lines[2], unitPriceMinor: null },
      ],
    })
  })

  it('keeps a custom term and JPY amounts without minor units', () => {
    const form = formOfDraft({ ...draft, currency: 'JPY', termMonths: 18 }, 'en-US')
    expect(form.term).toBe('custom')
    expect(amountText(1_234_550, 'JPY', 'en-US')).toBe('1234550')
    expect(draftOfForm(form, 'en-US', null).draft.termMonths).toBe(18)
  })

  it('sends a negative quantity and a discount over 100 % as typed: main names them', () => {
    const form: PricingForm = {
      ...formOfDraft(draft, 'en-US'),
      discount: { mode: 'percent', percent: 120, amountText: '' },
    }
    const first = form.lines[0]
    if (first === undefined) throw new Error('no seats line')
    first.quantity = -5
    const { draft: sent, issues } = draftOfForm(form, 'en-US', null)
    expect(issues).toEqual([])
    expect(sent.lines[0]).toMatchObject({ kind: 'seats', quantity: -5 })
    expect(sent.discount).toEqual({ kind: 'percent', share: 1.2 })
  })

  it('reports what it cannot read under the field and prices the rest', () => {
    const form = formOfDraft(draft, 'en-US')
    const [seats, , addOn] = form.lines
    if (seats === undefined || addOn === undefined) throw new Error('lines missing')
    seats.quantity = ''
    addOn.unitPriceText = '12.345'
    form.discount = { mode: 'amount', percent: '', amountText: '' }
    form.prorationCreditText = '-3'
    const { draft: sent, issues } = draftOfForm(form, 'en-US', 'smaller team')
    expect(issues.map((issue) => issue.field)).toEqual([
      'lines.0.quantity',
      'lines.2.unitPriceMinor',
      'prorationCreditMinor',
      'discount.amountMinor',
    ])
    expect(sent.lines[0]).toMatchObject({ quantity: 0 })
    expect(sent.lines[2]).toMatchObject({ unitPriceMinor: null })
    expect(sent.discount).toBeNull()
    expect(sent.prorationCreditMinor).toBeUndefined()
    expect(sent.downgradeReason).toBe('smaller team')
  })

  it('has no discount until one is chosen', () => {
    expect(noDiscount()).toEqual({ mode: 'none', percent: '', amountText: '' })
  })
})
