import { formatMoney } from '../format/money'
import type { FieldIssue } from '../ipc/errors'
import { TierlineError } from '../ipc/errors'
import type { Discount, PricingDraft } from './draft'
import { MAX_TERM_MONTHS, MIN_TERM_MONTHS } from './draft'
import { isCalendarDate } from './dates'
import type { LineContext, ResolvedLine } from './line-amounts'
import { lineAmount, resolveLine } from './line-amounts'
import { divideHalfEven, MAX_MINOR, SHARE_SCALE, shareToMillionths } from './money-math'
import type { PricedTier } from './price-book'
import { addOnFor } from './price-book'

/**
 * Checks on the pricing form that a person can fix, each naming the field by its dotted path
 * (`lines.2.quantity`, `discount.amountMinor`) and saying what is wrong in the form's words.
 * Pricing refuses a draft with any of them, so an invalid version is never computed or saved.
 */

export interface PricingContext extends LineContext {
  /** The tier the account is on today, to tell an upgrade from a downgrade. */
  readonly currentTier: Pick<PricedTier, 'tierId' | 'name' | 'rank'>
  /** Locale for amounts inside messages. */
  readonly locale?: string
}

const isWhole = (value: number) => Number.isSafeInteger(value)

export function pricingIssues(draft: PricingDraft, context: PricingContext): FieldIssue[] {
  const issues: FieldIssue[] = []
  const add = (field: string, message: string) => issues.push({ field, message })
  const money = (amount: bigint | number) =>
    formatMoney(
      { amountMinor: Number(amount), currency: draft.currency },
      context.locale ?? 'en-US',
    )

  const { targetTier, currentTier } = context
  const priced = targetTier.definition.prices.map((price) => price.currency)
  const currencyKnown = priced.includes(draft.currency)
  if (!currencyKnown) {
    add(
      'currency',
      `${targetTier.name} has no price list in ${draft.currency}; it is priced in ${priced.join(', ')}`,
    )
  }
  if (!isCalendarDate(draft.startDate))
    add('startDate', 'Start date must be a date like 2026-11-01')
  const termOk =
    isWhole(draft.termMonths) &&
    draft.termMonths >= MIN_TERM_MONTHS &&
    draft.termMonths <= MAX_TERM_MONTHS
  if (!termOk) {
    add(
      'termMonths',
      `Term must be a whole number of months from ${MIN_TERM_MONTHS} to ${MAX_TERM_MONTHS}`,
    )
  }
  if (targetTier.rank < currentTier.rank && (draft.downgradeReason ?? '').trim() === '') {
    add(
      'downgradeReason',
      `${targetTier.name} is below the current ${currentTier.name}: mark the proposal as a downgrade and give a reason`,
    )
  }
  if (draft.lines.length === 0) add('lines', 'Add at least one line')

  const seen = new Set<string>()
  let subtotal = 0n
  let linesPriced = true
  draft.lines.forEach((line, index) => {
    const at = `lines.${index}`
    const resolved = resolveLine(line, index, draft.currency, context)
    if (resolved === null) {
      const known = line.kind === 'add-on' && addOnFor(context.addOns, line.addOnKey) !== undefined
      add(
        `${at}.addOnKey`,
        known
          ? `This add-on is not sold with ${targetTier.name}`
          : 'This add-on is not in the price book',
      )
      linesPriced = false
      return
    }
    if (seen.has(resolved.key)) add(at, `${resolved.label} is already on the proposal`)
    seen.add(resolved.key)

    let amountOk = true
    if (!isWhole(resolved.quantity)) {
      add(`${at}.quantity`, `${resolved.label}: quantity must be a whole number`)
      amountOk = false
    } else if (resolved.quantity < 0) {
      add(`${at}.quantity`, `${resolved.label}: quantity cannot be negative`)
      amountOk = false
    }
    const entered = line.unitPriceMinor ?? null
    if (entered !== null && (!isWhole(entered) || entered < 0)) {
      add(`${at}.unitPriceMinor`, `${resolved.label}: unit price must be zero or more`)
      amountOk = false
    } else if (resolved.bookUnitPriceMinor === null && currencyKnown) {
      add(
        `${at}.unitPriceMinor`,
        `${resolved.label} has no ${draft.currency} price in the price book`,
      )
      amountOk = false
    }
    if (resolved.unitPriceMinor === null || !amountOk || !termOk || !currencyKnown) {
      linesPriced = false
      return
    }
    const gross = grossOf(resolved, draft.termMonths)
    if (gross > MAX_MINOR) {
      add(`${at}.quantity`, `${resolved.label}: the amount is too large to price`)
      linesPriced = false
      return
    }
    const discount = line.discount ?? null
    const discountMinor = discountIssues(
      discount,
      gross,
      `${at}.discount`,
      `${resolved.label} discount`,
      add,
      money,
    )
    if (discountMinor === null) linesPriced = false
    else subtotal += gross - discountMinor
  })

  if (linesPriced && subtotal > MAX_MINOR) {
    add('lines', 'The total is too large to price')
  } else if (linesPriced) {
    discountIssues(draft.discount ?? null, subtotal, 'discount', 'Overall discount', add, money)
  } else {
    // The overall amount cannot be compared with lines that do not price; check its shape.
    discountIssues(draft.discount ?? null, null, 'discount', 'Overall discount', add, money)
  }
  const credit = draft.prorationCreditMinor ?? 0
  if (!isWhole(credit) || credit < 0)
    add('prorationCreditMinor', 'Proration credit must be zero or more')
  return issues
}

