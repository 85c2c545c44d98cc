import { describe, expect, it } from 'vitest'
import { currencyDigits, formatMoney } from '../format/money'
import { minorUnitExponent } from '../model/primitives'
import { parseMoneyInput } from './money-input'

const parse = (text: string, currency: string, locale = 'en-US') =>
  parseMoneyInput(text, currency, locale, 'discount.amountMinor', 'Discount')

describe('parseMoneyInput', () => {
  it.each<[string, string, string, number]>([
    ['1,234.50', 'USD', 'en-US', 123_450],
    ['$1,234.5', 'USD', 'en-US', 123_450],
    ['1.234,50 €', 'EUR', 'de-DE', 123_450],
    ['1 234,5', 'EUR', 'fr-FR', 123_450],
    ['¥12,000', 'JPY', 'en-US', 12_000],
    ['12000', 'JPY', 'ja-JP', 12_000],
    ['1.234', 'KWD', 'en-US', 1_234],
    ['KWD 0.5', 'KWD', 'en-US', 500],
    ['.25', 'USD', 'en-US', 25],
  ])('%s in %s (%s) is %i minor units', (text, currency, locale, expected) => {
    expect(parse(text, currency, locale)).toEqual({ ok: true, amountMinor: expected })
  })

  it.each<[string, string, string]>([
    ['12.5', 'JPY', 'Discount: JPY has no minor units, enter a whole amount'],
    ['1.2345', 'KWD', 'Discount: KWD has 3 decimals at most'],
    ['-5', 'USD', 'Discount cannot be negative'],
    ['', 'USD', 'Discount must be an amount'],
    ['1.2.3', 'USD', 'Discount must be an amount like $1,234.50'],
  ])('refuses %s in %s', (text, currency, message) => {
    expect(parse(text, currency)).toEqual({
      ok: false,
      issue: { field: 'discount.amountMinor', message },
    })
  })

  it('uses the exponents Intl formats with, so what is parsed reads back the same', () => {
    for (const currency of ['USD', 'EUR', 'JPY', 'KRW', 'KWD', 'BHD']) {
      expect(minorUnitExponent(currency)).toBe(currencyDigits(currency))
    }
    const typed = formatMoney({ amountMinor: 1_234_567, currency: 'KWD' }, 'en-US')
    expect(parse(typed, 'KWD')).toEqual({ ok: true, amountMinor: 1_234_567 })
  })
})
