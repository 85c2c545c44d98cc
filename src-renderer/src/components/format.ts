import { formatMoney } from '@shared/format/money'
import type { Money } from '@shared/model/primitives'
import { useInvoke } from '../app/ipc-hooks'

/** Formatters in the user's chosen locale. */
export function useFormat() {
  const locale = useInvoke('settings.get').data?.locale ?? 'en-US'
  return {
    locale,
    money: (money: Money) => formatMoney(money, locale, { whole: true }),
    /** A calendar date (YYYY-MM-DD) as written, without shifting it through a time zone. */
    date: (isoDate: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
      ),
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(iso),
      ),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
  }
}
