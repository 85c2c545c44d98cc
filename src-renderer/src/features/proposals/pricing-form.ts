import type { FieldIssue } from '@shared/ipc/errors'
import { minorUnitExponent } from '@shared/model/primitives'
import type { z } from 'zod'
import type { Discount, DraftLine, PricingDraft, pricingDraftSchema } from '@shared/proposals/draft'
import { isStandardTerm } from '@shared/proposals/draft'
import { parseMoneyInput } from '@shared/proposals/money-input'

/**
 * What the pricing form holds while a person types: amounts as the text they typed (so
 * "1.234,50" in German stays as typed until it parses), percentages as percent (20, not 0.2),
 * the term as a choice. `draftOfForm` turns it into the stored `PricingDraft`; whether that
 * draft is valid, what it costs and whether it needs approval is main's answer
 * (`proposals.preview`), never decided here.
 */

export type DiscountMode = 'none' | 'percent' | 'amount'
export type TermChoice = '12' | '24' | '36' | 'custom'

export interface DiscountForm {
  mode: DiscountMode
  /** Percent as typed; '' while empty. */
  percent: number | string
  amountText: string
}

export interface LineForm {
  kind: DraftLine['kind']
  /** Add-ons only. */
  addOnKey: string
  /** Seats and add-ons; '' while empty. */
  quantity: number | string
  /** '' charges the price book's unit price. */
  unitPriceText: string
  discount: DiscountForm
}

export interface PricingForm {
  currency: string
  startDate: string
  term: TermChoice
  customMonths: number | string
  lines: LineForm[]
  discount: DiscountForm
  prorationCreditText: string
}

export const noDiscount = (): DiscountForm => ({ mode: 'none', percent: '', amountText: '' })

/** Minor units as a plain input string in the locale's decimal mark, no grouping: "1234,5". */
export function amountText(amountMinor: number, currency: string, locale: string): string {
  const exponent = minorUnitExponent(currency)
  return new Intl.NumberFormat(locale, {
    useGrouping: false,
    minimumFractionDigits: 0,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent)
}

/** Shares are stored 0–1; the form shows percent. Rounded to a millionth, as pricing reads it. */
const percentOf = (share: number) => Math.round(share * 100 * 10_000) / 10_000
const shareOf = (percent: number) => Math.round(percent * 10_000) / 1_000_000

function discountFormOf(
  discount: Discount | null | undefined,
  currency: string,
  locale: string,
): DiscountForm {
  if (discount === null || discount === undefined) return noDiscount()
  return discount.kind === 'percent'
    ? { mode: 'percent', percent: percentOf(discount.share), amountText: '' }
    : {
        mode: 'amount',
        percent: '',
        amountText: amountText(discount.amountMinor, currency, locale),
      }
}

export function formOfDraft(draft: PricingDraft, locale: string): PricingForm {
  const money = (minor: number) => amountText(minor, draft.currency, locale)
  return {
    currency: draft.currency,
    startDate: draft.startDate,
    term: isStandardTerm(draft.termMonths) ? (String(draft.termMonths) as TermChoice) : 'custom',
    customMonths: draft.termMonths,
    lines: draft.lines.map((line) => ({
      kind: line.kind,
      addOnKey: line.kind === 'add-on' ? line.addOnKey : '',
      quantity: line.kind === 'platform-fee' ? 1 : line.quantity,
      unitPriceText:
        line.unitPriceMinor === null || line.unitPriceMinor === undefined
          ? ''
          : money(line.unitPriceMinor),
      discount: discountFormOf(line.discount, draft.currency, locale),
    })),
    discount: discountFormOf(draft.discount, draft.currency, locale),
    prorationCreditText:
      draft.prorationCreditMinor === undefined ? '' : money(draft.prorationCreditMinor),
  }
}

/** Mantine's NumberInput reports '' when cleared and a string while a number is half typed. */
export const numberOf = (value: number | string): number | null => {
  const number =
    typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value)
  return Number.isFinite(number) ? number : null
}

/** The draft as the IPC contract takes it (mutable arrays, as zod's input type has them). */
export type PricingDraftInput = z.input<typeof pricingDraftSchema>

export interface FormDraft {
  readonly draft: PricingDraftInput
  /** Amounts that do not parse, named by the draft's field paths as main names them. */
  readonly issues: readonly FieldIssue[]
}

/**
 * The draft the form describes. An amount that does not parse is left out of the draft (a line
 * keeps its book price, a discount is dropped) and reported, so the preview still prices the
 * rest while save stays disabled.
 */
export function draftOfForm(
  form: PricingForm,
  locale: string,
  downgradeReason: string | null,
): FormDraft {
  const issues: FieldIssue[] = []
  const money = (text: string, field: string, label: string): number | null => {
    if (text.trim() === '') return null
    const parsed = parseMoneyInput(text, form.currency, locale, field, label)
    if (parsed.ok) return parsed.amountMinor
    issues.push(parsed.issue)
    return null
  }
  // JSON has no NaN: a number that is not there is reported here and sent as 0, so the
  // preview still prices the rest of the form.
  const number = (value: number | string, field: string, message: string): number => {
    const parsed = numberOf(value)
    if (parsed !== null) return parsed
    issues.push({ field, message })
    return 0
  }
  const discountOf = (discount: DiscountForm, field: string, label: string): Discount | null => {
    if (discount.mode === 'percent') {
      const percent = number(discount.percent, `${field}.share`, `${label} must be a percentage`)
      return { kind: 'percent', share: shareOf(percent) }
    }
    if (discount.mode === 'amount') {
      const amountMinor = money(discount.amountText, `${field}.amountMinor`, label)
      if (amountMinor === null && discount.amountText.trim() === '') {
        issues.push({ field: `${field}.amountMinor`, message: `${label} must be an amount` })
      }
      return amountMinor === null ? null : { kind: 'amount', amountMinor }
    }
    return null
  }
  const lines = form.lines.map((line, index): DraftLine & PricingDraftInput['lines'][number] => {
    const at = `lines.${index}`
    const extras = {
      unitPriceMinor: money(line.unitPriceText, `${at}.unitPriceMinor`, 'Unit price'),
      discount: discountOf(line.discount, `${at}.discount`, 'Line discount'),
    }
    if (line.kind === 'platform-fee') return { kind: 'platform-fee', ...extras }
    const quantity = number(line.quantity, `${at}.quantity`, 'Quantity must be a number')
    if (line.kind === 'seats') return { kind: 'seats', quantity, ...extras }
    return { kind: 'add-on', addOnKey: line.addOnKey, quantity, ...extras }
  })
  const credit = money(form.prorationCreditText, 'prorationCreditMinor', 'Proration credit')
  return {
    draft: {
      currency: form.currency,
      startDate: form.startDate,
      termMonths:
        form.term === 'custom'
          ? number(form.customMonths, 'termMonths', 'Term must be a number of months')
          : Number(form.term),
      lines,
      discount: discountOf(form.discount, 'discount', 'Overall discount'),
      ...(credit === null ? {} : { prorationCreditMinor: credit }),
      downgradeReason,
    },
    issues,
  }
}
