import { formatMoney } from '../format/money'
import { invalidInput } from './validation'
import type { Discount, PricingDraft } from './draft'
import { STANDARD_TERMS_MONTHS } from './draft'
import { SHARE_SCALE, shareToMillionths } from './money-math'
import type { PricedProposal } from './pricing'

/**
 * Whether a priced proposal needs a manager's approval before it can leave without a DRAFT
 * watermark, and why. A proposal needs one when any discount is *above* the threshold (a
 * workspace setting, 15 % by default; exactly 15 % does not need it) or when its terms are
 * outside the price book: a custom term, a unit price below the book's, a quantity outside the
 * range the book sells. Discounts are compared exactly (in millionths, cross-multiplied on
 * integers), so a rounded display never decides whether approval is needed.
 */

export const DEFAULT_APPROVAL_THRESHOLD_SHARE = 0.15

export type ApprovalReasonCode =
  | 'line-discount'
  | 'overall-discount'
  | 'combined-discount'
  | 'custom-term'
  | 'price-below-book'
  | 'quantity-below-range'
  | 'quantity-above-range'

export interface ApprovalReason {
  readonly code: ApprovalReasonCode
  /** The form field the reason is about, as validation names fields. */
  readonly field: string
  readonly message: string
}

export interface ApprovalCheck {
  readonly required: boolean
  readonly reasons: readonly ApprovalReason[]
}

export interface ApprovalOptions {
  /** Share 0–1 above which a discount needs approval. */
  readonly thresholdShare?: number
  readonly locale?: string
}

export function approvalCheck(
  draft: PricingDraft,
  priced: PricedProposal,
  options: ApprovalOptions = {},
): ApprovalCheck {
  const threshold = options.thresholdShare ?? DEFAULT_APPROVAL_THRESHOLD_SHARE
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw invalidInput('approval threshold', [
      { field: 'approvalThreshold', message: 'Approval threshold must be from 0 % to 100 %' },
    ])
  }
  const locale = options.locale ?? 'en-US'
  const limit = shareToMillionths(threshold)
  const percent = (share: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }).format(share)
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: priced.currency }, locale)
  /** Whether `part / whole` is above the threshold, exactly. */
  const above = (part: number, whole: number) =>
    whole > 0 && BigInt(part) * SHARE_SCALE > limit * BigInt(whole)
  const discountAbove = (discount: Discount | null | undefined, applied: number, base: number) =>
    discount !== null &&
    discount !== undefined &&
    (discount.kind === 'percent' ? shareToMillionths(discount.share) > limit : above(applied, base))
  const shareText = (discount: Discount, applied: number, base: number) =>
    percent(discount.kind === 'percent' ? discount.share : applied / base)

  const reasons: ApprovalReason[] = []
  priced.lines.forEach((line) => {
    const at = `lines.${line.index}`
    const discount = draft.lines[line.index]?.discount
    if (discount && discountAbove(discount, line.lineDiscountMinor, line.grossMinor)) {
      reasons.push({
        code: 'line-discount',
        field: `${at}.discount`,
        message: `${line.label}: a ${shareText(discount, line.lineDiscountMinor, line.grossMinor)} discount is above the ${percent(threshold)} that needs no approval`,
      })
    }
    if (line.unitPriceMinor < line.bookUnitPriceMinor) {
      reasons.push({
        code: 'price-below-book',
        field: `${at}.unitPriceMinor`,
        message: `${line.label}: unit price ${money(line.unitPriceMinor)} is below the price book’s ${money(line.bookUnitPriceMinor)}`,
      })
    }
    if (line.quantity < line.minQuantity) {
      reasons.push({
        code: 'quantity-below-range',
        field: `${at}.quantity`,
        message: `${line.label}: ${line.quantity} is below the price book’s minimum of ${line.minQuantity}`,
      })
    }
    if (line.maxQuantity !== null && line.quantity > line.maxQuantity) {
      reasons.push({
        code: 'quantity-above-range',
        field: `${at}.quantity`,
        message: `${line.label}: ${line.quantity} is above the price book’s maximum of ${line.maxQuantity}`,
      })
    }
  })

  const afterLines = priced.grossTotalMinor - priced.lineDiscountsMinor
  const overall = draft.discount
  if (overall && discountAbove(overall, priced.overallDiscountMinor, afterLines)) {
    reasons.push({
      code: 'overall-discount',
      field: 'discount',
      message: `A ${shareText(overall, priced.overallDiscountMinor, afterLines)} overall discount is above the ${percent(threshold)} that needs no approval`,
    })
  }
  // Discounts that are each within the threshold can still stack above it (10 % on a line and
  // 10 % overall is 19 % off); said once, only when no single discount has been named already.
  const anyDiscountNamed = reasons.some(
    (reason) => reason.code === 'line-discount' || reason.code === 'overall-discount',
  )
  if (!anyDiscountNamed && above(priced.discountTotalMinor, priced.grossTotalMinor)) {
    reasons.push({
      code: 'combined-discount',
      field: 'discount',
      message: `The discounts together take ${percent(priced.discountTotalMinor / priced.grossTotalMinor)} off, above the ${percent(threshold)} that needs no approval`,
    })
  }
  if (!priced.standardTerm) {
    reasons.push({
      code: 'custom-term',
      field: 'termMonths',
      message: `A ${priced.termMonths}-month term is not one of the price book’s ${STANDARD_TERMS_MONTHS.join(', ')} months`,
    })
  }
  return { required: reasons.length > 0, reasons }
}
