import type { SlaMetric } from '../../model/enums'
import type { Instant } from '../calendar/business-time'
import type { Timeline } from './timeline'

/** One measured wait: from `start` until `end` (null while it is still running at `now`). */
export interface Cycle {
  readonly start: Instant
  readonly end: Instant | null
}

/**
 * When each metric's clock starts and stops (DESIGN.md §1, issue #5 item 2). Only public agent
 * replies answer: internal notes never stop a clock. Solving a ticket fulfils the reply clocks
 * that are running (first, next, periodic) — nothing is owed on a solved ticket — and stops
 * resolution.
 * - firstResponse: created → first agent reply (or the solve, if solved without a reply).
 * - nextResponse: the oldest customer message not yet answered, after the first reply → the
 *   next agent reply. A message on a solved ticket starts no clock; if the ticket is reopened
 *   while the message is still unanswered, the clock starts at the message (the solved stretch
 *   in between does not count, see the implicit pause in clocks.ts).
 * - periodicUpdate: after the first reply, every agent reply starts the next cadence; a reopen
 *   starts one too; solving stops it.
 * - resolution: created → last solve; time while solved before a reopen does not count.
 */
export function cyclesOf(metric: SlaMetric, timeline: Timeline): Cycle[] {
  switch (metric) {
    case 'firstResponse':
      return firstResponse(timeline)
    case 'nextResponse':
      return nextResponse(timeline)
    case 'periodicUpdate':
      return periodicUpdate(timeline)
    case 'resolution':
      return resolution(timeline)
  }
}

function firstResponse(timeline: Timeline): Cycle[] {
  for (let i = 0; i < timeline.times.length; i++) {
    const event = timeline.events[i]
    const at = timeline.times[i] ?? 0
    if (event === undefined) break
    if (event.type === 'agent-reply' || event.type === 'solved') {
      return [{ start: timeline.createdAt, end: at }]
    }
  }
  return [{ start: timeline.createdAt, end: null }]
}

function nextResponse(timeline: Timeline): Cycle[] {
  const cycles: Cycle[] = []
  let replied = false
  let solved = false
  let openSince: Instant | null = null
  let unansweredSince: Instant | null = null
  for (let i = 0; i < timeline.times.length; i++) {
    const event = timeline.events[i]
    const at = timeline.times[i] ?? 0
    if (event === undefined) break
    switch (event.type) {
      case 'customer-message':
        unansweredSince ??= at
        if (replied && !solved) openSince ??= at
        break
      case 'agent-reply':
        if (openSince !== null) cycles.push({ start: openSince, end: at })
        replied = true
        openSince = null
        unansweredSince = null
        break
      case 'solved':
        if (openSince !== null) cycles.push({ start: openSince, end: at })
        solved = true
        openSince = null
        break
      case 'reopened':
        solved = false
        if (replied && unansweredSince !== null) openSince = unansweredSince
        break
      case 'status-change':
        if (event.to === 'closed') solved = true
        break
      default:
        break
    }
  }
  if (openSince !== null) cycles.push({ start: openSince, end: null })
  return cycles
}

function periodicUpdate(timeline: Timeline): Cycle[] {
  const cycles: Cycle[] = []
  let replied = false
  let solved = false
  let openSince: Instant | null = null
  for (let i = 0; i < timeline.times.length; i++) {
    const event = timeline.events[i]
    const at = timeline.times[i] ?? 0
    if (event === undefined) break
    switch (event.type) {
      case 'agent-reply':
        if (openSince !== null) cycles.push({ start: openSince, end: at })
        replied = true
        // A reply on a solved ticket owes no further updates until it is reopened.
        openSince = solved ? null : at
        break
      case 'solved':
        if (openSince !== null) cycles.push({ start: openSince, end: at })
        solved = true
        openSince = null
        break
      case 'reopened':
        solved = false
        if (replied) openSince = at
        break
      default:
        break
    }
  }
  if (openSince !== null) cycles.push({ start: openSince, end: null })
  return cycles
}

function resolution(timeline: Timeline): Cycle[] {
  let lastSolve: Instant | null = null
  for (let i = 0; i < timeline.times.length; i++) {
    const event = timeline.events[i]
    const at = timeline.times[i] ?? 0
    if (event === undefined) break
    if (event.type === 'solved') lastSolve = at
    if (event.type === 'reopened') lastSolve = null
  }
  return [{ start: timeline.createdAt, end: lastSolve }]
}
