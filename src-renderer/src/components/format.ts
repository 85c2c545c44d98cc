import { formatMoney } from '@shared/format/money'
import type { Money } from '@shared/model/primitives'
import { useInvoke } from '../app/ipc-hooks'

function formattersFor(locale: string) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const number = new Intl.NumberFormat(locale)
  return {
    locale,
    money: (money: Money) => formatMoney(money, locale, { whole: true }),
    /** A calendar date (YYYY-MM-DD) as written, without shifting it through a time zone. */
    date: (isoDate: string) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    number: (value: number) => number.format(value),
  }
}

// One set per locale, built on first use: an Intl formatter costs far more to build than to use,
// and screens format on every render (the portfolio's count on each filter change).
const byLocale = new Map<string, ReturnType<typeof formattersFor>>()

/** Formatters in the user's chosen locale; the same object for as long as the locale holds. */
export function useFormat() {
  const locale = useInvoke('settings.get').data?.locale ?? 'en-US'
  let formatters = byLocale.get(locale)
  if (formatters === undefined) {
    formatters = formattersFor(locale)
    byLocale.set(locale, formatters)
  }
  return formatters
}
