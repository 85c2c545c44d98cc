import { slaCompliance, type MeasuredClocks } from '@shared/engines'
import type { UpgradeSignal } from '@shared/portfolio/portfolio-query'
import type { EligibilityService } from '../eligibility/eligibility-service'
import type { EngineCache } from '../engines/engine-cache'
import type { HealthService } from '../health/health-service'
import { defaultPeriod, kpiDependencies } from '../kpi/kpi-service'
import { clockTicket } from '../sla/measure'
import type { PortfolioMetrics } from './portfolio-read-model'

/** Running clocks breach with time: compliance is recomputed at least this often. */
const SLA_MAX_AGE_MS = 5 * 60_000

/**
 * SLA compliance of every account over the KPI header's period (the twelve months up to today),
 * measured exactly as the header measures it by tier, so the table and the header agree.
 */
export function slaComplianceByAccount(engines: EngineCache, now: () => number = Date.now) {
  return async (): Promise<ReadonlyMap<string, number | null>> => {
    const at = now()
    const period = defaultPeriod(at)
    return engines.get({
      engine: 'portfolio.slaByAccount',
      key: period.to,
      dependsOn: kpiDependencies,
      validUntil: () => at + SLA_MAX_AGE_MS,
      async compute({ inputs }) {
        const [accounts, versions, calendars, settings, tickets] = await Promise.all([
          inputs.accounts(),
          inputs.tierVersions(),
          inputs.calendars(),
          inputs.settings(),
          inputs.tickets(),
        ])
        const from = Date.parse(`${period.from}T00:00:00.000Z`)
        const to = Date.parse(`${period.to}T00:00:00.000Z`) + 86_400_000
        const context = { versions, calendars, atRiskShare: settings.slaAtRiskShare, now: at }
        const measured: MeasuredClocks[] = []
        for (const ticket of tickets.all) {
          const created = Date.parse(ticket.createdAt)
          if (created < from || created >= to) continue
          const account = accounts.byId.get(ticket.accountId)
          if (account === undefined) continue
          const clocked = clockTicket(ticket, account, context)
          if (!clocked.ok) continue
          measured.push({
            clocks: clocked.clocks,
            accountId: account.id,
            tierId: clocked.measured.tier.tierId,
            createdAt: created,
          })
        }
        return new Map(
          slaCompliance({ tickets: measured, groupBy: 'account', period: { from, to } }).map(
            (row) => [row.key, row.metShare],
          ),
        )
      },
    })
  }
}

/** The engines' per-account figures, as the portfolio read model takes them. */
export function engineMetrics(services: {
  readonly engines: EngineCache
  readonly health: HealthService
  readonly eligibility: EligibilityService
}): PortfolioMetrics {
  return {
    healthTrends: async () => {
      const book = await services.health.book()
      return new Map(
        [...book.entries()].map(([id, health]) => [id, health.history.map((week) => week.score)]),
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
    slaCompliance: slaComplianceByAccount(services.engines),
  }
}
