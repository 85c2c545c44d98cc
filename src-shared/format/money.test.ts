import { describe, expect, it } from 'vitest'
import { currencyDigits, formatMoney } from './money'

describe('money formatting', () => {
  it('knows each currency’s minor units', () => {
    expect([currencyDigits('EUR'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3])
  })

  it('formats minor units in the currency and locale', () => {
    expect(formatMoney({ amountMinor: 123_456_78, currency: 'USD' }, 'en-US')).toBe('$123,456.78')
    expect(formatMoney({ amountMinor: 123_456_78, currency: 'EUR' }, 'de-DE')).toBe(
      '123.456,78\u00a0€',
    )
    expect(formatMoney({ amountMinor: 1_500_000, currency: 'JPY' }, 'ja-JP')).toBe('￥1,500,000')
    expect(
      formatMoney({ amountMinor: 123_456_78, currency: 'USD' }, 'en-US', { whole: true }),
    ).toBe('$123,457')
  })

  it('keeps locales, currencies and precisions apart when formatting them in turn', () => {
    const amount = { amountMinor: 123_456_78, currency: 'USD' }
    expect(formatMoney(amount, 'en-US', { whole: true })).toBe('$123,457')
    expect(formatMoney(amount, 'en-US')).toBe('$123,456.78')
    expect(formatMoney({ ...amount, currency: 'EUR' }, 'en-US')).toBe('€123,456.78')
    expect(formatMoney(amount, 'de-DE')).toBe('123.456,78\u00a0$')
    expect(formatMoney({ amountMinor: 1_500, currency: 'KWD' }, 'en-US')).toBe('KWD\u00a01.500')
  })
})
