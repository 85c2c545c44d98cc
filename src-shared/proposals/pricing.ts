import { minorUnitExponent } from '../model/primitives'
import type { Discount, PricingDraft } from './draft'
import { isStandardTerm } from './draft'
import { addDays, addMonths } from './dates'
import type { ResolvedLine } from './line-amounts'
import { lineAmount, resolveLine } from './line-amounts'
import {
  allocate,
  divideHalfEven,
  SHARE_SCALE,
  shareToMillionths,
  toMinorNumber,
} from './money-math'
import type { PricingContext } from './validation'
import { invalidInput, pricingIssues } from './validation'

/**
 * A proposal's price from the target tier's price book: lines, discounts, term, totals and
 * annualised values, all in integer minor units of the draft's currency.
 *
 * Order of operations (each step rounds half to even to the minor unit, see money-math.ts):
 * 1. gross per line = unit price × quantity × term (per-year items × months / 12);
 * 2. line discount: percent of the gross (rounded) or the entered amount;
 * 3. overall discount: percent of the sum after line discounts (rounded once, on the sum) or
 *    the entered amount, then split over the lines by largest remainder, so the lines' nets add
 *    up to the total to the minor unit and a proposal never shows a total its lines do not make;
 * 4. total contract value = Σ nets; ARR = TCV × 12 / term months (rounded); the contract years
 *    split TCV by months (largest remainder) and add up to it exactly.
 * The arithmetic is on integers, so it works the same for JPY (no minor unit), EUR (2) and KWD
 * (3): only formatting needs the exponent, which the result carries.
 */

export interface PricedLine {
  readonly index: number
  readonly kind: ResolvedLine['kind']
  readonly key: string
  readonly label: string
  readonly unit: string
  readonly billing: ResolvedLine['billing']
  readonly quantity: number
  readonly bookUnitPriceMinor: number
  readonly unitPriceMinor: number
  readonly minQuantity: number
  readonly maxQuantity: number | null
  /** At the book's unit price, before any discount: what the price book says. */
  readonly listMinor: number
  /** At the charged unit price, before discounts. */
  readonly grossMinor: number
  readonly lineDiscountMinor: number
  /** This line's share of the overall discount. */
  readonly overallDiscountMinor: number
  readonly netMinor: number
}

export interface ContractYear {
  /** 1-based. */
  readonly year: number
  readonly startDate: string
  /** Last day of the year (inclusive). */
  readonly endDate: string
  readonly months: number
  readonly amountMinor: number
}

export interface PricedProposal {
  readonly currency: string
  /** Minor-unit digits (0 for JPY, 3 for KWD), for formatting. */
  readonly exponent: number
  readonly termMonths: number
  readonly standardTerm: boolean
  readonly startDate: string
  /** Last day of the new contract (inclusive). */
  readonly endDate: string
  /** First day after the contract, as accounts store `renewalDate`. */
  readonly renewalDate: string
  readonly lines: readonly PricedLine[]
  readonly listTotalMinor: number
  readonly grossTotalMinor: number
  readonly lineDiscountsMinor: number
  readonly overallDiscountMinor: number
  readonly discountTotalMinor: number
  /** The new contract's value over its whole term, after every discount. */
  readonly totalContractValueMinor: number
  /** TCV annualised: × 12 / term months. */
  readonly annualRecurringMinor: number
  readonly years: readonly ContractYear[]
  /** The credit taken off what is due (at most the TCV) and what is left over. */
  readonly prorationCreditAppliedMinor: number
  readonly prorationCreditUnusedMinor: number
  /** TCV less the applied proration credit. */
  readonly amountDueMinor: number
}

