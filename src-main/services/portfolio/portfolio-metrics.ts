import type { UpgradeSignal } from '@shared/portfolio/portfolio-query'
import type { BookRuns } from '../engines/book-runs'
import type { EligibilityService } from '../eligibility/eligibility-service'
import type { EngineCache } from '../engines/engine-cache'
import type { HealthService } from '../health/health-service'
import { defaultPeriod, kpiDependencies } from '../kpi/kpi-service'
import type { PortfolioMetrics } from './portfolio-read-model'

/** Running clocks breach with time: compliance is recomputed at least this often. */
const SLA_MAX_AGE_MS = 5 * 60_000

/**
 * SLA compliance of every account over the KPI header's period (the twelve months up to today),
 * measured exactly as the header measures it by tier, so the table and the header agree.
 */
export function slaComplianceByAccount(
  engines: EngineCache,
  runs: BookRuns,
  now: () => number = Date.now,
) {
  return async (): Promise<ReadonlyMap<string, number | null>> => {
    const at = now()
    const period = defaultPeriod(at)
    return engines.get({
      engine: 'portfolio.slaByAccount',
      key: period.to,
      dependsOn: kpiDependencies,
      validUntil: () => at + SLA_MAX_AGE_MS,
      compute: () => runs.run({ kind: 'portfolio.slaByAccount', at, period }),
    })
  }
}

/** The engines' per-account figures, as the portfolio read model takes them. */
export function engineMetrics(services: {
  readonly engines: EngineCache
  readonly health: HealthService
  readonly eligibility: EligibilityService
  readonly runs: BookRuns
}): PortfolioMetrics {
  return {
    // Score, band and trend from one health run: the table shows what Account 360 shows.
    health: async () => {
      const book = await services.health.book()
      return new Map(
        [...book.entries()].map(([id, health]) => [
          id,
          {
            score: health.current.score,
            band: health.current.band,
            trend: health.history.map((week) => week.score),
          },
        ]),
      )
    },
    upgradeSignals: async () => {
      const book = await services.eligibility.book()
      const signals = new Map<string, UpgradeSignal>()
      for (const [id, eligibility] of book) {
        const [first, ...rest] = eligibility.signals
        if (first === undefined) continue
        signals.set(id, {
          label: rest.length === 0 ? first.title : `${first.title} (+${rest.length} more)`,
          targetTierName: eligibility.suggestedTarget?.name ?? null,
        })
      }
      return signals
    },
    slaCompliance: slaComplianceByAccount(services.engines, services.runs),
  }
}
