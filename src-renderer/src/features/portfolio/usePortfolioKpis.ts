import { useInvoke } from '../../app/ipc-hooks'

/** The periods retention and SLA compliance can be read over, in months up to today. */
export const kpiPeriods = [3, 6, 12] as const
export type KpiPeriodMonths = (typeof kpiPeriods)[number]

/** `months` months up to and including today (UTC dates, as main reads them). */
export function periodOf(months: KpiPeriodMonths, now: Date = new Date()) {
  const to = now.toISOString().slice(0, 10)
  const from = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate() + 1),
  )
  return { from: from.toISOString().slice(0, 10), to }
}

/** The portfolio KPIs from main's engines; 12 months is main's own default period. */
export function usePortfolioKpis(months: KpiPeriodMonths) {
  return useInvoke('kpi.portfolio', { period: months === 12 ? null : periodOf(months) })
}
