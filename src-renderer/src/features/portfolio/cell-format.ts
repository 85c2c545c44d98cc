import { useMemo } from 'react'
import { formatMoney } from '@shared/format/money'
import type { Money } from '@shared/model/primitives'
import { useFormat } from '../../components/format'

/**
 * The table's formatters, built once per locale: the table formats a few hundred cells per
 * repaint, and each `Intl` formatter costs far more to construct than to use.
 */
export function useCellFormat() {
  const { locale } = useFormat()
  return useMemo(() => {
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
    const numbers = new Intl.NumberFormat(locale)
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
    const money = new Map<string, string>()
    return {
      locale,
      /** Amounts repeat little, but a repaint shows each row's twice (sort, re-render): cache. */
      money: (value: Money) => {
        const key = `${value.currency}:${value.amountMinor}`
        let text = money.get(key)
        if (text === undefined) {
          text = formatMoney(value, locale, { whole: true })
          money.set(key, text)
        }
        return text
      },
      date: (isoDate: string) => dates.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
      number: (value: number) => numbers.format(value),
      percent: (share: number) => percent.format(share),
    }
  }, [locale])
}

export type CellFormat = ReturnType<typeof useCellFormat>
