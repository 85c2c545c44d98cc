import type { Channel, Severity, SlaMetric, TicketStatus } from '@shared/model/enums'
import type { Ticket } from '@shared/model/ticket'
import type { TicketActor, TicketEvent } from '@shared/model/ticket-events'
import { summarizeTicketEvents } from '@shared/model/ticket-summary'
import type { EscalationLevel, SlaTarget, Tier } from '@shared/model/tier'
import { addOpenMinutes, openMinutesBetween, type CompiledCalendar } from '../business-time'
import type { AccountFacts, BookContext } from '../context'
import { quarterOf } from '../dates'
import type { AccountPlan, ContactPlan } from '../plan'
import { Rng } from '../prng'
import { TicketText } from '../text'
import { DAY_MS, iso, zoneOffsetMs } from '../zoned-time'

/**
 * Tickets with believable histories. Each ticket is played forward event by event against the
 * SLA targets of the tier version in force when it was opened: agents answer inside the
 * account's working hours when a metric counts business time, clocks stop while the tier's pause
 * rules say so, and a per-metric coin decides whether the target is met (reply at 15–90% of the
 * target) or missed (115–300%). Whatever lies after the book's `asOf` is cut off, which leaves
 * recent tickets open, waiting on the customer, or unanswered.
 */

const MINUTE = 60_000

const severityMix: Readonly<Record<string, readonly (readonly [Severity, number])[]>> = {
  community: [
    ['S1', 1],
    ['S2', 7],
    ['S3', 50],
    ['S4', 42],
  ],
  standard: [
    ['S1', 2],
    ['S2', 10],
    ['S3', 50],
    ['S4', 38],
  ],
  premium: [
    ['S1', 3],
    ['S2', 13],
    ['S3', 48],
    ['S4', 36],
  ],
  enterprise: [
    ['S1', 4],
    ['S2', 14],
    ['S3', 47],
    ['S4', 35],
  ],
}

const roleLabels: Readonly<Record<EscalationLevel['role'], string>> = {
  'support-lead': 'support lead',
  'support-manager': 'support manager',
  'engineering-on-call': 'engineering on-call',
  tam: 'TAM',
  csm: 'CSM',
  'cs-manager': 'CS manager',
  'executive-sponsor': 'executive sponsor',
}

const tags = [
  'api',
  'sso',
  'exports',
  'performance',
  'billing',
  'how-to',
  'integrations',
  'permissions',
]

const offsets = new Map<string, Map<number, number>>()
function offsetAtNoon(zone: string, dayStartMs: number): number {
  let byDay = offsets.get(zone)
  if (byDay === undefined) {
    byDay = new Map()
    offsets.set(zone, byDay)
  }
  let offset = byDay.get(dayStartMs)
  if (offset === undefined) {
    offset = zoneOffsetMs(zone, dayStartMs + 12 * 3_600_000)
    byDay.set(dayStartMs, offset)
  }
  return offset
}

/** Ticket creation times: weekdays and the customer's working day are busier. */
function sampleCreated(rng: Rng, plan: AccountPlan, fromMs: number, toMs: number): number {
  for (let attempt = 0; attempt < 50; attempt++) {
    const dayStart = Math.floor(rng.float(fromMs, toMs) / DAY_MS) * DAY_MS
    const weekday = new Date(dayStart).getUTCDay()
    if ((weekday === 0 || weekday === 6) && rng.chance(0.75)) continue
    const minute = rng.chance(0.85) ? rng.int(8 * 60, 18 * 60) : rng.int(0, 24 * 60 - 1)
    const at =
      dayStart + minute * MINUTE - offsetAtNoon(plan.timeZone, dayStart) + rng.int(0, 59) * 1000
    if (at >= fromMs && at < toMs) return at
  }
  return rng.float(fromMs, toMs)
}

interface Draft {
  readonly events: TicketEvent[]
  /** `events[i].at` as a number, to sort and cut without parsing. */
  readonly times: number[]
  status: TicketStatus
  severity: Severity
  /** When the ticket became its current severity (escalation timers start there). */
  severitySince: number
  last: number
  lastUpdate: number
  /** Resolution-clock pauses: closed spans and the open one. */
  readonly pauses: [number, number][]
  pausedSince: number | null
  breachedFirstResponse: boolean
}

class TicketBuilder {
  private readonly text: TicketText

  constructor(
    private readonly rng: Rng,
    private readonly version: Tier,
    private readonly calendar: CompiledCalendar,
    private readonly agent: string,
    private readonly requester: ContactPlan,
    private readonly breachRate: number,
  ) {
    this.text = new TicketText(rng)
    this.customerActor = { kind: 'customer', name: requester.name, contactId: requester.id }
    this.assigneeActor = { kind: 'agent', name: agent }
  }

