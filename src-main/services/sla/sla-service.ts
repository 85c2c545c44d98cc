import {
  nextStateChange,
  atRiskAt,
  replayTickets,
  slaCompliance,
  type MeasuredClocks,
  type MeasuredTicket,
  type ReplayResult,
  type SlaState,
  type TicketClocks,
} from '@shared/engines'
import { TierlineError } from '@shared/ipc/errors'
import type { Account } from '@shared/model/account'
import type { Calendar } from '@shared/model/calendar'
import { slaMetrics } from '@shared/model/enums'
import type { CollectionName } from '@shared/model/registry'
import type { Ticket } from '@shared/model/ticket'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type {
  AccountReplay,
  AccountSla,
  ReplayRow,
  SlaBreach,
  SlaMonth,
  TicketSla,
  TierVersionRef,
  UnmeasuredTicket,
} from '@shared/sla/sla-queries'
import { keyOf, type EngineCache, type EngineInputs } from '../engines/engine-cache'
import { openTicketStatuses } from '../accounts/accounts-repository'
import { clockTicket, engineFailure, prepareTicket, type MeasureContext } from './measure'

/** Everything an SLA result is derived from (calendars and settings live in `library`). */
export const slaDependencies: readonly CollectionName[] = [
  'tickets',
  'tiers',
  'library',
  'accounts',
]

/**
 * Clocks move with time: a cached result is asked again at the next state change, and at
 * least this often, so remaining and elapsed times shown after a refetch are fresh.
 */
const MAX_AGE_MS = 60_000

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

/** Order of urgency, most urgent first. */
const stateRank: Readonly<Record<SlaState, number>> = {
  breached: 0,
  'at-risk': 1,
  ok: 2,
  paused: 3,
  met: 4,
  'not-applicable': 5,
}

export function tierRef(tier: Tier): TierVersionRef {
  return {
    tierId: tier.tierId,
    tierVersionId: tier.id,
    name: tier.name,
    version: tier.version,
    rank: tier.rank,
  }
}

/** First instant of the UTC month `months − 1` months before the month of `now`. */
export function periodStart(now: number, months: number): number {
  const date = new Date(now)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (months - 1), 1)
}

function monthStarts(from: number, now: number): number[] {
  const starts: number[] = []
  const date = new Date(from)
  for (let m = 0; ; m++) {
    const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + m, 1)
    if (start > now) return starts
    starts.push(start)
  }
}

interface Loaded {
  readonly account: Account
  readonly context: MeasureContext
  readonly calendar: Calendar | undefined
  readonly versions: ReadonlyMap<string, Tier>
}

async function loadAccount(inputs: EngineInputs, accountId: string, now: number): Promise<Loaded> {
  const [accounts, versions, calendars, settings] = await Promise.all([
    inputs.accounts(),
    inputs.tierVersions(),
    inputs.calendars(),
    inputs.settings(),
  ])
  const account = accounts.byId.get(accountId)
  if (account === undefined) {
    throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
      id: accountId,
    })
  }
  return {
    account,
    versions,
    calendar: calendars.get(account.calendarId),
    context: { versions, calendars, atRiskShare: settings.slaAtRiskShare, now },
  }
}

function ticketView(
  ticket: Ticket,
  tier: Tier,
  calendar: Calendar,
  clocks: TicketClocks,
  share: number,
): TicketSla {
  const metrics = slaMetrics.map((metric) => {
    const clock = clocks.metrics[metric]
    return {
      metric,
      state: clock.state,
      targetSeconds: clock.targetSeconds,
      hours: clock.hours,
      elapsedSeconds: clock.elapsedSeconds,
      remainingSeconds: clock.remainingSeconds,
      running: clock.running,
      atRiskAt: iso(atRiskAt(clock, clocks.evaluatedAt, calendar, share)),
      dueAt: iso(clock.state === 'ok' || clock.state === 'at-risk' ? clock.dueAt : null),
      breachedAt: iso(clock.breachedAt),
      stoppedAt: iso(clock.stoppedAt),
    }
  })
  const worst = metrics
    .map((metric) => metric.state)
    .reduce<SlaState>((a, b) => (stateRank[b] < stateRank[a] ? b : a), 'not-applicable')
  return {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    accountId: ticket.accountId,
    severity: clocks.severity,
    status: clocks.status,
    createdAt: ticket.createdAt,
    tier: tierRef(tier),
    calendar: { id: calendar.id, name: calendar.name, timeZone: calendar.timeZone },
    metrics,
    worst,
    evaluatedAt: new Date(clocks.evaluatedAt).toISOString(),
    nextChangeAt: iso(nextStateChange(clocks, calendar, share)),
  }
}

