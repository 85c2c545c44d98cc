import type { Money } from '../model/primitives'

// Building an Intl.NumberFormat costs far more than formatting with one (a table repaint formats
// dozens of amounts, exports thousands); they are immutable, so each is built once and kept.
const digitsByCurrency = new Map<string, number>()
const formatters = new Map<string, Intl.NumberFormat>()

/** Minor-unit digits of a currency as Intl knows them: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency)
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    digitsByCurrency.set(currency, digits)
  }
  return digits
}

/** Formats money kept in integer minor units, in the money's own currency and the given locale. */
export function formatMoney(
  money: Money,
  locale: string,
  options: { readonly whole?: boolean } = {},
): string {
  const whole = options.whole === true
  const key = `${locale}|${money.currency}|${whole ? 'whole' : 'minor'}`
  let formatter = formatters.get(key)
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    })
    formatters.set(key, formatter)
  }
  return formatter.format(money.amountMinor / 10 ** currencyDigits(money.currency))
}