  private get definition() {
    return this.version.definition
  }

  target(draft: Draft, metric: SlaMetric): SlaTarget | null {
    return this.definition.sla[draft.severity][metric]
  }

  pauses(status: TicketStatus, metric: SlaMetric): boolean {
    return this.definition.pauseRules.some(
      (rule) => rule.status === status && rule.metrics.includes(metric),
    )
  }

  /** Time `minutes` after `from` on the metric's clock (business hours unless 24x7). */
  advance(target: SlaTarget | null, from: number, minutes: number): number {
    if (target?.hours === '24x7') return from + minutes * MINUTE
    return addOpenMinutes(this.calendar, from, minutes)
  }

  elapsed(target: SlaTarget | null, from: number, to: number): number {
    if (target?.hours === '24x7') return Math.max(0, (to - from) / MINUTE)
    return openMinutesBetween(this.calendar, from, to)
  }

  factor(breach: boolean): number {
    return breach ? this.rng.float(1.15, 3) : this.rng.float(0.15, 0.9)
  }

  miss(scale = 1): boolean {
    return this.rng.chance(this.breachRate * scale)
  }

  // One actor object per ticket, shared by its events (they serialise the same either way).
  private readonly customerActor: TicketActor
  private readonly assigneeActor: TicketActor

  customer(): TicketActor {
    return this.customerActor
  }

  agentActor(): TicketActor {
    return this.assigneeActor
  }

  push(draft: Draft, at: number, event: TicketEvent): void {
    draft.events.push(event)
    draft.times.push(at)
    draft.last = Math.max(draft.last, at)
  }

  setStatus(
    draft: Draft,
    to: TicketStatus,
    at: number,
    actor: TicketActor = this.agentActor(),
  ): void {
    if (draft.status === to) return
    this.push(draft, at, {
      id: this.rng.id(at),
      at: iso(at),
      actor,
      type: 'status-change',
      from: draft.status,
      to,
    })
    this.track(draft, to, at)
    // Leaving a status that stops periodic updates restarts their clock.
    if (this.pauses(draft.status, 'periodicUpdate') && !this.pauses(to, 'periodicUpdate')) {
      draft.lastUpdate = Math.max(draft.lastUpdate, at)
    }
    draft.status = to
  }

  /** Opens or closes a resolution pause as the status moves in or out of a pausing status. */
  track(draft: Draft, to: TicketStatus, at: number): void {
    const paused = this.pauses(to, 'resolution')
    if (paused && draft.pausedSince === null) draft.pausedSince = at
    if (!paused && draft.pausedSince !== null) {
      draft.pauses.push([draft.pausedSince, at])
      draft.pausedSince = null
    }
  }

  reply(draft: Draft, at: number, body: string): void {
    this.fillUpdates(draft, at)
    this.push(draft, at, {
      id: this.rng.id(at),
      at: iso(at),
      actor: this.agentActor(),
      type: 'agent-reply',
      channel: 'email',
      body,
    })
    draft.lastUpdate = at
  }

  customerMessage(draft: Draft, at: number, channel: Channel): void {
    this.fillUpdates(draft, at)
    this.push(draft, at, {
      id: this.rng.id(at),
      at: iso(at),
      actor: this.customer(),
      type: 'customer-message',
      channel,
      body: this.text.followUp(),
    })
  }

  note(
    draft: Draft,
    at: number,
    body: string,
    escalationLevel: number | null = null,
    actor = this.agentActor(),
  ): void {
    this.push(draft, at, {
      id: this.rng.id(at),
      at: iso(at),
      actor,
      type: 'internal-note',
      body,
      escalationLevel,
    })
  }

  /** Periodic updates (S1/S2) while the ticket is worked on, up to `until`. */
  fillUpdates(draft: Draft, until: number): void {
    const periodic = this.target(draft, 'periodicUpdate')
    if (periodic === null || draft.status === 'new') return
    if (
      this.pauses(draft.status, 'periodicUpdate') ||
      draft.status === 'solved' ||
      draft.status === 'closed'
    )
      return
    const late = this.miss(0.8)
    for (let count = 0; count < 40; count++) {
      const next = this.advance(periodic, draft.lastUpdate, periodic.minutes * this.factor(late))
      if (next >= until) return
      this.push(draft, next, {
        id: this.rng.id(next),
        at: iso(next),
        actor: this.agentActor(),
        type: 'agent-reply',
        channel: 'email',
        body: this.text.update(),
      })
      draft.lastUpdate = next
    }
  }