/** Prices a draft; throws a `validation` TierlineError naming each field when it cannot. */
export function priceProposal(draft: PricingDraft, context: PricingContext): PricedProposal {
  const issues = pricingIssues(draft, context)
  if (issues.length > 0) throw invalidInput('pricing', issues)

  const months = draft.termMonths
  const resolved = draft.lines.map((line, index) => {
    const found = resolveLine(line, index, draft.currency, context)
    // Validation has refused unknown add-ons and missing prices, so these hold.
    if (found === null || found.bookUnitPriceMinor === null || found.unitPriceMinor === null) {
      throw new RangeError(`line ${index} was validated but does not price`)
    }
    return {
      ...found,
      bookUnitPriceMinor: found.bookUnitPriceMinor,
      unitPriceMinor: found.unitPriceMinor,
    }
  })

  const list = resolved.map((line) =>
    lineAmount(line.billing, line.bookUnitPriceMinor, line.quantity, months),
  )
  const gross = resolved.map((line) =>
    lineAmount(line.billing, line.unitPriceMinor, line.quantity, months),
  )
  const lineDiscounts = draft.lines.map((line, index) =>
    discountMinor(line.discount ?? null, gross[index] ?? 0n),
  )
  const afterLine = gross.map((amount, index) => amount - (lineDiscounts[index] ?? 0n))
  const subtotal = sum(afterLine)
  const overall = discountMinor(draft.discount ?? null, subtotal)
  const overallShares = allocate(overall, afterLine)
  const nets = afterLine.map((amount, index) => amount - (overallShares[index] ?? 0n))
  const tcv = sum(nets)

  const renewalDate = addMonths(draft.startDate, months)
  const credit = BigInt(draft.prorationCreditMinor ?? 0)
  const applied = credit < tcv ? credit : tcv

  return {
    currency: draft.currency,
    exponent: minorUnitExponent(draft.currency),
    termMonths: months,
    standardTerm: isStandardTerm(months),
    startDate: draft.startDate,
    endDate: addDays(renewalDate, -1),
    renewalDate,
    lines: resolved.map((line, index) => ({
      index: line.index,
      kind: line.kind,
      key: line.key,
      label: line.label,
      unit: line.unit,
      billing: line.billing,
      quantity: line.quantity,
      bookUnitPriceMinor: line.bookUnitPriceMinor,
      unitPriceMinor: line.unitPriceMinor,
      minQuantity: line.minQuantity,
      maxQuantity: line.maxQuantity,
      listMinor: toMinorNumber(list[index] ?? 0n),
      grossMinor: toMinorNumber(gross[index] ?? 0n),
      lineDiscountMinor: toMinorNumber(lineDiscounts[index] ?? 0n),
      overallDiscountMinor: toMinorNumber(overallShares[index] ?? 0n),
      netMinor: toMinorNumber(nets[index] ?? 0n),
    })),
    listTotalMinor: toMinorNumber(sum(list)),
    grossTotalMinor: toMinorNumber(sum(gross)),
    lineDiscountsMinor: toMinorNumber(sum(lineDiscounts)),
    overallDiscountMinor: toMinorNumber(overall),
    discountTotalMinor: toMinorNumber(sum(lineDiscounts) + overall),
    totalContractValueMinor: toMinorNumber(tcv),
    annualRecurringMinor: toMinorNumber(divideHalfEven(tcv * 12n, BigInt(months))),
    years: contractYears(draft.startDate, months, tcv),
    prorationCreditAppliedMinor: toMinorNumber(applied),
    prorationCreditUnusedMinor: toMinorNumber(credit - applied),
    amountDueMinor: toMinorNumber(tcv - applied),
  }
}

/** A discount in minor units against `base`; percent rounds half to even. */
export function discountMinor(discount: Discount | null, base: bigint): bigint {
  if (discount === null) return 0n
  if (discount.kind === 'amount') return BigInt(discount.amountMinor)
  return divideHalfEven(base * shareToMillionths(discount.share), SHARE_SCALE)
}

/** Contract years of 12 months (the last one shorter for a custom term), TCV split by months. */
function contractYears(startDate: string, months: number, tcv: bigint): ContractYear[] {
  const spans: number[] = []
  for (let left = months; left > 0; left -= 12) spans.push(Math.min(12, left))
  const amounts = allocate(tcv, spans.map(BigInt))
  return spans.map((span, index) => {
    const from = addMonths(startDate, index * 12)
    const to = addMonths(startDate, index * 12 + span)
    return {
      year: index + 1,
      startDate: from,
      endDate: addDays(to, -1),
      months: span,
      amountMinor: toMinorNumber(amounts[index] ?? 0n),
    }
  })
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n)
}
