import type { Severity, SlaMetric, TicketStatus } from '../../model/enums'
import type { Instant } from '../calendar/business-time'

export type SlaState = 'ok' | 'at-risk' | 'breached' | 'met' | 'paused' | 'not-applicable'

/**
 * One metric of one ticket at `now`. Instants are epoch ms, like the engine's inputs: results are
 * computed for whole books at once, and formatting 800,000 ISO strings nobody reads is most of
 * the cost — services format the few they show.
 */
export interface MetricClock {
  readonly metric: SlaMetric
  /**
   * The ticket's standing on the metric: `breached` once any of its waits overran (it stays
   * breached — it happened), else the state of the latest wait.
   */
  readonly state: SlaState
  /** Target of the latest wait, in force at its end (or now); null: no commitment. */
  readonly targetSeconds: number | null
  readonly hours: 'business' | '24x7' | null
  /** Of the latest wait: measured time so far (or in total, once it stopped). */
  readonly elapsedSeconds: number
  /** Of the latest wait: what is left of the target, never negative; null without a target. */
  readonly remainingSeconds: number | null
  /** The first instant a wait of this metric overran its target. */
  readonly breachedAt: Instant | null
  /** When the running wait will breach if nothing changes; null when stopped or paused. */
  readonly dueAt: Instant | null
  /** When the latest wait stopped (reply, solve); null while it runs. */
  readonly stoppedAt: Instant | null
  readonly running: boolean
  /** Waits measured against a target (next response and periodic update can have many). */
  readonly cycles: number
  readonly breachedCycles: number
}

export interface TicketClocks {
  readonly ticketId: string
  readonly tierVersionId: string
  readonly severity: Severity
  readonly status: TicketStatus
  readonly evaluatedAt: Instant
  readonly metrics: Readonly<Record<SlaMetric, MetricClock>>
}