  /** Resolution minutes consumed by `at`, excluding pauses. */
  consumed(draft: Draft, created: number, at: number): number {
    const target = this.target(draft, 'resolution')
    let paused = draft.pausedSince === null ? 0 : this.elapsed(target, draft.pausedSince, at)
    for (const [from, to] of draft.pauses) paused += this.elapsed(target, from, Math.min(to, at))
    return this.elapsed(target, created, at) - paused
  }

  build(created: number, severity: Severity, channel: Channel, subject: string): Draft {
    const rng = this.rng
    const escalateLater = severity === 'S1' && rng.chance(0.2)
    const draft: Draft = {
      events: [],
      times: [],
      status: 'new',
      severity: escalateLater ? 'S2' : severity,
      severitySince: created,
      last: created,
      lastUpdate: created,
      pauses: [],
      pausedSince: null,
      breachedFirstResponse: false,
    }
    this.push(draft, created, {
      id: rng.id(created),
      at: iso(created),
      actor: this.customer(),
      type: 'created',
      severity: draft.severity,
      channel,
      body: this.text.description(subject, this.requester.name),
    })

    // First response.
    const firstResponse = this.target(draft, 'firstResponse')
    const breachFirst = this.miss()
    const firstAt = this.advance(
      firstResponse,
      created,
      (firstResponse?.minutes ?? rng.int(60, 960)) * this.factor(breachFirst),
    )
    draft.breachedFirstResponse = breachFirst && firstResponse !== null
    this.reply(draft, firstAt, this.text.reply(this.requester.name))
    this.setStatus(draft, rng.chance(0.35) ? 'waiting-on-customer' : 'open', firstAt)

    if (escalateLater) {
      const at = draft.last + rng.int(20, 240) * MINUTE
      if (draft.status === 'waiting-on-customer') {
        this.customerMessage(draft, at, channel)
        this.setStatus(draft, 'open', at)
      }
      this.push(draft, at, {
        id: rng.id(at),
        at: iso(at),
        actor: this.agentActor(),
        type: 'severity-change',
        from: 'S2',
        to: 'S1',
        reason: 'Business-critical impact confirmed by the customer.',
      })
      draft.severity = 'S1'
      draft.severitySince = at
      this.reply(draft, at + rng.int(2, 15) * MINUTE, this.text.reply(this.requester.name))
    }

    // The conversation.
    const rounds = rng.int(0, draft.severity === 'S1' ? 5 : draft.severity === 'S2' ? 4 : 3)
    for (let round = 0; round < rounds; round++) this.round(draft, channel)
    if (draft.status === 'waiting-on-customer' || draft.status === 'waiting-on-third-party') {
      this.resume(draft, channel)
    }

    // A workaround can take an S1 down to S2 on the way.
    if (draft.severity === 'S1' && rng.chance(0.15)) {
      const at = draft.last + rng.int(10, 120) * MINUTE
      this.note(draft, at, 'Workaround in place; impact reduced.')
      this.push(draft, at, {
        id: rng.id(at),
        at: iso(at),
        actor: this.agentActor(),
        type: 'severity-change',
        from: 'S1',
        to: 'S2',
        reason: 'Workaround restores service.',
      })
      draft.severity = 'S2'
    }

    this.solve(draft, created)
    if (rng.chance(this.breachRate * 0.8)) {
      // Reopened: the fix did not hold.
      const at = draft.last + rng.int(2 * 60, 5 * 24 * 60) * MINUTE
      this.push(draft, at, {
        id: rng.id(at),
        at: iso(at),
        actor: this.customer(),
        type: 'reopened',
        reason: 'The problem is back after the fix.',
      })
      this.track(draft, 'open', at)
      draft.status = 'open'
      draft.lastUpdate = at
      const next = this.target(draft, 'nextResponse')
      this.reply(
        draft,
        this.advance(next, at, (next?.minutes ?? rng.int(60, 480)) * this.factor(this.miss())),
        this.text.reply(this.requester.name),
      )
      this.solve(draft, created, rng.int(60, 960))
    }
    const closeAt = draft.last + rng.int(3, 7) * DAY_MS
    this.setStatus(draft, 'closed', closeAt, { kind: 'system', name: 'Helpdesk automation' })
    return draft
  }

