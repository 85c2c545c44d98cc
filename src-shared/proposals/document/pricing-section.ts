import type { PricedLine, PricedProposal } from '../pricing'
import type { DocumentFormat } from './format'
import type { PricingSection } from './model'

const billingWords: Readonly<Record<PricedLine['billing'], string>> = {
  'one-time': 'one-time',
  'per-month': 'per month',
  'per-year': 'per year',
}

/** The pricing table: one row per line with gross, discounts and net, then totals and years. */
export function pricingSection(pricing: PricedProposal, format: DocumentFormat): PricingSection {
  const lines = {
    columns: [
      { label: 'Item', align: 'left' },
      { label: 'Quantity', align: 'right' },
      { label: 'Unit price', align: 'right' },
      { label: 'Over the term', align: 'right' },
      { label: 'Discount', align: 'right' },
      { label: 'Net', align: 'right' },
    ] as const,
    rows: pricing.lines.map((line) => [
      line.label,
      `${format.number(line.quantity)} ${line.quantity === 1 ? line.unit : `${line.unit}s`}`,
      `${format.money(line.unitPriceMinor)} ${unitBasis(line)}`,
      format.money(line.grossMinor),
      line.lineDiscountMinor + line.overallDiscountMinor === 0
        ? '—'
        : `−${format.money(line.lineDiscountMinor + line.overallDiscountMinor)}`,
      format.money(line.netMinor),
    ]),
  }

  const totals: PricingSection['totals'][number][] = [
    {
      label: 'List price over the term',
      value: format.money(pricing.listTotalMinor),
      emphasis: false,
    },
  ]
  if (pricing.grossTotalMinor !== pricing.listTotalMinor) {
    totals.push({
      label: 'At agreed unit prices',
      value: format.money(pricing.grossTotalMinor),
      emphasis: false,
    })
  }
  if (pricing.lineDiscountsMinor > 0) {
    totals.push({
      label: 'Line discounts',
      value: `−${format.money(pricing.lineDiscountsMinor)}`,
      emphasis: false,
    })
  }
  if (pricing.overallDiscountMinor > 0) {
    totals.push({
      label: 'Overall discount',
      value: `−${format.money(pricing.overallDiscountMinor)}`,
      emphasis: false,
    })
  }
  totals.push(
    {
      label: 'Total contract value',
      value: format.money(pricing.totalContractValueMinor),
      emphasis: true,
    },
    {
      label: 'Annualised value',
      value: format.money(pricing.annualRecurringMinor),
      emphasis: true,
    },
  )
  if (pricing.prorationCreditAppliedMinor > 0) {
    totals.push(
      {
        label: 'Credit for the current contract',
        value: `−${format.money(pricing.prorationCreditAppliedMinor)}`,
        emphasis: false,
      },
      { label: 'Amount due', value: format.money(pricing.amountDueMinor), emphasis: true },
    )
  }

  const years = {
    columns: [
      { label: 'Contract year', align: 'left' },
      { label: 'From', align: 'left' },
      { label: 'To', align: 'left' },
      { label: 'Months', align: 'right' },
      { label: 'Amount', align: 'right' },
    ] as const,
    rows: pricing.years.map((year) => [
      `Year ${year.year}`,
      format.date(year.startDate),
      format.date(year.endDate),
      format.number(year.months),
      format.money(year.amountMinor),
    ]),
  }
  return { kind: 'pricing', heading: 'Pricing', lines, totals, years }
}

function unitBasis(line: PricedLine): string {
  if (line.kind === 'platform-fee') return 'per year'
  return `per ${line.unit} ${billingWords[line.billing]}`.replace(' one-time', ', one-time')
}