function grossOf(line: ResolvedLine, termMonths: number): bigint {
  return lineAmount(line.billing, line.unitPriceMinor ?? 0, line.quantity, termMonths)
}

/** The discount in minor units if it is valid against `base` (null base: shape only). */
function discountIssues(
  discount: Discount | null,
  base: bigint | null,
  field: string,
  label: string,
  add: (field: string, message: string) => void,
  money: (amount: bigint | number) => string,
): bigint | null {
  if (discount === null) return 0n
  if (discount.kind === 'percent') {
    if (!Number.isFinite(discount.share)) {
      add(`${field}.share`, `${label} must be a percentage`)
      return null
    }
    if (discount.share < 0) {
      add(`${field}.share`, `${label} cannot be negative`)
      return null
    }
    if (discount.share > 1) {
      add(`${field}.share`, `${label} cannot be more than 100 %`)
      return null
    }
    return base === null
      ? 0n
      : divideHalfEven(base * shareToMillionths(discount.share), SHARE_SCALE)
  }
  if (!isWhole(discount.amountMinor) || discount.amountMinor < 0) {
    add(`${field}.amountMinor`, `${label} must be an amount of zero or more`)
    return null
  }
  if (base !== null && BigInt(discount.amountMinor) > base) {
    add(
      `${field}.amountMinor`,
      `${label} (${money(discount.amountMinor)}) is more than the amount it applies to (${money(base)})`,
    )
    return null
  }
  return BigInt(discount.amountMinor)
}

/** The current contract as proration reads it: `end` is the renewal date (first day after). */
export interface CurrentContract {
  readonly start: string
  readonly end: string
  /** What the customer pays for the whole current term, in minor units. */
  readonly valueMinor: number
}

export function currentContractIssues(contract: CurrentContract): FieldIssue[] {
  const issues: FieldIssue[] = []
  const startOk = isCalendarDate(contract.start)
  const endOk = isCalendarDate(contract.end)
  if (!startOk)
    issues.push({
      field: 'currentContract.start',
      message: 'Contract start must be a date like 2026-11-01',
    })
  if (!endOk)
    issues.push({
      field: 'currentContract.end',
      message: 'Renewal date must be a date like 2026-11-01',
    })
  if (startOk && endOk && contract.end <= contract.start) {
    issues.push({
      field: 'currentContract.end',
      message: 'Renewal date must be after the contract start',
    })
  }
  if (!isWhole(contract.valueMinor) || contract.valueMinor < 0) {
    issues.push({
      field: 'currentContract.valueMinor',
      message: 'Contract value must be zero or more',
    })
  }
  return issues
}

/** A validation error listing the issues, shaped like the IPC router's (`details.issues`). */
export function invalidInput(subject: string, issues: readonly FieldIssue[]): TierlineError {
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
  return new TierlineError('validation', `Invalid ${subject}: ${summary}`, { issues })
}
