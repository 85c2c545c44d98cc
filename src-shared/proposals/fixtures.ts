import type { AddOnPriceBook, PricedTier } from './price-book'
import type { PricingContext } from './validation'

/** Test fixtures for the proposals modules: a small catalogue priced in USD, JPY and KWD. */

export const standard: PricedTier = {
  id: '01J0000000000000000000STD1',
  tierId: '01J0000000000000000000STD0',
  name: 'Standard',
  rank: 1,
  definition: {
    prices: [
      {
        currency: 'USD',
        perSeatMonthlyMinor: 2_000,
        platformFeeAnnualMinor: 500_000,
        minimumSeats: 5,
      },
    ],
  },
}

export const premium: PricedTier = {
  id: '01J0000000000000000000PRM1',
  tierId: '01J0000000000000000000PRM0',
  name: 'Premium',
  rank: 2,
  definition: {
    prices: [
      {
        currency: 'USD',
        perSeatMonthlyMinor: 4_500,
        platformFeeAnnualMinor: 1_200_000,
        minimumSeats: 10,
      },
      {
        currency: 'JPY',
        perSeatMonthlyMinor: 6_500,
        platformFeeAnnualMinor: 1_000_000,
        minimumSeats: 10,
      },
      {
        currency: 'KWD',
        perSeatMonthlyMinor: 13_750,
        platformFeeAnnualMinor: 3_700_000,
        minimumSeats: 10,
      },
    ],
  },
}

export const addOns: AddOnPriceBook = [
  {
    key: 'extra-tam-hours',
    label: 'Extra TAM hours',
    unit: 'hour',
    billing: 'per-month',
    minQuantity: 1,
    maxQuantity: 40,
    tierIds: [],
    prices: [
      { currency: 'USD', unitPriceMinor: 25_000 },
      { currency: 'JPY', unitPriceMinor: 33_333 },
    ],
  },
  {
    key: 'architecture-review',
    label: 'Architecture review',
    unit: 'review',
    billing: 'one-time',
    minQuantity: 1,
    maxQuantity: 4,
    tierIds: [premium.tierId],
    prices: [{ currency: 'USD', unitPriceMinor: 750_000 }],
  },
]

export const upgradeToPremium: PricingContext = {
  targetTier: premium,
  currentTier: standard,
  addOns,
}
