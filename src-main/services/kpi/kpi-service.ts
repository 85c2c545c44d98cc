import type { KpiPortfolioQuery, PortfolioKpis } from '@shared/kpi/kpi-queries'
import type { CollectionName } from '@shared/model/registry'
import { accountDataDependencies, createAccountData } from '../account-data/account-data'
import { createInProcessBookRuns, type BookRuns } from '../engines/book-runs'
import { keyOf, type EngineCache } from '../engines/engine-cache'
import { createHealthService, type HealthService } from '../health/health-service'
import { defaultPeriod } from './portfolio-kpis'

export { defaultPeriod, retentionNote, timeToValueNote } from './portfolio-kpis'

/** What the header reads: its own inputs, and the health engine's (at-risk ARR goes by its bands). */
export const kpiDependencies: readonly CollectionName[] = [
  ...new Set<CollectionName>([
    'accounts',
    'tiers',
    'tickets',
    'library',
    'proposals',
    'usageSnapshots',
    ...accountDataDependencies,
  ]),
]

/** Running clocks breach with time; the header is recomputed at least this often. */
const MAX_AGE_MS = 5 * 60_000

function inProcess(engines: EngineCache, now: () => number) {
  const data = createAccountData(engines)
  return {
    health: createHealthService(engines, data, now),
    runs: createInProcessBookRuns(engines, data),
  }
}

/**
 * `kpi.portfolio`, cached per period. The book-wide work runs where `runs` runs it (the engine
 * worker in the app); without `health` and `runs` (tests) both are built on `engines` in process.
 */
export function createKpiService(
  engines: EngineCache,
  now: () => number = Date.now,
  services?: { readonly health: Pick<HealthService, 'book'>; readonly runs: BookRuns },
) {
  const options = services ?? inProcess(engines, now)
  async function portfolio(input: KpiPortfolioQuery): Promise<PortfolioKpis> {
    const at = now()
    const period = input.period ?? defaultPeriod(at)
    return engines.get({
      engine: 'kpi.portfolio',
      // The default period moves with the date: key it by the resolved dates.
      key: keyOf(period),
      dependsOn: kpiDependencies,
      validUntil: (value) => Date.parse(value.asOf) + MAX_AGE_MS,
      compute: async () => {
        // The header's at-risk ARR uses the bands the account screens show: the health engine's.
        const health = await options.health.book()
        return options.runs.run({
          kind: 'kpi.portfolio',
          at,
          period,
          bands: new Map([...health].map(([id, value]) => [id, value.current.band])),
        })
      },
    })
  }

  return { portfolio }
}

export type KpiService = ReturnType<typeof createKpiService>
