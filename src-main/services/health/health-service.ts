import {
  accountHealth,
  firstBreachOf,
  HealthEngineError,
  ticketFacts,
  type AccountHealth,
  type TicketFacts,
} from '@shared/engines'
import type { AccountHealthView } from '@shared/health/health-queries'
import { TierlineError } from '@shared/ipc/errors'
import {
  accountDataDependencies,
  type AccountData,
  type AccountDataSource,
} from '../account-data/account-data'
import { keyOf, type EngineCache } from '../engines/engine-cache'
import { createInProcessBookRuns, type BookRuns } from '../engines/book-runs'
import { clockTicket } from '../sla/measure'

/**
 * Health moves with time even when no document changes (days since the last touchpoint, days to
 * renewal, a running SLA clock breaching), so a cached score is recomputed after this long.
 */
export const HEALTH_MAX_AGE_MS = 5 * 60_000

const iso = (ms: number) => new Date(ms).toISOString()

export interface MeasuredHealth {
  readonly health: AccountHealth
  readonly unmeasuredTickets: number
}

/**
 * The health engine on one account's documents: each ticket's first SLA breach comes from its
 * clocks (its own tier version, the account's calendar); a ticket that cannot be measured still
 * counts as open or closed, without a breach, and is reported.
 */
export function measureHealth(data: AccountData, now: number, weeks = 12): MeasuredHealth {
  let unmeasuredTickets = 0
  const facts: TicketFacts[] = data.tickets.map((ticket) => {
    const clocked = clockTicket(ticket, data.account, data.measure)
    if (!clocked.ok) {
      unmeasuredTickets++
      return ticketFacts(ticket, null)
    }
    return ticketFacts(ticket, firstBreachOf(clocked.clocks))
  })
  try {
    const health = accountHealth({
      account: data.account,
      usage: data.usage,
      tickets: facts,
      activities: data.activities,
      settings: data.settings,
      now,
      historyWeeks: weeks,
    })
    return { health, unmeasuredTickets }
  } catch (error) {
    if (error instanceof HealthEngineError) {
      throw new TierlineError(
        'validation',
        `The health score cannot be computed: ${error.message}`,
        {
          ...error.details,
        },
      )
    }
    throw error
  }
}

export function healthView(data: AccountData, measured: MeasuredHealth): AccountHealthView {
  const { current, history, trend, trendDelta } = measured.health
  return {
    accountId: data.account.id,
    segment: data.account.segment,
    asOf: iso(current.asOf),
    score: current.score,
    band: current.band,
    weightsFrom: current.weightsFrom,
    components: current.components.map((c) => ({
      key: c.key,
      label: c.label,
      raw: c.raw,
      score: c.score,
      weight: c.weight,
      contribution: c.contribution,
      reason: c.reason,
      evidence: c.evidence,
    })),
    history: history.map((week) => ({ ...week, asOf: iso(week.asOf) })),
    trend,
    trendDelta,
    unmeasuredTickets: measured.unmeasuredTickets,
  }
}

/** `runs`: where the book-wide run is computed (the engine worker in the app; main by default). */
export function createHealthService(
  engines: EngineCache,
  data: AccountDataSource,
  now: () => number = Date.now,
  runs: BookRuns = createInProcessBookRuns(engines, data),
) {
  return {
    /** `health.forAccount`: score, explained components, weekly history and trend. */
    async forAccount(input: {
      readonly accountId: string
      readonly weeks: number
    }): Promise<AccountHealthView> {
      return engines.get({
        engine: 'health.forAccount',
        key: keyOf(input),
        dependsOn: accountDataDependencies,
        validUntil: (view) => Date.parse(view.asOf) + HEALTH_MAX_AGE_MS,
        compute: async () => {
          const at = now()
          const account = await data.account(input.accountId, at)
          return healthView(account, measureHealth(account, at, input.weeks))
        },
      })
    },

    /** Current health of every unarchived account (the alerts refresh reads it), cached. */
    async book(): Promise<ReadonlyMap<string, AccountHealth>> {
      const at = now()
      return engines.get({
        engine: 'health.book',
        key: 'all',
        dependsOn: accountDataDependencies,
        validUntil: () => at + HEALTH_MAX_AGE_MS,
        compute: () => runs.run({ kind: 'health.book', at }),
      })
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>