const earliest = (instants: readonly (string | null)[]): string | null =>
  instants.reduce<string | null>((a, b) => (b !== null && (a === null || b < a) ? b : a), null)

/** Valid until the next state change, the next month (the period moves) or the max age. */
function validity(evaluatedAt: string, nextChangeAt: string | null): number {
  const at = Date.parse(evaluatedAt)
  const date = new Date(at)
  const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
  const next = nextChangeAt === null ? Infinity : Date.parse(nextChangeAt)
  return Math.min(at + MAX_AGE_MS, nextMonth, next)
}

/**
 * The SLA read models behind the account screen: one ticket's clocks, an account's open
 * tickets, monthly compliance and breaches, and replay under another tier. Results are cached
 * per input in the engine cache and recomputed when tickets, tiers, calendars, settings or
 * accounts change, or when a clock is due to change state on its own.
 */
export function createSlaService(engines: EngineCache, now: () => number = Date.now) {
  async function forTicket(ticketId: string): Promise<TicketSla> {
    return engines.get({
      engine: 'sla.forTicket',
      key: ticketId,
      dependsOn: slaDependencies,
      validUntil: (value) => validity(value.evaluatedAt, value.nextChangeAt),
      async compute({ rx, inputs }) {
        const doc = await rx.tickets.findOne(ticketId).exec()
        if (doc === null) {
          throw new TierlineError('not-found', 'This ticket does not exist in this workspace.', {
            id: ticketId,
          })
        }
        const ticket = doc.toJSON() as Ticket
        const { account, context, calendar } = await loadAccount(inputs, ticket.accountId, now())
        const clocked = clockTicket(ticket, account, context)
        if (!clocked.ok || calendar === undefined) {
          const reason = clocked.ok
            ? 'its account has no support calendar'
            : clocked.unmeasured.reason
          throw new TierlineError(
            'conflict',
            `Ticket #${ticket.number} cannot be measured: ${reason}.`,
            { ticketId },
          )
        }
        return ticketView(
          ticket,
          clocked.measured.tier,
          calendar,
          clocked.clocks,
          context.atRiskShare,
        )
      },
    })
  }

  async function forAccount(input: {
    readonly accountId: string
    readonly months: number
  }): Promise<AccountSla> {
    return engines.get({
      engine: 'sla.forAccount',
      key: keyOf(input),
      dependsOn: slaDependencies,
      validUntil: (value) => validity(value.evaluatedAt, value.nextChangeAt),
      async compute({ inputs }) {
        const at = now()
        const { account, context, calendar, versions } = await loadAccount(
          inputs,
          input.accountId,
          at,
        )
        const tickets = await inputs.ticketsOf(account.id)
        const from = periodStart(at, input.months)
        const open = new Set<string>(openTicketStatuses)
        const unmeasured: UnmeasuredTicket[] = []
        const openTickets: TicketSla[] = []
        const measured: MeasuredClocks[] = []
        const breaches: SlaBreach[] = []
        for (const ticket of tickets) {
          const created = Date.parse(ticket.createdAt)
          const inPeriod = created >= from && created <= at
          if (!inPeriod && !open.has(ticket.status)) continue
          const clocked = clockTicket(ticket, account, context)
          if (!clocked.ok) {
            unmeasured.push(clocked.unmeasured)
            continue
          }
          const { clocks } = clocked
          if (open.has(clocks.status) && calendar !== undefined) {
            openTickets.push(
              ticketView(ticket, clocked.measured.tier, calendar, clocks, context.atRiskShare),
            )
          }
          if (!inPeriod) continue
          measured.push({
            clocks,
            accountId: account.id,
            tierId: clocked.measured.tier.tierId,
            createdAt: created,
          })
          for (const metric of slaMetrics) {
            const clock = clocks.metrics[metric]
            if (clock.state !== 'breached' || clock.breachedAt === null) continue
            breaches.push({
              ticketId: ticket.id,
              number: ticket.number,
              subject: ticket.subject,
              severity: clocks.severity,
              metric,
              breachedAt: new Date(clock.breachedAt).toISOString(),
              targetSeconds: clock.targetSeconds,
              hours: clock.hours,
              running: clock.running,
            })
          }
        }
        openTickets.sort(
          (a, b) =>
            stateRank[a.worst] - stateRank[b.worst] ||
            (earliest(a.metrics.map((m) => m.dueAt)) ?? '~').localeCompare(
              earliest(b.metrics.map((m) => m.dueAt)) ?? '~',
            ) ||
            a.number - b.number,
        )
        breaches.sort((a, b) => b.breachedAt.localeCompare(a.breachedAt) || a.number - b.number)
        const compliance: SlaMonth[] = monthStarts(from, at).map((start, index, starts) => {
          const end = starts[index + 1] ?? at + 1
          const [row] = slaCompliance({
            tickets: measured,
            groupBy: 'all',
            period: { from: start, to: end },
          })
          return {
            month: new Date(start).toISOString().slice(0, 7),
            tickets: row?.tickets ?? 0,
            met: row?.met ?? 0,
            breached: row?.breached ?? 0,
            metShare: row?.metShare ?? null,
          }
        })
        const [total] = slaCompliance({
          tickets: measured,
          groupBy: 'all',
          period: { from, to: at + 1 },
        })
        const own = versions.get(account.tierVersionId)
        const today = new Date(at).toISOString().slice(0, 10)
        const replayTiers = currentTierVersions([...versions.values()], today)
          .filter((tier) => tier.tierId !== account.tierId)
          .map(tierRef)
        const evaluatedAt = new Date(at).toISOString()
        return {
          accountId: account.id,
          accountName: account.name,
          tier: own === undefined ? null : tierRef(own),
          atRiskShare: context.atRiskShare,
          period: { from: new Date(from).toISOString(), to: evaluatedAt },
          openTickets,
          compliance,
          totals: {
            tickets: total?.tickets ?? 0,
            met: total?.met ?? 0,
            breached: total?.breached ?? 0,
            metShare: total?.metShare ?? null,
            breachesBySeverity: total?.breachesBySeverity ?? { S1: 0, S2: 0, S3: 0, S4: 0 },
          },
          breaches,
          unmeasured,
          replayTiers,
          evaluatedAt,
          nextChangeAt: earliest(openTickets.map((ticket) => ticket.nextChangeAt)),
        }
      },
    })
  }

  async function replay(input: {
    readonly accountId: string
    readonly tierId: string
    readonly months: number
  }): Promise<AccountReplay> {
    return engines.get({
      engine: 'sla.replay',
      key: keyOf(input),
      dependsOn: slaDependencies,
      validUntil: (value) => validity(value.evaluatedAt, null),
      async compute({ inputs }) {
        const at = now()
        const { account, context } = await loadAccount(inputs, input.accountId, at)
        const today = new Date(at).toISOString().slice(0, 10)
        const alternative = currentTierVersions([...context.versions.values()], today).find(
          (tier) => tier.tierId === input.tierId,
        )
        if (alternative === undefined) {
          throw new TierlineError(
            'not-found',
            'There is no such tier in this workspace’s catalogue to replay under.',
            { tierId: input.tierId },
          )
        }
        const from = periodStart(at, input.months)
        const tickets = (await inputs.ticketsOf(account.id)).filter((ticket) => {
          const created = Date.parse(ticket.createdAt)
          return created >= from && created <= at
        })
        const unmeasured: UnmeasuredTicket[] = []
        const ready: MeasuredTicket[] = []
        const options = { alternative, now: at, atRiskShare: context.atRiskShare }
        for (const ticket of tickets) {
          const prepared = prepareTicket(ticket, account, context)
          if (!prepared.ok) {
            unmeasured.push(prepared.unmeasured)
            continue
          }
          // Each ticket alone first, so one history the engine refuses is named, not fatal.
          try {
            replayTickets({ ...options, tickets: [prepared.measured] })
            ready.push(prepared.measured)
          } catch (error) {
            const reason = engineFailure(error)
            if (reason === undefined) throw error
            unmeasured.push({ ticketId: ticket.id, number: ticket.number, reason })
          }
        }
        const result: ReplayResult = replayTickets({ ...options, tickets: ready })
        const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]))
        const rows: ReplayRow[] = []
        const { summary } = result
        for (const [change, list] of [
          ['avoided', summary.avoided],
          ['introduced', summary.introduced],
          ['still-breached', summary.stillBreached],
        ] as const) {
          for (const reference of list) {
            const ticket = byId.get(reference.ticketId)
            rows.push({
              ticketId: reference.ticketId,
              number: ticket?.number ?? 0,
              subject: ticket?.subject ?? '',
              severity: reference.severity,
              metric: reference.metric,
              change,
              originalBreachedAt: iso(reference.originalBreachedAt),
              replayedBreachedAt: iso(reference.replayedBreachedAt),
            })
          }
        }
        return {
          accountId: account.id,
          tier: tierRef(alternative),
          period: { from: new Date(from).toISOString(), to: new Date(at).toISOString() },
          tickets: ready.length,
          sentence: summary.sentence,
          originalBreaches: summary.originalBreaches,
          replayedBreaches: summary.replayedBreaches,
          avoided: summary.avoided.length,
          introduced: summary.introduced.length,
          rows,
          unmeasured,
          evaluatedAt: new Date(at).toISOString(),
        }
      },
    })
  }

  return { forTicket, forAccount, replay }
}

export type SlaService = ReturnType<typeof createSlaService>
