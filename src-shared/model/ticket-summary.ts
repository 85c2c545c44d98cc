import type { Severity, TicketStatus } from './enums'
import type { TicketEvent } from './ticket-events'

/** The ticket fields that are a pure function of its event history. */
export interface TicketSummary {
  readonly createdAt: string
  readonly severity: Severity
  readonly status: TicketStatus
  readonly firstResponseAt: string | null
  readonly lastCustomerMessageAt: string | null
  readonly lastAgentReplyAt: string | null
  readonly solvedAt: string | null
  readonly closedAt: string | null
  readonly reopenCount: number
  readonly escalationLevel: number
}

/** Every key of {@link TicketSummary}, for comparing a stored ticket with its replay. */
export const ticketSummaryFields = [
  'createdAt',
  'severity',
  'status',
  'firstResponseAt',
  'lastCustomerMessageAt',
  'lastAgentReplyAt',
  'solvedAt',
  'closedAt',
  'reopenCount',
  'escalationLevel',
] as const satisfies readonly (keyof TicketSummary)[]

export interface StatusSpan {
  readonly status: TicketStatus
  readonly from: string
}

export type SummaryResult =
  | { readonly ok: true; readonly summary: TicketSummary; readonly statuses: readonly StatusSpan[] }
  | { readonly ok: false; readonly index: number; readonly message: string }

type Step = { readonly status: TicketStatus } | { readonly error: string }

function nextStatus(current: TicketStatus, event: TicketEvent): Step {
  switch (event.type) {
    case 'status-change':
      if (event.from !== current) {
        return { error: `status-change from ${event.from} but the ticket is ${current}` }
      }
      if (event.to === event.from) return { error: 'status-change must change the status' }
      if (event.to === 'solved') return { error: 'use a solved event to solve a ticket' }
      if (event.to === 'new') return { error: 'a ticket cannot go back to new' }
      if (current === 'closed') return { error: 'a closed ticket cannot change status' }
      if (current === 'solved' && event.to !== 'closed') {
        return { error: 'use a reopened event to reopen a ticket' }
      }
      return { status: event.to }
    case 'solved':
      return current === 'solved' || current === 'closed'
        ? { error: `cannot solve a ${current} ticket` }
        : { status: 'solved' }
    case 'reopened':
      return current === 'solved'
        ? { status: 'open' }
        : { error: `only a solved ticket can be reopened (it is ${current})` }
    default:
      return { status: current }
  }
}

/**
 * Replays an event history: checks it is well formed (starts with `created`, in time order,
 * legal status moves) and returns the summary fields and the status timeline the SLA clock reads.
 */
export function summarizeTicketEvents(events: readonly TicketEvent[]): SummaryResult {
  const first = events[0]
  if (first?.type !== 'created')
    return { ok: false, index: 0, message: 'the first event must be created' }
  let severity = first.severity
  let status: TicketStatus = 'new'
  let firstResponseAt: string | null = null
  let lastCustomerMessageAt: string | null = first.actor.kind === 'customer' ? first.at : null
  let lastAgentReplyAt: string | null = null
  let solvedAt: string | null = null
  let closedAt: string | null = null
  let reopenCount = 0
  let escalationLevel = 0
  const spans: StatusSpan[] = [{ status, from: first.at }]
  const ids = new Set<string>([first.id])
  for (let index = 1; index < events.length; index++) {
    const event = events[index]
    const previous = events[index - 1]
    if (event === undefined || previous === undefined) break
    if (event.at < previous.at) return { ok: false, index, message: 'events must be in time order' }
    if (ids.has(event.id)) return { ok: false, index, message: 'duplicate event id' }
    ids.add(event.id)
    switch (event.type) {
      case 'created':
        return { ok: false, index, message: 'only the first event may be created' }
      case 'customer-message':
        lastCustomerMessageAt = event.at
        break
      case 'agent-reply':
        firstResponseAt ??= event.at
        lastAgentReplyAt = event.at
        break
      case 'internal-note':
        escalationLevel = Math.max(escalationLevel, event.escalationLevel ?? 0)
        break
      case 'severity-change':
        if (event.from !== severity) {
          return {
            ok: false,
            index,
            message: `severity-change from ${event.from} but it is ${severity}`,
          }
        }
        if (event.to === event.from) return { ok: false, index, message: 'severity must change' }
        severity = event.to
        break
      case 'solved':
        solvedAt = event.at
        break
      case 'reopened':
        reopenCount++
        solvedAt = null
        break
      case 'status-change':
        if (event.to === 'closed') closedAt = event.at
        break
    }
    const step = nextStatus(status, event)
    if ('error' in step) return { ok: false, index, message: step.error }
    if (step.status !== status) {
      status = step.status
      spans.push({ status, from: event.at })
    }
  }
  return {
    ok: true,
    summary: {
      createdAt: first.at,
      severity,
      status,
      firstResponseAt,
      lastCustomerMessageAt,
      lastAgentReplyAt,
      solvedAt,
      closedAt,
      reopenCount,
      escalationLevel,
    },
    statuses: spans,
  }
}
