import type { Money } from '../model/primitives'

/** Minor-unit digits of a currency as Intl knows them: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  )
}

/** Formats money kept in integer minor units, in the money's own currency and the given locale. */
export function formatMoney(
  money: Money,
  locale: string,
  options: { readonly whole?: boolean } = {},
): string {
  const digits = currencyDigits(money.currency)
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    ...(options.whole === true ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
  }).format(money.amountMinor / 10 ** digits)
}
