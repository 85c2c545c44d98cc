import { z } from 'zod'

/**
 * What the pricing form holds: the inputs of a proposal's price, before anything is computed.
 * Amounts are integer minor units of `currency`; shares are 0–1 (15 % is 0.15), as everywhere
 * in Tierline. The checks a person can fix in the form live in validation.ts.
 */

export type Discount =
  | { readonly kind: 'percent'; readonly share: number }
  | { readonly kind: 'amount'; readonly amountMinor: number }

interface LineBase {
  /** Replaces the book's unit price; below book needs approval (approval.ts). */
  readonly unitPriceMinor?: number | null
  readonly discount?: Discount | null
}

export type DraftLine =
  | (LineBase & { readonly kind: 'seats'; readonly quantity: number })
  | (LineBase & { readonly kind: 'platform-fee' })
  | (LineBase & { readonly kind: 'add-on'; readonly addOnKey: string; readonly quantity: number })

/** The terms the price book sells without approval; anything else 1–60 months is custom. */
export const STANDARD_TERMS_MONTHS = [12, 24, 36] as const
export const MIN_TERM_MONTHS = 1
export const MAX_TERM_MONTHS = 60

export interface PricingDraft {
  readonly currency: string
  /** First day of the new contract (an ISO date). */
  readonly startDate: string
  readonly termMonths: number
  readonly lines: readonly DraftLine[]
  /** Applied after the line discounts, to their sum. */
  readonly discount?: Discount | null
  /** Credit for the unused part of the current contract (proration.ts), taken off what is due. */
  readonly prorationCreditMinor?: number
  /** A target tier ranked below the current one is allowed only as a downgrade with a reason. */
  readonly downgradeReason?: string | null
}

export function isStandardTerm(months: number): boolean {
  return (STANDARD_TERMS_MONTHS as readonly number[]).includes(months)
}

/**
 * The draft's shape for the IPC contract and stored versions: types only, loose bounds. The
 * business rules (no negative quantity, discounts up to 100 %, a price for every line…) are
 * checked by validation.ts, which says what is wrong in the form's words rather than zod's.
 */
const discountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent'), share: z.number() }),
  z.strictObject({ kind: z.literal('amount'), amountMinor: z.number() }),
])

const lineExtras = {
  unitPriceMinor: z.number().nullable().optional(),
  discount: discountSchema.nullable().optional(),
}

export const pricingDraftSchema = z.strictObject({
  currency: z.string().length(3),
  startDate: z.string().max(10),
  termMonths: z.number(),
  lines: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('seats'), quantity: z.number(), ...lineExtras }),
        z.strictObject({ kind: z.literal('platform-fee'), ...lineExtras }),
        z.strictObject({
          kind: z.literal('add-on'),
          addOnKey: z.string().max(40),
          quantity: z.number(),
          ...lineExtras,
        }),
      ]),
    )
    .max(30),
  discount: discountSchema.nullable().optional(),
  prorationCreditMinor: z.number().optional(),
  downgradeReason: z.string().max(2000).nullable().optional(),
}) satisfies z.ZodType<PricingDraft>