  round(draft: Draft, channel: Channel): void {
    const rng = this.rng
    if (draft.status === 'waiting-on-customer' || draft.status === 'waiting-on-third-party') {
      this.resume(draft, channel)
      return
    }
    const kind = rng.weighted([
      ['follow-up', 35],
      ['ask', 35],
      ['third-party', draft.severity === 'S4' ? 0 : 8],
      ['note', 22],
    ] as const)
    if (kind === 'note') {
      this.note(draft, this.advance(null, draft.last, rng.int(10, 240)), this.text.note())
    } else if (kind === 'ask') {
      const next = this.target(draft, 'nextResponse')
      const at = this.advance(next, draft.last, rng.int(20, 240))
      this.reply(
        draft,
        at,
        'Could you send logs from an affected user and the exact time it happened?',
      )
      this.setStatus(draft, 'waiting-on-customer', at)
    } else if (kind === 'third-party') {
      const at = this.advance(null, draft.last, rng.int(15, 180))
      this.note(draft, at, 'Opened a ticket with the upstream provider.')
      this.setStatus(draft, 'waiting-on-third-party', at)
    } else {
      const at = draft.last + rng.logNormal(6 * 60, 0.9) * MINUTE
      this.customerMessage(draft, at, channel)
      this.answer(draft, at)
    }
  }

  /** Leaves a waiting status: the customer (or vendor) comes back, the agent answers. */
  resume(draft: Draft, channel: Channel): void {
    const rng = this.rng
    if (draft.status === 'waiting-on-third-party') {
      const at = draft.last + rng.logNormal(30 * 60, 0.8) * MINUTE
      this.note(draft, at, 'Provider confirmed the fix on their side.')
      this.setStatus(draft, 'open', at)
      this.reply(
        draft,
        this.advance(null, at, rng.int(10, 120)),
        this.text.reply(this.requester.name),
      )
      return
    }
    // Customers usually answer within a day; some take weeks, which keeps tickets paused.
    const delay = rng.chance(0.1) ? rng.float(5, 30) * 24 * 60 : rng.logNormal(18 * 60, 0.9)
    const at = draft.last + delay * MINUTE
    this.customerMessage(draft, at, channel)
    this.setStatus(draft, 'open', at, this.customer())
    this.answer(draft, at)
  }

  /** The agent's next response to a customer message, on or off target. */
  answer(draft: Draft, at: number): void {
    const next = this.target(draft, 'nextResponse')
    const replyAt = this.advance(
      next,
      at,
      (next?.minutes ?? this.rng.int(60, 1440)) * this.factor(this.miss(0.8)),
    )
    this.reply(draft, replyAt, this.text.reply(this.requester.name))
  }

  solve(draft: Draft, created: number, extraMinutes?: number): void {
    const rng = this.rng
    const resolution = this.target(draft, 'resolution')
    let at: number
    if (extraMinutes !== undefined) {
      at = this.advance(resolution, draft.last, extraMinutes)
    } else {
      const desired = (resolution?.minutes ?? rng.int(240, 4800)) * this.factor(this.miss(1.1))
      const used = this.consumed(draft, created, draft.last)
      at =
        used < desired
          ? this.advance(resolution, draft.last, desired - used)
          : this.advance(null, draft.last, rng.int(5, 90))
    }
    const resolutionText = this.text.resolution()
    this.reply(draft, at, `Resolved: ${resolutionText}`)
    this.push(draft, at, {
      id: rng.id(at),
      at: iso(at),
      actor: this.agentActor(),
      type: 'solved',
      resolution: resolutionText,
    })
    this.track(draft, 'solved', at)
    draft.status = 'solved'
  }

  /** Escalation notes for the levels engaged before the ticket was solved. */
  escalate(draft: Draft): void {
    const solvedIndex = draft.events.findIndex((event) => event.type === 'solved')
    const solvedAt = solvedIndex < 0 ? Infinity : (draft.times[solvedIndex] ?? Infinity)
    for (const level of this.definition.escalation) {
      if (!level.severities.includes(draft.severity)) continue
      const at = draft.severitySince + level.afterMinutes * MINUTE
      if (at >= solvedAt) break
      this.note(
        draft,
        at,
        `Escalated to the ${roleLabels[level.role]} (level ${level.level}).`,
        level.level,
        { kind: 'system', name: 'Escalation policy' },
      )
    }
  }
}

/**
 * The events in time order (stable, so events at the same instant keep their causal order) and
 * without those after `asOf`. Times are rounded to the millisecond, like the strings.
 */
function chronological(draft: Draft, asOfMs: number): TicketEvent[] {
  const order = draft.events.map((_, index) => index)
  const at = draft.times.map(Math.round)
  order.sort((a, b) => (at[a] ?? 0) - (at[b] ?? 0) || a - b)
  const events: TicketEvent[] = []
  for (const index of order) {
    const event = draft.events[index]
    if (event !== undefined && (at[index] ?? Infinity) <= asOfMs) events.push(event)
  }
  return events
}

