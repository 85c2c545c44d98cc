import type { Severity, TicketStatus } from '../../model/enums'
import type { TicketEvent } from '../../model/ticket-events'
import type { Instant } from '../calendar/business-time'
import { SlaEngineError } from './errors'
import { isoToMs } from './iso-time'
import { severityIndex, statusIndex } from './pause'

/** A stretch of the ticket's life with one status and one severity: `[from, to)`. */
export interface Piece {
  readonly from: Instant
  readonly to: Instant
  readonly status: TicketStatus
  readonly severity: Severity
  /** {@link statusIndex} and {@link severityIndex} of the two above, for table lookups. */
  readonly statusIndex: number
  readonly severityIndex: number
}

/** What the SLA clocks read from a history, cut at `now` (later events are not seen yet). */
export interface Timeline {
  readonly createdAt: Instant
  readonly end: Instant
  readonly pieces: readonly Piece[]
  /** The history; only the first `times.length` events (those up to `now`) are seen. */
  readonly events: readonly TicketEvent[]
  /** Instants of the seen events, parsed once (same index). */
  readonly times: readonly Instant[]
  /** Status and severity at the end (now), with their table indexes. */
  readonly status: TicketStatus
  readonly severity: Severity
  readonly statusIndex: number
  readonly severityIndex: number
}

function statusAfter(status: TicketStatus, event: TicketEvent): TicketStatus {
  switch (event.type) {
    case 'status-change':
      return event.to
    case 'solved':
      return 'solved'
    case 'reopened':
      return 'open'
    default:
      return status
  }
}

/**
 * Builds the status/severity timeline. Checks only what the clocks depend on (starts with
 * `created`, in time order, severity moves from the current severity); the model's
 * `summarizeTicketEvents` is the full validation and runs when tickets are written.
 */
export function buildTimeline(events: readonly TicketEvent[], now: Instant): Timeline {
  const first = events[0]
  if (first?.type !== 'created') {
    throw new SlaEngineError('invalid-history', 'the first event must be created', { index: 0 })
  }
  const createdAt = isoToMs(first.at)
  const end = Math.max(now, createdAt)
  let status: TicketStatus = 'new'
  let severity: Severity = first.severity
  let from = createdAt
  let previousAt = createdAt
  const pieces: Piece[] = []
  const times: Instant[] = [createdAt]
  let seen = true
  for (let index = 1; index < events.length; index++) {
    const event = events[index]
    if (event === undefined) break
    const at = isoToMs(event.at)
    if (at < previousAt) {
      throw new SlaEngineError('invalid-history', 'events must be in time order', { index })
    }
    previousAt = at
    // Later events are not seen yet, but the whole history must still be in order.
    if (at > now) seen = false
    if (!seen) continue
    if (event.type === 'severity-change' && event.from !== severity) {
      throw new SlaEngineError(
        'invalid-history',
        `severity-change from ${event.from} but it is ${severity}`,
        { index },
      )
    }
    times.push(at)
    const nextSeverity = event.type === 'severity-change' ? event.to : severity
    const nextStatus = statusAfter(status, event)
    if (nextSeverity !== severity || nextStatus !== status) {
      if (at > from) pieces.push(piece(from, at, status, severity))
      from = at
      severity = nextSeverity
      status = nextStatus
    }
  }
  pieces.push(piece(from, end, status, severity))
  return {
    createdAt,
    end,
    pieces,
    events,
    times,
    status,
    severity,
    statusIndex: statusIndex[status],
    severityIndex: severityIndex[severity],
  }
}

function piece(from: Instant, to: Instant, status: TicketStatus, severity: Severity): Piece {
  return {
    from,
    to,
    status,
    severity,
    statusIndex: statusIndex[status],
    severityIndex: severityIndex[severity],
  }
}
