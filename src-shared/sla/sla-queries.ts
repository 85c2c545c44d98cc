import { z } from 'zod'
import type { SlaState } from '../engines/sla/types'
import type { ReplayChange } from '../engines/replay/replay'
import type { Severity, SlaMetric, TicketStatus } from '../model/enums'
import { idSchema } from '../model/primitives'

/**
 * Read models of the SLA channels (`sla.forTicket`, `sla.forAccount`, `sla.replay`). Instants
 * are ISO-8601 UTC strings here (the engines work in epoch ms; only what is shown is formatted).
 */

export const slaTicketInput = z.strictObject({ ticketId: idSchema })

/** How many months back (by ticket creation, UTC months) the account's SLA history reaches. */
export const slaMonthsSchema = z.int().min(1).max(36).default(12)

export const slaAccountInput = z.strictObject({ accountId: idSchema, months: slaMonthsSchema })

export const slaReplayInput = z.strictObject({
  accountId: idSchema,
  /** The tier to measure under: its version current today. */
  tierId: idSchema,
  months: slaMonthsSchema,
})

export type SlaAccountInput = z.input<typeof slaAccountInput>
export type SlaReplayInput = z.input<typeof slaReplayInput>

export interface SlaMetricView {
  readonly metric: SlaMetric
  readonly state: SlaState
  readonly targetSeconds: number | null
  readonly hours: 'business' | '24x7' | null
  readonly elapsedSeconds: number
  /** Of the target, in measured (business or 24x7) time at `evaluatedAt`. */
  readonly remainingSeconds: number | null
  readonly running: boolean
  /** When the running clock turns at-risk, if nothing happens first. */
  readonly atRiskAt: string | null
  /** When the running clock breaches, if nothing happens first. */
  readonly dueAt: string | null
  readonly breachedAt: string | null
  readonly stoppedAt: string | null
}

export interface TierVersionRef {
  readonly tierId: string
  readonly tierVersionId: string
  readonly name: string
  readonly version: number
  readonly rank: number
}

export interface TicketSla {
  readonly ticketId: string
  readonly number: number
  readonly subject: string
  readonly accountId: string
  readonly severity: Severity
  readonly status: TicketStatus
  readonly createdAt: string
  /** The version the ticket is measured under (the one stamped on it when it was opened). */
  readonly tier: TierVersionRef
  readonly calendar: { readonly id: string; readonly name: string; readonly timeZone: string }
  readonly metrics: readonly SlaMetricView[]
  /** The worst state among the metrics that have one: breached > at-risk > ok > paused > met. */
  readonly worst: SlaState
  readonly evaluatedAt: string
  /** The next instant a clock changes state on its own; ask again then. */
  readonly nextChangeAt: string | null
}

export interface SlaBreach {
  readonly ticketId: string
  readonly number: number
  readonly subject: string
  readonly severity: Severity
  readonly metric: SlaMetric
  readonly breachedAt: string
  readonly targetSeconds: number | null
  readonly hours: 'business' | '24x7' | null
  /** Still running past its target (not yet answered or solved). */
  readonly running: boolean
}

export interface SlaMonth {
  /** `YYYY-MM`, UTC, by ticket creation. */
  readonly month: string
  readonly tickets: number
  /** Ticket metrics met / breached (a running clock counts once it has breached). */
  readonly met: number
  readonly breached: number
  readonly metShare: number | null
}

/** A ticket that could not be measured (e.g. it points at a tier version the workspace lacks). */
export interface UnmeasuredTicket {
  readonly ticketId: string
  readonly number: number
  readonly reason: string
}

export interface AccountSla {
  readonly accountId: string
  readonly accountName: string
  readonly tier: TierVersionRef | null
  readonly atRiskShare: number
  readonly period: { readonly from: string; readonly to: string }
  /** Open tickets with their clocks, most urgent first. */
  readonly openTickets: readonly TicketSla[]
  /** Oldest month first; every month of the period, empty ones included. */
  readonly compliance: readonly SlaMonth[]
  readonly totals: {
    readonly tickets: number
    readonly met: number
    readonly breached: number
    readonly metShare: number | null
    readonly breachesBySeverity: Readonly<Record<Severity, number>>
  }
  /** Breached ticket metrics of tickets opened in the period, latest breach first. */
  readonly breaches: readonly SlaBreach[]
  readonly unmeasured: readonly UnmeasuredTicket[]
  /** Other tiers of today's catalogue the account's tickets can be replayed under, by rank. */
  readonly replayTiers: readonly TierVersionRef[]
  readonly evaluatedAt: string
  readonly nextChangeAt: string | null
}

export interface ReplayRow {
  readonly ticketId: string
  readonly number: number
  readonly subject: string
  readonly severity: Severity
  readonly metric: SlaMetric
  readonly change: Exclude<ReplayChange, 'unchanged'>
  readonly originalBreachedAt: string | null
  readonly replayedBreachedAt: string | null
}

export interface AccountReplay {
  readonly accountId: string
  /** The version measured against. */
  readonly tier: TierVersionRef
  readonly period: { readonly from: string; readonly to: string }
  readonly tickets: number
  /** "under Premium, 9 of these 11 breaches would not have happened" (+ new ones, if any). */
  readonly sentence: string
  readonly originalBreaches: number
  readonly replayedBreaches: number
  readonly avoided: number
  readonly introduced: number
  /** Every ticket metric whose breach standing is or stays breached, or changes. */
  readonly rows: readonly ReplayRow[]
  readonly unmeasured: readonly UnmeasuredTicket[]
  readonly evaluatedAt: string
}
