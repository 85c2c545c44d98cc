import type { Calendar } from '../../model/calendar'
import type { Severity, SlaMetric } from '../../model/enums'
import { slaMetrics } from '../../model/enums'
import type { Ticket } from '../../model/ticket'
import type { Tier } from '../../model/tier'
import type { Instant } from '../calendar/business-time'
import { computeSlaClocks } from '../sla/clocks'
import type { MetricClock, TicketClocks } from '../sla/types'

/** A ticket with what it is measured against today (its own tier version and account calendar). */
export interface MeasuredTicket {
  readonly ticket: Pick<Ticket, 'id' | 'tierVersionId' | 'events'>
  readonly tier: Pick<Tier, 'id' | 'definition'>
  readonly calendar: Calendar
}

export interface ReplayInput {
  readonly tickets: readonly MeasuredTicket[]
  /** The tier version to measure against instead, e.g. the next tier up. */
  readonly alternative: Pick<Tier, 'id' | 'name' | 'definition'>
  /** A different calendar for every ticket (e.g. the tier's extended hours); default: each ticket's own. */
  readonly alternativeCalendar?: Calendar
  readonly now: Instant | string
  readonly atRiskShare?: number
}

/**
 * - `avoided`: breached as measured today, not under the alternative;
 * - `introduced`: not breached today, breached under the alternative;
 * - `still-breached` / `unchanged`: same breach standing either way.
 */
export type ReplayChange = 'avoided' | 'introduced' | 'still-breached' | 'unchanged'

export interface MetricReplay {
  readonly metric: SlaMetric
  readonly original: MetricClock
  readonly replayed: MetricClock
  readonly change: ReplayChange
}

export interface TicketReplay {
  readonly ticketId: string
  readonly severity: Severity
  readonly original: TicketClocks
  readonly replayed: TicketClocks
  readonly metrics: readonly MetricReplay[]
}

/** One breached ticket metric, for the lists behind the summary sentence. */
export interface BreachReference {
  readonly ticketId: string
  readonly metric: SlaMetric
  readonly severity: Severity
  readonly originalBreachedAt: Instant | null
  readonly replayedBreachedAt: Instant | null
}

export interface ReplaySummary {
  readonly tierName: string
  /** Breaches are counted per ticket and metric. */
  readonly originalBreaches: number
  readonly replayedBreaches: number
  readonly avoided: readonly BreachReference[]
  readonly introduced: readonly BreachReference[]
  readonly stillBreached: readonly BreachReference[]
  /** "under Premium, 9 of these 11 breaches would not have happened" (+ new ones, if any). */
  readonly sentence: string
}

export interface ReplayResult {
  readonly tickets: readonly TicketReplay[]
  readonly summary: ReplaySummary
}

function changeOf(original: MetricClock, replayed: MetricClock): ReplayChange {
  const before = original.state === 'breached'
  const after = replayed.state === 'breached'
  if (before && !after) return 'avoided'
  if (!before && after) return 'introduced'
  return before ? 'still-breached' : 'unchanged'
}

/**
 * Measures the same tickets, with the same histories and the same `now`, against another tier
 * version's targets and pause rules (and optionally another calendar). The histories are what
 * really happened: replay answers "would these replies and solves have met that tier's
 * promises", not how the team would have behaved under it.
 */
export function replayTickets(input: Readonly<ReplayInput>): ReplayResult {
  const tickets: TicketReplay[] = []
  const avoided: BreachReference[] = []
  const introduced: BreachReference[] = []
  const stillBreached: BreachReference[] = []
  let originalBreaches = 0
  let replayedBreaches = 0
  for (const measured of input.tickets) {
    const options = { now: input.now, atRiskShare: input.atRiskShare }
    const original = computeSlaClocks({ ...measured, ...options })
    const replayed = computeSlaClocks({
      ticket: measured.ticket,
      tier: input.alternative,
      calendar: input.alternativeCalendar ?? measured.calendar,
      ...options,
    })
    const metrics = slaMetrics.map((metric) => {
      const before = original.metrics[metric]
      const after = replayed.metrics[metric]
      const change = changeOf(before, after)
      if (before.state === 'breached') originalBreaches++
      if (after.state === 'breached') replayedBreaches++
      const reference: BreachReference = {
        ticketId: measured.ticket.id,
        metric,
        severity: original.severity,
        originalBreachedAt: before.breachedAt,
        replayedBreachedAt: after.breachedAt,
      }
      if (change === 'avoided') avoided.push(reference)
      else if (change === 'introduced') introduced.push(reference)
      else if (change === 'still-breached') stillBreached.push(reference)
      return { metric, original: before, replayed: after, change }
    })
    tickets.push({
      ticketId: measured.ticket.id,
      severity: original.severity,
      original,
      replayed,
      metrics,
    })
  }
  const name = input.alternative.name
  const plural = (n: number) => (n === 1 ? 'breach' : 'breaches')
  let sentence = `under ${name}, ${avoided.length} of these ${originalBreaches} ${plural(originalBreaches)} would not have happened`
  if (introduced.length > 0) {
    sentence += `, and ${introduced.length} new ${plural(introduced.length)} would have`
  }
  return {
    tickets,
    summary: {
      tierName: name,
      originalBreaches,
      replayedBreaches,
      avoided,
      introduced,
      stillBreached,
      sentence,
    },
  }
}
