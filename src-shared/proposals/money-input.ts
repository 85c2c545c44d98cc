import type { FieldIssue } from '../ipc/errors'
import { minorUnitExponent } from '../model/primitives'

/**
 * Turns an amount typed into the pricing form ("1,234.50" in en-US, "1.234,50" in de-DE,
 * "¥12,000") into integer minor units of the currency, using the currency's exponent: JPY has
 * no minor unit, so "12.5" yen is refused rather than rounded; KWD has three, so "1.234" is
 * 1 234 fils. The exponent comes from the model's table (`minorUnitExponent`), which the tests
 * check against what `Intl.NumberFormat` formats, so parsing and display agree.
 */
export type MoneyInputResult =
  | { readonly ok: true; readonly amountMinor: number }
  | { readonly ok: false; readonly issue: FieldIssue }

export function parseMoneyInput(
  text: string,
  currency: string,
  locale: string,
  field: string,
  label: string,
): MoneyInputResult {
  const fail = (message: string): MoneyInputResult => ({ ok: false, issue: { field, message } })
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5)
  const group = parts.find((part) => part.type === 'group')?.value ?? ','
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.'
  // Group separators, spaces (incl. the no-break spaces some locales group with) and any
  // currency symbol or code are decoration; what is left must be digits and one decimal mark.
  const cleaned = text
    .trim()
    .replaceAll(currency, '')
    .replace(/[^\d\-.,'’\s\u00a0\u202f]/gu, '')
    .split(group)
    .join('')
    .replace(/[\s\u00a0\u202f]/gu, '')
  if (cleaned === '') return fail(`${label} must be an amount`)
  if (cleaned.startsWith('-')) return fail(`${label} cannot be negative`)
  const [whole = '', fraction = '', ...rest] = cleaned.split(decimal)
  if (
    rest.length > 0 ||
    !/^\d*$/.test(whole) ||
    !/^\d*$/.test(fraction) ||
    whole + fraction === ''
  ) {
    return fail(
      `${label} must be an amount like ${new Intl.NumberFormat(locale, { style: 'currency', currency }).format(1234.5)}`,
    )
  }
  const exponent = minorUnitExponent(currency)
  if (fraction.length > exponent) {
    return fail(
      exponent === 0
        ? `${label}: ${currency} has no minor units, enter a whole amount`
        : `${label}: ${currency} has ${exponent} decimals at most`,
    )
  }
  const minor =
    BigInt(whole || '0') * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0')
  if (minor > 1_000_000_000_000_000n) return fail(`${label} is too large`)
  return { ok: true, amountMinor: Number(minor) }
}
