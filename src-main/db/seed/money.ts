import { minorUnitExponent } from '@shared/model/primitives'

/** Currencies the demo book sells in, and the FX rates the workspace settings carry. */
export const currencies = ['USD', 'EUR', 'GBP', 'AUD', 'JPY'] as const
export type Currency = (typeof currencies)[number]

export const REPORTING_CURRENCY = 'USD'

/** USD per unit of each currency. */
export const usdPerUnit: Readonly<Record<Currency, number>> = {
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  AUD: 0.66,
  JPY: 0.0067,
}

/** Rounds to two significant figures, the way list prices are set. */
function listRound(value: number): number {
  if (value <= 0) return 0
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1)
  return Math.round(value / step) * step
}

/** A USD price (cents) as a list price in `currency`'s minor units. */
export function localPrice(usdMinor: number, currency: Currency): number {
  const major = usdMinor / 100 / usdPerUnit[currency]
  return listRound(major * 10 ** minorUnitExponent(currency))
}

/** An amount in `currency` minor units as USD cents, for the reporting index. */
export function toReportingMinor(amountMinor: number, currency: Currency): number {
  return Math.round((amountMinor / 10 ** minorUnitExponent(currency)) * usdPerUnit[currency] * 100)
}

/** The product's own list price per seat and month (the subscription, not support). */
export const PRODUCT_SEAT_PRICE_USD_MINOR = 3_000
