import type { AddOnPriceBook } from './price-book'

/**
 * The add-ons every workspace can sell until the catalogue stores its own book (price-book.ts
 * says why it is not in the tier model yet). Prices per currency the demo book sells in, set as
 * list prices; quantities outside the ranges need a manager's approval (approval.ts).
 */
export const defaultAddOnBook: AddOnPriceBook = [
  {
    key: 'extra-tam-hours',
    label: 'Extra TAM hours',
    unit: 'hour a month',
    billing: 'per-month',
    minQuantity: 1,
    maxQuantity: 40,
    tierIds: [],
    prices: [
      { currency: 'USD', unitPriceMinor: 25_000 },
      { currency: 'EUR', unitPriceMinor: 23_000 },
      { currency: 'GBP', unitPriceMinor: 20_000 },
      { currency: 'AUD', unitPriceMinor: 38_000 },
      { currency: 'JPY', unitPriceMinor: 37_000 },
    ],
  },
  {
    key: 'architecture-review',
    label: 'Architecture review',
    unit: 'review',
    billing: 'one-time',
    minQuantity: 1,
    maxQuantity: 4,
    tierIds: [],
    prices: [
      { currency: 'USD', unitPriceMinor: 750_000 },
      { currency: 'EUR', unitPriceMinor: 690_000 },
      { currency: 'GBP', unitPriceMinor: 590_000 },
      { currency: 'AUD', unitPriceMinor: 1_100_000 },
      { currency: 'JPY', unitPriceMinor: 1_100_000 },
    ],
  },
  {
    key: 'onboarding-session',
    label: 'Onboarding session',
    unit: 'session',
    billing: 'one-time',
    minQuantity: 1,
    maxQuantity: 10,
    tierIds: [],
    prices: [
      { currency: 'USD', unitPriceMinor: 150_000 },
      { currency: 'EUR', unitPriceMinor: 140_000 },
      { currency: 'GBP', unitPriceMinor: 120_000 },
      { currency: 'AUD', unitPriceMinor: 230_000 },
      { currency: 'JPY', unitPriceMinor: 220_000 },
    ],
  },
]
