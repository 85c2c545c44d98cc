import { z } from 'zod'
import type { RenewalWindow } from '../engines/kpi/portfolio'
import type { Severity } from '../model/enums'
import { isoDateSchema } from '../model/primitives'

/**
 * The portfolio KPIs (`kpi.portfolio`). Money is in reporting-currency minor units
 * (`currency`); shares are 0–1; null where nothing was there to measure.
 */
export const kpiPortfolioInput = z
  .strictObject({
    /**
     * The period retention and SLA compliance are measured over (ISO dates, both inclusive);
     * null: the twelve months up to today.
     */
    period: z
      .strictObject({ from: isoDateSchema, to: isoDateSchema })
      .refine((period) => period.from <= period.to, {
        message: 'must not be before from',
        path: ['to'],
      })
      .nullable()
      .default(null),
  })
  .default({ period: null })

export type KpiPortfolioInput = z.input<typeof kpiPortfolioInput>
export type KpiPortfolioQuery = z.output<typeof kpiPortfolioInput>

export interface RetentionKpi {
  readonly startArrMinor: number
  readonly grossRetention: number | null
  readonly netRetention: number | null
}

export interface SlaKpi {
  readonly tickets: number
  readonly met: number
  readonly breached: number
  readonly metShare: number | null
}

export interface TimeToValueKpi {
  readonly accounts: number
  readonly reached: number
  readonly medianDays: number | null
  readonly p90Days: number | null
}

export interface TierKpis {
  readonly tierId: string
  readonly name: string
  readonly rank: number
  readonly accounts: number
  readonly arrMinor: number
  readonly atRiskArrMinor: number
  /** By the tier accounts were on at the start of the period. */
  readonly retention: RetentionKpi | null
  /** Of tickets opened in the period, by the tier version they were measured under. */
  readonly sla: SlaKpi | null
  readonly timeToValue: TimeToValueKpi | null
  readonly openEscalations: number
}

export interface PortfolioKpis {
  readonly asOf: string
  readonly currency: string
  readonly period: { readonly from: string; readonly to: string }
  /** Every tier of today's catalogue by rank (tiers with no accounts included, with zeros). */
  readonly tiers: readonly TierKpis[]
  readonly total: {
    readonly accounts: number
    readonly arrMinor: number
    readonly atRiskArrMinor: number
    readonly retention: RetentionKpi | null
    readonly sla: SlaKpi | null
  }
  readonly renewals: readonly RenewalWindow[]
  readonly escalations: {
    readonly tickets: number
    readonly accounts: number
    readonly bySeverity: Readonly<Record<Severity, number>>
  }
  /** Tickets left out of SLA compliance because they could not be measured. */
  readonly unmeasuredTickets: number
  /** How NRR/GRR and time-to-value are derived, for the cards' explanations. */
  readonly notes: { readonly retention: string; readonly timeToValue: string }
}