function pickChannel(rng: Rng, version: Tier, severity: Severity): Channel {
  const offered = version.definition.entitlements.channels
  const weights: Record<Channel, number> = {
    portal: 3,
    email: 4,
    chat: 2,
    phone: severity === 'S1' ? 4 : 1,
    slack: 1.5,
  }
  return rng.weighted(offered.map((channel) => [channel, weights[channel]] as const))
}

/** A contact who already existed and is not only the billing contact; the champion otherwise. */
function pickRequester(rng: Rng, plan: AccountPlan, at: number): ContactPlan {
  const known = plan.contacts.filter(
    (contact) => contact.createdMs <= at && !contact.roles.includes('billing'),
  )
  const requester = known.length > 0 ? rng.pick(known) : plan.contacts[0]
  if (requester === undefined) throw new Error(`account ${plan.index} has no contacts`)
  return requester
}

/** Every ticket of one account, oldest first, numbered from `firstNumber`. */
export function ticketsForAccount(
  context: BookContext,
  plan: AccountPlan,
  firstNumber: number,
): Ticket[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'tickets', plan.index)
  const facts = context.facts[plan.index]
  const fromMs = Math.max(asOfMs - 365 * DAY_MS, plan.createdMs)
  const created = Array.from({ length: plan.ticketCount }, () =>
    sampleCreated(rng, plan, fromMs, asOfMs - 5 * MINUTE),
  ).sort((a, b) => a - b)
  const mix = severityMix[plan.tier.key] ?? severityMix['standard'] ?? []
  const contractStartMs = Date.parse(`${plan.contractStart}T00:00:00.000Z`)
  const text = new TicketText(rng)
  return created.map((createdMs, i) => {
    const version = createdMs < contractStartMs ? plan.previousVersion : plan.version
    let severity = rng.weighted(mix)
    // Troubled accounts have more of the worst days.
    if (plan.story === 'declining' && severity === 'S2' && rng.chance(0.25)) severity = 'S1'
    const channel = pickChannel(rng, version, severity)
    const requester = pickRequester(rng, plan, createdMs)
    const agent = rng.pick(context.agents)
    const subject = text.subject(severity)
    const builder = new TicketBuilder(
      rng,
      version,
      plan.calendar,
      agent,
      requester,
      plan.breachRate * (severity === 'S1' ? 1.2 : 1),
    )
    const draft = builder.build(createdMs, severity, channel, subject)
    builder.escalate(draft)
    const events = chronological(draft, asOfMs)
    const replay = summarizeTicketEvents(events)
    if (!replay.ok) throw new Error(`demo ticket ${i} of account ${plan.index}: ${replay.message}`)
    const number = firstNumber + i
    const ticket: Ticket = {
      id: rng.id(createdMs),
      number,
      externalRef: `ZD-${40_000 + number}`,
      accountId: plan.id,
      tierVersionId: version.id,
      requesterContactId: requester.id,
      subject,
      channel,
      assignee: agent,
      tags: rng.chance(0.6) ? [rng.pick(tags)] : [],
      ...replay.summary,
      events,
      updatedAt: events[events.length - 1]?.at ?? iso(createdMs),
      updatedBy: 'system:helpdesk',
    }
    if (facts !== undefined) record(facts, ticket, draft, asOfMs)
    return ticket
  })
}

function record(facts: AccountFacts, ticket: Ticket, draft: Draft, asOfMs: number): void {
  const createdMs = Date.parse(ticket.createdAt)
  const quarter = quarterOf(ticket.createdAt.slice(0, 10))
  const entry = facts.quarters.get(quarter) ?? { tickets: 0, met: 0 }
  entry.tickets++
  if (!draft.breachedFirstResponse) entry.met++
  facts.quarters.set(quarter, entry)
  if (
    draft.breachedFirstResponse &&
    asOfMs - createdMs < 45 * DAY_MS &&
    ticket.firstResponseAt !== null
  ) {
    facts.breaches.push({
      ticketId: ticket.id,
      at: Date.parse(ticket.firstResponseAt),
      severity: ticket.severity,
      metric: 'first response',
    })
    if (facts.breaches.length > 4) facts.breaches.shift()
  }
  if (ticket.severity === 'S1') {
    facts.lastS1 = { ticketId: ticket.id, at: createdMs }
    if (ticket.status !== 'solved' && ticket.status !== 'closed') facts.openS1.push(ticket.id)
  }
}
