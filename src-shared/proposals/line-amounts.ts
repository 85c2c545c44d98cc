import type { AddOnBilling, AddOnPriceBook, PricedTier } from './price-book'
import { addOnFor, addOnPriceFor, addOnSoldWith, tierPriceFor } from './price-book'
import type { DraftLine } from './draft'
import { divideHalfEven } from './money-math'

/** A draft line joined with its price-book entry: what both validation and pricing read. */
export interface ResolvedLine {
  readonly index: number
  readonly kind: DraftLine['kind']
  /** `seats`, `platform-fee` or the add-on's key. */
  readonly key: string
  /** In the form's words: "Seats", "Platform fee", the add-on's label. */
  readonly label: string
  readonly unit: string
  readonly billing: AddOnBilling
  readonly quantity: number
  /** The book price; `null` when the book has none for the currency (a validation error). */
  readonly bookUnitPriceMinor: number | null
  /** What is charged: the entered unit price, else the book's. */
  readonly unitPriceMinor: number | null
  /** Quantities sold without approval; `maxQuantity` null means no upper bound. */
  readonly minQuantity: number
  readonly maxQuantity: number | null
}

export interface LineContext {
  readonly targetTier: PricedTier
  readonly addOns: AddOnPriceBook
}

/**
 * Joins a line with the book for `currency`; `null` when the line names an add-on the book
 * does not have (validation reports it).
 */
export function resolveLine(
  line: DraftLine,
  index: number,
  currency: string,
  context: LineContext,
): ResolvedLine | null {
  const entered = line.unitPriceMinor ?? null
  if (line.kind === 'seats' || line.kind === 'platform-fee') {
    const price = tierPriceFor(context.targetTier, currency)
    const seats = line.kind === 'seats'
    const book =
      price === undefined ? null : seats ? price.perSeatMonthlyMinor : price.platformFeeAnnualMinor
    return {
      index,
      kind: line.kind,
      key: line.kind,
      label: seats ? 'Seats' : 'Platform fee',
      unit: seats ? 'seat' : 'year',
      billing: seats ? 'per-month' : 'per-year',
      quantity: seats ? line.quantity : 1,
      bookUnitPriceMinor: book,
      unitPriceMinor: entered ?? book,
      minQuantity: seats ? (price?.minimumSeats ?? 0) : 1,
      maxQuantity: seats ? null : 1,
    }
  }
  const addOn = addOnFor(context.addOns, line.addOnKey)
  if (addOn === undefined || !addOnSoldWith(addOn, context.targetTier)) return null
  const book = addOnPriceFor(addOn, currency) ?? null
  return {
    index,
    kind: 'add-on',
    key: addOn.key,
    label: addOn.label,
    unit: addOn.unit,
    billing: addOn.billing,
    quantity: line.quantity,
    bookUnitPriceMinor: book,
    unitPriceMinor: entered ?? book,
    minQuantity: addOn.minQuantity,
    maxQuantity: addOn.maxQuantity,
  }
}

/**
 * A line's amount over the term at `unitPriceMinor`: per month × months; per year × months / 12
 * (rounded half to even — a 7-month platform fee is 7/12 of the annual one); one-time once.
 */
export function lineAmount(
  billing: AddOnBilling,
  unitPriceMinor: number,
  quantity: number,
  termMonths: number,
): bigint {
  const base = BigInt(unitPriceMinor) * BigInt(quantity)
  switch (billing) {
    case 'per-month':
      return base * BigInt(termMonths)
    case 'per-year':
      return divideHalfEven(base * BigInt(termMonths), 12n)
    case 'one-time':
      return base
  }
}
