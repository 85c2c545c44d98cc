import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isOpenAt, steppingBetween } from '@shared/engines/fixtures/stepping'
import { contract } from '@shared/ipc/contract'
import { TierlineError } from '@shared/ipc/errors'
import type { Account } from '@shared/model/account'
import type { Calendar } from '@shared/model/calendar'
import { newId } from '@shared/model/ids'
import type { Ticket } from '@shared/model/ticket'
import type { TicketEvent } from '@shared/model/ticket-events'
import { summarizeTicketEvents } from '@shared/model/ticket-summary'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { openTicketStatuses } from '../accounts/accounts-repository'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createSlaService, periodStart } from './sla-service'
import {
  openDemoWorkspace,
  type DemoWorkspace,
  storedAccounts,
  storedTickets,
  tierVersionsById,
} from '../testing/demo-workspace'

const NOW = Date.parse(DEFAULT_AS_OF)
const FROM = periodStart(NOW, 12)

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let sla: ReturnType<typeof createSlaService>
let accounts: Account[]
let tickets: Ticket[]
let versions: Map<string, Tier>
let calendars: Map<string, Calendar>

beforeAll(async () => {
  workspace = await openDemoWorkspace('sla', { accounts: 16, tickets: 800 })
  store = workspace.store
  const rx = store.rx()
  accounts = await storedAccounts(rx)
  tickets = await storedTickets(rx)
  versions = await tierVersionsById(rx)
  const library = (await rx.library.find({ selector: { kind: 'calendar' } }).exec()).map(
    (doc) => doc.toJSON() as Calendar,
  )
  calendars = new Map(library.map((calendar) => [calendar.id, calendar]))
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  sla = createSlaService(engines, () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const inPeriod = (ticket: Ticket) => {
  const created = Date.parse(ticket.createdAt)
  return created >= FROM && created <= NOW
}
const ticketsOf = (accountId: string) => tickets.filter((ticket) => ticket.accountId === accountId)

/**
 * First response judged without the engine: minute-stepping over the calendar from creation to
 * the first agent reply (or solve), against the target of the version stamped on the ticket.
 * Only for tickets the simple rule covers (no severity change, no pause rule on first response);
 * a reply within the rounding minutes of the target is left undecided (null).
 */
const oracle = new Map<string, boolean | null>()
function firstResponseBreached(ticket: Ticket, tier: Tier, calendar: Calendar): boolean | null {
  const key = `${ticket.id}/${tier.id}/${ticket.updatedAt}`
  const known = oracle.get(key)
  if (known !== undefined) return known
  const answer = judgeFirstResponse(ticket, tier, calendar)
  oracle.set(key, answer)
  return answer
}

function judgeFirstResponse(ticket: Ticket, tier: Tier, calendar: Calendar): boolean | null {
  if (ticket.events.some((event) => event.type === 'severity-change')) return null
  if (tier.definition.pauseRules.some((rule) => rule.metrics.includes('firstResponse'))) return null
  const target = tier.definition.sla[ticket.severity].firstResponse
  if (target === null) return null
  const created = Date.parse(ticket.createdAt)
  const answers = [ticket.firstResponseAt, ticket.solvedAt].filter((at) => at !== null)
  const end = Math.min(NOW, ...answers.map((at) => Date.parse(at)))
  if (end - created > 4 * 86_400_000) return null // keep the oracle fast
  const open: Calendar = target.hours === '24x7' ? { ...calendar, coverage: '24x7' } : calendar
  const from = Math.floor(created / 60_000) * 60_000
  const to = Math.ceil(end / 60_000) * 60_000
  // The whole minutes around the wait, less its two partial end minutes: an answer between the
  // two bounds and the target is left undecided.
  const atMost = steppingBetween(from, to, open)
  const edges =
    (isOpenAt(from, open) ? 60 : 0) + (to - 60_000 > from && isOpenAt(to - 60_000, open) ? 60 : 0)
  const atLeast = atMost - edges
  if (atLeast > target.minutes * 60) return true
  if (atMost <= target.minutes * 60) return false
  return null
}

/** The account with the most first-response breaches by the oracle: the interesting one. */
let busiest: Account | undefined
function accountWithBreaches(): Account {
  busiest ??= findAccountWithBreaches()
  return busiest
}

function findAccountWithBreaches(): Account {
  let best: { account: Account; breaches: number } | undefined
  for (const account of accounts) {
    const calendar = calendars.get(account.calendarId)
    if (calendar === undefined) continue
    let breaches = 0
    for (const ticket of ticketsOf(account.id).filter(inPeriod).slice(0, 25)) {
      const tier = versions.get(ticket.tierVersionId)
      if (tier !== undefined && firstResponseBreached(ticket, tier, calendar) === true) breaches++
    }
    if (best === undefined || breaches > best.breaches) best = { account, breaches }
  }
  if (best === undefined || best.breaches === 0) throw new Error('no account with breaches')
  return best.account
}

describe('sla.forAccount', () => {
  it('lists the breaches the stored ticket histories imply', async () => {
    const account = accountWithBreaches()
    const calendar = calendars.get(account.calendarId)
    if (calendar === undefined) throw new Error('no calendar')
    const result = await sla.forAccount({ accountId: account.id, months: 12 })
    const listed = new Set(
      result.breaches.filter((b) => b.metric === 'firstResponse').map((b) => b.ticketId),
    )
    let checked = 0
    for (const ticket of ticketsOf(account.id).filter(inPeriod)) {
      const tier = versions.get(ticket.tierVersionId)
      if (tier === undefined) continue
      const breached = firstResponseBreached(ticket, tier, calendar)
      if (breached === null) continue
      checked++
      expect(listed.has(ticket.id), `ticket #${ticket.number}`).toBe(breached)
    }
    expect(checked).toBeGreaterThan(5)
    // Every listed breach is a ticket of this account opened in the period.
    const own = new Map(ticketsOf(account.id).map((ticket) => [ticket.id, ticket]))
    for (const breach of result.breaches) {
      const ticket = own.get(breach.ticketId)
      expect(ticket !== undefined && inPeriod(ticket)).toBe(true)
      expect(Date.parse(breach.breachedAt)).toBeGreaterThanOrEqual(
        Date.parse(ticket?.createdAt ?? ''),
      )
    }
    expect(result.totals.breached).toBe(result.breaches.length)
    expect(result.compliance.reduce((sum, month) => sum + month.breached, 0)).toBe(
      result.breaches.length,
    )
  }, 90_000)

  it('shows every open ticket with running clocks, and months that add up to the period', async () => {
    const account = accountWithBreaches()
    const result = await sla.forAccount({ accountId: account.id, months: 12 })
    const open = ticketsOf(account.id).filter((ticket) =>
      openTicketStatuses.includes(ticket.status),
    )
    expect(result.openTickets.map((t) => t.ticketId).sort()).toEqual(open.map((t) => t.id).sort())
    for (const view of result.openTickets) {
      expect(view.metrics).toHaveLength(4)
      for (const metric of view.metrics) {
        if (metric.dueAt !== null) expect(Date.parse(metric.dueAt)).toBeGreaterThan(NOW)
      }
    }
    expect(result.compliance).toHaveLength(12)
    expect(result.compliance[0]?.month).toBe(new Date(FROM).toISOString().slice(0, 7))
    expect(result.compliance.reduce((sum, month) => sum + month.tickets, 0)).toBe(
      ticketsOf(account.id).filter(inPeriod).length,
    )
    expect(result.replayTiers.map((tier) => tier.tierId)).not.toContain(account.tierId)
    expect(result.unmeasured).toEqual([])
  }, 60_000)

  it('recomputes when a ticket changes: an agent reply stops the first-response clock', async () => {
    const waiting = tickets.find(
      (ticket) =>
        ticket.firstResponseAt === null &&
        ticket.status !== 'solved' &&
        ticket.status !== 'closed' &&
        Date.parse(ticket.createdAt) < NOW - 3_600_000,
    )
    if (waiting === undefined) throw new Error('no unanswered open ticket in the book')
    const before = await sla.forAccount({ accountId: waiting.accountId, months: 12 })
    const view = before.openTickets.find((t) => t.ticketId === waiting.id)
    expect(view?.metrics.find((m) => m.metric === 'firstResponse')?.running).toBe(true)

    const reply: TicketEvent = {
      id: newId(),
      at: new Date(NOW - 60_000).toISOString(),
      actor: { kind: 'agent', name: 'Test agent' },
      type: 'agent-reply',
      channel: 'email',
      body: 'Looking into it.',
    }
    const events = [...waiting.events, reply]
    const summary = summarizeTicketEvents(events)
    if (!summary.ok) throw new Error(summary.message)
    const doc = await store.rx().tickets.findOne(waiting.id).exec()
    await doc?.incrementalPatch({ events, ...summary.summary })
    try {
      const after = await sla.forAccount({ accountId: waiting.accountId, months: 12 })
      const first = after.openTickets
        .find((t) => t.ticketId === waiting.id)
        ?.metrics.find((m) => m.metric === 'firstResponse')
      expect(first?.running).toBe(false)
      expect(first?.stoppedAt).toBe(reply.at)
      const single = await sla.forTicket(waiting.id)
      expect(single.metrics.find((m) => m.metric === 'firstResponse')?.stoppedAt).toBe(reply.at)
    } finally {
      await (
        await store.rx().tickets.findOne(waiting.id).exec()
      )?.incrementalPatch({
        events: waiting.events,
        ...(summarizeTicketEvents(waiting.events) as { summary: object }).summary,
      })
    }
  })

  it('reports an unknown account as a typed not-found error', async () => {
    const failure = await sla
      .forAccount({ accountId: newId(), months: 12 })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TierlineError)
    expect((failure as TierlineError).code).toBe('not-found')
  })
})

describe('cached clocks', () => {
  it('are recomputed once a clock reaches its next state change', async () => {
    const account = accounts[2]
    if (account === undefined) throw new Error('no account')
    const source = ticketsOf(account.id)[0]
    if (source === undefined) throw new Error('no ticket')
    // A new 24x7-free S2 ticket opened now, on the account's own version.
    const opened = new Date(NOW - 60_000).toISOString()
    const events: TicketEvent[] = [
      {
        id: newId(),
        at: opened,
        actor: { kind: 'customer', name: 'Customer', contactId: null },
        type: 'created',
        severity: 'S2',
        channel: 'email',
        body: 'Exports fail.',
      },
    ]
    const summary = summarizeTicketEvents(events)
    if (!summary.ok) throw new Error(summary.message)
    const ticket: Ticket = {
      ...source,
      id: newId(),
      number: 999_998,
      tierVersionId: account.tierVersionId,
      events,
      ...summary.summary,
    }
    await store.rx().tickets.insert(ticket)
    let clock = NOW
    const moving = createEngineCache({ database: async () => store.rx(), now: () => clock })
    const service = createSlaService(moving, () => clock)
    try {
      const first = await service.forAccount({ accountId: account.id, months: 12 })
      const view = first.openTickets.find((t) => t.ticketId === ticket.id)
      const response = view?.metrics.find((m) => m.metric === 'firstResponse')
      expect(response?.state).toBe('ok')
      const change = first.nextChangeAt
      expect(change).not.toBeNull()
      expect(Date.parse(change ?? '')).toBeLessThanOrEqual(Date.parse(response?.atRiskAt ?? ''))
      // Meanwhile (and within a minute, the longest a clock result is kept) the cached answer
      // stands; once the change is due, a fresh one is computed.
      expect(Date.parse(change ?? '')).toBeGreaterThan(NOW + 30_000)
      clock = NOW + 30_000
      expect(await service.forAccount({ accountId: account.id, months: 12 })).toBe(first)
      clock = Date.parse(response?.atRiskAt ?? '') + 1000
      const later = await service.forAccount({ accountId: account.id, months: 12 })
      expect(later).not.toBe(first)
      const again = later.openTickets.find((t) => t.ticketId === ticket.id)
      expect(again?.metrics.find((m) => m.metric === 'firstResponse')?.state).toBe('at-risk')
    } finally {
      moving.dispose()
      await (await store.rx().tickets.findOne(ticket.id).exec())?.remove()
    }
  })
})

describe('a ticket the engines cannot measure', () => {
  it('is named in the account view, refused with a typed error alone, and changes nothing', async () => {
    const account = accounts[1]
    if (account === undefined) throw new Error('no account')
    const source = ticketsOf(account.id)[0]
    if (source === undefined) throw new Error('no ticket')
    const broken: Ticket = {
      ...source,
      id: newId(),
      number: 999_999,
      tierVersionId: newId(),
      events: source.events.map((event) => ({ ...event, id: newId() })),
    }
    await store.rx().tickets.insert(broken)
    try {
      const result = await sla.forAccount({ accountId: account.id, months: 36 })
      expect(result.unmeasured.map((t) => t.ticketId)).toEqual([broken.id])
      expect(result.unmeasured[0]?.reason).toContain(broken.tierVersionId)
      const failure = await sla.forTicket(broken.id).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(TierlineError)
      expect((failure as TierlineError).message).toContain('#999999')
      const replay = await sla.replay({
        accountId: account.id,
        tierId: [...versions.values()].find((t) => t.tierId !== account.tierId)?.tierId ?? '',
        months: 36,
      })
      expect(replay.unmeasured.map((t) => t.ticketId)).toEqual([broken.id])
      const stored = await store.rx().tickets.findOne(source.id).exec()
      expect(stored?.toJSON()).toEqual(source)
    } finally {
      await (await store.rx().tickets.findOne(broken.id).exec())?.remove()
    }
  })

  it('refuses an unknown ticket as not found', async () => {
    const failure = await sla.forTicket(newId()).catch((error: unknown) => error)
    expect((failure as TierlineError).code).toBe('not-found')
  })
})

describe('sla.replay', () => {
  /**
   * Replays the busiest account under `alternative` and checks, ticket by ticket with the
   * oracle, that first-response breaches are avoided or introduced exactly where the two
   * targets say so. Returns how many changed.
   */
  async function checkReplay(account: Account, alternative: Tier): Promise<number> {
    const calendar = calendars.get(account.calendarId)
    if (calendar === undefined) throw new Error('no calendar')
    const [result, current] = await Promise.all([
      sla.replay({ accountId: account.id, tierId: alternative.tierId, months: 12 }),
      sla.forAccount({ accountId: account.id, months: 12 }),
    ])
    expect(result.originalBreaches).toBe(current.totals.breached)
    expect(result.tier.tierVersionId).toBe(alternative.id)
    expect(result.sentence).toMatch(
      new RegExp(
        `^under ${alternative.name}, ${result.avoided} of these ${result.originalBreaches} breach`,
      ),
    )
    const changed = (change: string) =>
      new Set(
        result.rows
          .filter((row) => row.change === change && row.metric === 'firstResponse')
          .map((row) => row.ticketId),
      )
    const avoided = changed('avoided')
    const introduced = changed('introduced')
    let checked = 0
    for (const ticket of ticketsOf(account.id).filter(inPeriod)) {
      const tier = versions.get(ticket.tierVersionId)
      if (tier === undefined) continue
      const before = firstResponseBreached(ticket, tier, calendar)
      const after = firstResponseBreached(ticket, alternative, calendar)
      if (before === null || after === null) continue
      checked++
      expect(avoided.has(ticket.id), `avoided #${ticket.number}`).toBe(before && !after)
      expect(introduced.has(ticket.id), `introduced #${ticket.number}`).toBe(!before && after)
    }
    expect(checked).toBeGreaterThan(5)
    return avoided.size + introduced.size
  }

  it('measures the same histories under the highest and the lowest tier', async () => {
    const account = accountWithBreaches()
    const catalogue = currentTierVersions([...versions.values()], DEFAULT_AS_OF.slice(0, 10))
    const others = [catalogue[0], catalogue.at(-1)].filter(
      (tier): tier is Tier => tier !== undefined && tier.tierId !== account.tierId,
    )
    expect(others.length).toBeGreaterThan(0)
    let changes = 0
    for (const tier of others) changes += await checkReplay(account, tier)
    // Tighter targets introduce breaches, looser ones avoid them: something must move.
    expect(changes).toBeGreaterThan(0)
  }, 90_000)

  it('refuses a tier the catalogue does not have', async () => {
    const failure = await sla
      .replay({ accountId: accounts[0]?.id ?? '', tierId: newId(), months: 12 })
      .catch((error: unknown) => error)
    expect((failure as TierlineError).code).toBe('not-found')
  })
})

describe('the SLA channels’ inputs', () => {
  it('refuse malformed input naming the field', () => {
    const months = contract['sla.forAccount'].input.safeParse({ accountId: newId(), months: 0 })
    expect(months.success).toBe(false)
    expect(months.error?.issues[0]?.path).toEqual(['months'])
    const ticket = contract['sla.forTicket'].input.safeParse({ ticketId: 'not-an-id' })
    expect(ticket.error?.issues[0]?.path).toEqual(['ticketId'])
    const replay = contract['sla.replay'].input.safeParse({ accountId: newId() })
    expect(replay.error?.issues[0]?.path).toEqual(['tierId'])
  })
})
