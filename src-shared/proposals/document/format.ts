import { formatMoney } from '../../format/money'
import type { SlaTarget } from '../../model/tier'
import { formatDuration } from '../../tiers/labels'

/** Locale-bound formatters an export uses; built once per document so every figure agrees. */
export interface DocumentFormat {
  money(amountMinor: number): string
  number(value: number): string
  percent(share: number): string
  /** An ISO date or time as a long date, read in UTC so the zone of the machine never shifts it. */
  date(iso: string): string
  slaTarget(target: SlaTarget | null): string
}

export function documentFormat(locale: string, currency: string): DocumentFormat {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 })
  // Long dates ("November 20, 2026", "20. November 2026"), except where the long form is
  // written with CJK ideographs (ja, zh, ko: 2026年11月20日), which the PDF's embedded font
  // cannot draw: those get the locale's numeric date (2026/11/20) in every format alike.
  const long = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
  const needsIdeographs = /[\u3000-\u9FFF\uAC00-\uD7AF]/.test(long.format(new Date(0)))
  const dates = needsIdeographs
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' })
    : long
  return {
    money: (amountMinor) => formatMoney({ amountMinor, currency }, locale),
    number: (value) => numbers.format(value),
    percent: (share) => percents.format(share),
    date: (iso) => dates.format(new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso)),
    slaTarget: (target) =>
      target === null
        ? 'No commitment'
        : `${formatDuration(target.minutes)} (${target.hours === 'business' ? 'business hours' : '24x7'})`,
  }
}
