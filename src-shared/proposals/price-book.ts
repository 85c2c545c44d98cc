import { z } from 'zod'
import { currencySchema, labelSchema, minorUnitsSchema } from '../model/primitives'
import type { Tier, TierPrice } from '../model/tier'

/**
 * Add-on price book. The tier model (`src-shared/model/tier.ts`) prices only seats and the
 * platform fee; it has no add-ons. Proposals also sell extras such as additional TAM hours or
 * architecture reviews, so this typed book is defined here, in the proposals domain, until the
 * catalogue stores one (a later issue: a `library` document kind or a tier-definition field,
 * with a migration). Each entry has a price per currency and the quantity range sold without a
 * manager's approval.
 */
export const addOnBillingSchema = z.enum(['one-time', 'per-month', 'per-year'])

export const addOnPriceSchema = z.strictObject({
  currency: currencySchema,
  unitPriceMinor: minorUnitsSchema.min(0),
})

export const addOnSchema = z
  .strictObject({
    key: z
      .string()
      .max(40)
      .regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and -'),
    label: labelSchema(120),
    /** What one unit is, for the pricing table: `hour`, `review`. */
    unit: labelSchema(40),
    /** `per-month`: unit × quantity × term months; `per-year`: prorated by months / 12. */
    billing: addOnBillingSchema,
    minQuantity: z.int().min(0).max(1_000_000),
    maxQuantity: z.int().min(0).max(1_000_000),
    /** Tier ids the add-on is sold with; empty means every tier. */
    tierIds: z.array(z.string().max(40)).max(20),
    prices: z.array(addOnPriceSchema).min(1).max(20),
  })
  .refine((addOn) => addOn.minQuantity <= addOn.maxQuantity, {
    path: ['maxQuantity'],
    message: 'must be at least minQuantity',
  })

export const addOnPriceBookSchema = z.array(addOnSchema).max(50)

export type AddOnBilling = z.infer<typeof addOnBillingSchema>
export type AddOn = Readonly<z.infer<typeof addOnSchema>>
export type AddOnPriceBook = readonly AddOn[]

/** What pricing needs of a tier version: identity, rank and its per-currency prices. */
export type PricedTier = Pick<Tier, 'id' | 'tierId' | 'name' | 'rank'> & {
  readonly definition: { readonly prices: readonly TierPrice[] }
}

export function tierPriceFor(tier: PricedTier, currency: string): TierPrice | undefined {
  return tier.definition.prices.find((price) => price.currency === currency)
}

export function addOnFor(book: AddOnPriceBook, key: string): AddOn | undefined {
  return book.find((addOn) => addOn.key === key)
}

export function addOnPriceFor(addOn: AddOn, currency: string): number | undefined {
  return addOn.prices.find((price) => price.currency === currency)?.unitPriceMinor
}

/** Whether the add-on may be sold with this tier at all (its `tierIds` list, empty = any). */
export function addOnSoldWith(addOn: AddOn, tier: PricedTier): boolean {
  return addOn.tierIds.length === 0 || addOn.tierIds.includes(tier.tierId)
}
