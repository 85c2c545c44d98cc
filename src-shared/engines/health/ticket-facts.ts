import type { Severity } from '../../model/enums'
import { slaMetrics } from '../../model/enums'
import type { Ticket } from '../../model/ticket'
import type { Instant } from '../calendar/business-time'
import { isoToMs } from '../sla/iso-time'
import type { TicketClocks } from '../sla/types'

/** A stretch in which a ticket was open (not solved or closed) at one severity. */
export interface OpenSpan {
  readonly from: Instant
  /** Exclusive; null while still open. */
  readonly to: Instant | null
  readonly severity: Severity
}

/**
 * What the health and eligibility engines need of a ticket, read once from its history so that
 * a weekly history can ask "was it open, was it breached, as of that week" without re-reading
 * events: when it opened, its severity stretches while open, and when it first breached an SLA
 * target (from the SLA clocks; null when it never did).
 */
export interface TicketFacts {
  readonly id: string
  readonly createdAt: Instant
  /** Severity at creation and the latest one; S1 volume counts a ticket that was ever S1. */
  readonly severities: readonly Severity[]
  readonly openSpans: readonly OpenSpan[]
  readonly firstBreachAt: Instant | null
}

/**
 * (No inner closures: this runs for every ticket of the book.)
 * Open stretches from the events: `created` opens, `solved` and a status change to `closed` or
 * `solved` close, `reopened` (or a status change out of solved/closed) opens again, and a
 * severity change while open splits the stretch.
 */
export function ticketFacts(
  ticket: Pick<Ticket, 'id' | 'events'>,
  firstBreachAt: Instant | null,
): TicketFacts {
  const spans: OpenSpan[] = []
  const severities: Severity[] = []
  let severity: Severity = 'S4'
  let openSince: Instant | null = null
  let createdAt = Number.NaN
  for (const event of ticket.events) {
    // Messages, replies and notes (most events) change nothing here: their time is not parsed.
    switch (event.type) {
      case 'created': {
        const at = isoToMs(event.at)
        createdAt = at
        severity = event.severity
        severities.push(severity)
        openSince = at
        break
      }
      case 'severity-change': {
        if (openSince !== null) {
          const at = isoToMs(event.at)
          spans.push({ from: openSince, to: at, severity })
          openSince = at
        }
        severity = event.to
        if (!severities.includes(severity)) severities.push(severity)
        break
      }
      case 'solved':
        if (openSince !== null) spans.push({ from: openSince, to: isoToMs(event.at), severity })
        openSince = null
        break
      case 'reopened':
        openSince ??= isoToMs(event.at)
        break
      case 'status-change':
        if (event.to !== 'solved' && event.to !== 'closed') openSince ??= isoToMs(event.at)
        else if (openSince !== null) {
          spans.push({ from: openSince, to: isoToMs(event.at), severity })
          openSince = null
        }
        break
      default:
        break
    }
  }
  if (openSince !== null) spans.push({ from: openSince, to: null, severity })
  return { id: ticket.id, createdAt, severities, openSpans: spans, firstBreachAt }
}

/** The severity the ticket was open at, at `at`; null when it was not open (or not yet created). */
export function openSeverityAt(facts: TicketFacts, at: Instant): Severity | null {
  for (const span of facts.openSpans) {
    if (span.from <= at && (span.to === null || at < span.to)) return span.severity
  }
  return null
}

/** The earliest instant any SLA metric of the ticket overran its target, from its clocks. */
export function firstBreachOf(clocks: Pick<TicketClocks, 'metrics'>): Instant | null {
  let first: Instant | null = null
  for (const metric of slaMetrics) {
    const at = clocks.metrics[metric].breachedAt
    if (at !== null && (first === null || at < first)) first = at
  }
  return first
}
