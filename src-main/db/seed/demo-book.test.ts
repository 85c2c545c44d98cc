import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Account } from '@shared/model/account'
import type { Calendar } from '@shared/model/calendar'
import type { CollectionName } from '@shared/model/registry'
import type { Ticket } from '@shared/model/ticket'
import type { Tier } from '@shared/model/tier'
import type { UsageSnapshot } from '@shared/model/usage'
import { validateBatch } from '@shared/model/validate'
import { compileCalendar, openMinutesBetween, type CompiledCalendar } from './business-time'
import { hashBatches, hashDemoBook } from './canonical'
import { generateDemoBook } from './demo-book'
import { DEFAULT_AS_OF } from './options'

/**
 * The default demo book, generated once and checked as a whole: every document valid under its
 * zod schema, the counts and distributions a CS team would expect, and the same bytes on every
 * run — in this process and in a fresh one.
 */

const asOfMs = Date.parse(DEFAULT_AS_OF)
const root = join(import.meta.dirname, '../../..')

interface BookStats {
  hash: string
  counts: Partial<Record<CollectionName, number>>
  invalid: string[]
  order: CollectionName[]
  largestBatch: number
  ids: Map<CollectionName, Set<string>>
  accounts: Map<string, Account>
  tiers: Map<string, Tier>
  calendars: Map<string, Calendar>
  snapshots: Map<string, UsageSnapshot[]>
  tickets: {
    total: number
    firstResponseMeasured: number
    firstResponseBreached: number
    paused: number
    open: number
    escalated: number
    severityChanged: number
    reopened: number
    bySeverity: Map<string, number>
    olderVersion: number
    danglingReferences: number
    maxEvents: number
    eventTypes: Set<string>
  }
  contactsByAccount: Map<string, Set<string>>
  futureDocuments: string[]
}

function collect(): BookStats {
  const stats: BookStats = {
    hash: '',
    counts: {},
    invalid: [],
    order: [],
    largestBatch: 0,
    ids: new Map(),
    accounts: new Map(),
    tiers: new Map(),
    calendars: new Map(),
    snapshots: new Map(),
    tickets: {
      total: 0,
      firstResponseMeasured: 0,
      firstResponseBreached: 0,
      paused: 0,
      open: 0,
      escalated: 0,
      severityChanged: 0,
      reopened: 0,
      bySeverity: new Map(),
      olderVersion: 0,
      danglingReferences: 0,
      maxEvents: 0,
      eventTypes: new Set(),
    },
    contactsByAccount: new Map(),
    futureDocuments: [],
  }
  const compiled = new Map<string, CompiledCalendar>()
  const compiledFor = (calendarId: string) => {
    let calendar = compiled.get(calendarId)
    if (calendar === undefined) {
      const doc = stats.calendars.get(calendarId)
      if (doc === undefined) throw new Error(`unknown calendar ${calendarId}`)
      calendar = compileCalendar(doc, '2025-10-01', '2027-01-31')
      compiled.set(calendarId, calendar)
    }
    return calendar
  }
  const measureTicket = (ticket: Ticket) => {
    const t = stats.tickets
    t.total++
    t.maxEvents = Math.max(t.maxEvents, ticket.events.length)
    for (const event of ticket.events) t.eventTypes.add(event.type)
    t.bySeverity.set(ticket.severity, (t.bySeverity.get(ticket.severity) ?? 0) + 1)
    const account = stats.accounts.get(ticket.accountId)
    const version = stats.tiers.get(ticket.tierVersionId)
    const contacts = stats.contactsByAccount.get(ticket.accountId)
    if (
      account === undefined ||
      version === undefined ||
      (ticket.requesterContactId !== null && !contacts?.has(ticket.requesterContactId))
    ) {
      t.danglingReferences++
      return
    }
    if (ticket.tierVersionId !== account.tierVersionId) t.olderVersion++
    if (ticket.escalationLevel > 0) t.escalated++
    if (ticket.reopenCount > 0) t.reopened++
    if (ticket.events.some((event) => event.type === 'severity-change')) t.severityChanged++
    if (ticket.status !== 'solved' && ticket.status !== 'closed') t.open++
    const pauses = version.definition.pauseRules.some(
      (rule) => rule.status === ticket.status && rule.metrics.includes('resolution'),
    )
    if (pauses) t.paused++
    // First response, measured independently of the generator's intent.
    const created = ticket.events[0]
    if (created?.type !== 'created') return
    const target = version.definition.sla[created.severity].firstResponse
    if (target === null) return
    const from = Date.parse(ticket.createdAt)
    const to = ticket.firstResponseAt === null ? asOfMs : Date.parse(ticket.firstResponseAt)
    const elapsed =
      target.hours === '24x7'
        ? (to - from) / 60_000
        : openMinutesBetween(compiledFor(account.calendarId), from, to)
    t.firstResponseMeasured++
    if (elapsed > target.minutes) t.firstResponseBreached++
  }

  stats.hash = hashBatches(generateDemoBook(), (batch) => {
    const { collection, docs } = batch
    if (stats.order.at(-1) !== collection) stats.order.push(collection)
    stats.counts[collection] = (stats.counts[collection] ?? 0) + docs.length
    stats.largestBatch = Math.max(stats.largestBatch, docs.length)
    const result = validateBatch(collection, docs)
    for (const failure of result.failures.slice(0, 3)) stats.invalid.push(failure.error.message)
    const ids = stats.ids.get(collection) ?? new Set<string>()
    for (const doc of docs) ids.add(doc.id)
    stats.ids.set(collection, ids)
    for (const doc of docs) {
      if (doc.updatedAt > DEFAULT_AS_OF) stats.futureDocuments.push(`${collection} ${doc.id}`)
    }
    switch (batch.collection) {
      case 'library':
        for (const doc of batch.docs) if (doc.kind === 'calendar') stats.calendars.set(doc.id, doc)
        break
      case 'tiers':
        for (const doc of batch.docs) stats.tiers.set(doc.id, doc)
        break
      case 'accounts':
        for (const doc of batch.docs) stats.accounts.set(doc.id, doc)
        break
      case 'contacts':
        for (const doc of batch.docs) {
          const set = stats.contactsByAccount.get(doc.accountId) ?? new Set<string>()
          set.add(doc.id)
          stats.contactsByAccount.set(doc.accountId, set)
        }
        break
      case 'usageSnapshots':
        for (const doc of batch.docs)
          stats.snapshots.set(doc.accountId, [...(stats.snapshots.get(doc.accountId) ?? []), doc])
        break
      case 'tickets':
        for (const doc of batch.docs) measureTicket(doc)
        break
      default:
        break
    }
  })
  return stats
}

let book: BookStats
const childHash = (seed: number) =>
  promisify(execFile)(
    join(root, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.node.json', 'src-main/db/seed/print-hash.ts', String(seed)],
    { cwd: root, maxBuffer: 1024 * 1024 },
  ).then(({ stdout }) => stdout.trim())

describe('the default demo book', () => {
  let child: Promise<string>

  beforeAll(() => {
    // Started first so the fresh process works while this one generates.
    child = childHash(1)
    book = collect()
  }, 120_000)

  it('passes every document through its zod schema', () => {
    expect(book.invalid).toEqual([])
  })

  it('has the default size and streams one collection at a time in batches of 1,000', () => {
    expect(book.counts).toMatchObject({ accounts: 300, tickets: 30_000, usageSnapshots: 3_600 })
    expect(book.order).toEqual([
      'library',
      'users',
      'tiers',
      'accounts',
      'contacts',
      'usageSnapshots',
      'tickets',
      'activities',
      'ledgerEntries',
      'proposals',
      'proposalVersions',
      'alerts',
      'playbookRuns',
    ])
    expect(book.largestBatch).toBe(1000)
    for (const [collection, ids] of book.ids)
      expect(ids.size, collection).toBe(book.counts[collection])
    expect(book.futureDocuments).toEqual([])
  })

  it('sells four tiers at realistic prices, one of them in several versions', () => {
    const tiers = [...book.tiers.values()]
    expect(new Set(tiers.map((tier) => tier.key))).toEqual(
      new Set(['community', 'standard', 'premium', 'enterprise']),
    )
    const enterprise = tiers
      .filter((tier) => tier.key === 'enterprise')
      .sort((a, b) => a.version - b.version)
    expect(enterprise.length).toBeGreaterThanOrEqual(2)
    const latest = enterprise.at(-1)
    expect(latest?.definition.sla.S1.firstResponse).toEqual({ minutes: 15, hours: '24x7' })
    expect(latest?.diff.length).toBeGreaterThan(0)
    const usd = latest?.definition.prices.find((price) => price.currency === 'USD')
    expect(usd?.perSeatMonthlyMinor).toBeGreaterThan(500)
    expect(usd?.platformFeeAnnualMinor).toBeGreaterThan(1_000_000)
    const byTier = new Map<string, number>()
    let onOlderVersion = 0
    for (const account of book.accounts.values()) {
      const tier = book.tiers.get(account.tierVersionId)
      byTier.set(tier?.key ?? '?', (byTier.get(tier?.key ?? '?') ?? 0) + 1)
      const newer = tiers.some(
        (other) => other.tierId === tier?.tierId && other.version > (tier?.version ?? 0),
      )
      if (newer) onOlderVersion++
    }
    for (const key of ['community', 'standard', 'premium', 'enterprise']) {
      expect(byTier.get(key), key).toBeGreaterThan(25)
    }
    expect(onOlderVersion).toBeGreaterThan(20)
    const currencies = new Set([...book.accounts.values()].map((account) => account.arr.currency))
    expect(currencies.size).toBeGreaterThanOrEqual(4)
  })

  it('measures SLAs on calendars in several zones, with split and overnight shifts', () => {
    const calendars = [...book.calendars.values()]
    expect(calendars.map((calendar) => calendar.timeZone)).toEqual(
      expect.arrayContaining([
        'America/New_York',
        'Europe/Berlin',
        'Asia/Tokyo',
        'Australia/Sydney',
      ]),
    )
    const intervals = calendars.flatMap((calendar) => Object.values(calendar.weekly).flat())
    expect(intervals.some((interval) => interval.end <= interval.start)).toBe(true)
    expect(
      calendars.some((calendar) => Object.values(calendar.weekly).some((day) => day.length > 1)),
    ).toBe(true)
    const holidays = calendars.flatMap((calendar) => calendar.holidays)
    expect(holidays.filter((holiday) => holiday.date.startsWith('2026-')).length).toBeGreaterThan(
      50,
    )
    expect(holidays.some((holiday) => holiday.kind === 'partial')).toBe(true)
    expect(calendars.some((calendar) => calendar.coverage === '24x7')).toBe(true)
  })

  it('has about 30,000 tickets with full histories, breaches, pauses, escalations and reopens', () => {
    const t = book.tickets
    expect(t.total).toBe(30_000)
    expect(t.danglingReferences).toBe(0)
    expect(t.eventTypes).toEqual(
      new Set([
        'created',
        'customer-message',
        'agent-reply',
        'internal-note',
        'status-change',
        'severity-change',
        'solved',
        'reopened',
      ]),
    )
    const breachShare = t.firstResponseBreached / t.firstResponseMeasured
    expect(breachShare).toBeGreaterThan(0.02)
    expect(breachShare).toBeLessThan(0.25)
    expect(t.paused).toBeGreaterThan(30)
    expect(t.open).toBeGreaterThan(100)
    expect(t.open).toBeLessThan(3000)
    expect(t.escalated).toBeGreaterThan(100)
    expect(t.severityChanged).toBeGreaterThan(50)
    expect(t.reopened).toBeGreaterThan(100)
    expect(t.olderVersion).toBeGreaterThan(100)
    expect(t.maxEvents).toBeLessThanOrEqual(500)
    const s1 = (t.bySeverity.get('S1') ?? 0) / t.total
    expect(s1).toBeGreaterThan(0.01)
    expect(s1).toBeLessThan(0.08)
  })

  it('has twelve monthly snapshots per account, with growth and decline', () => {
    expect(book.snapshots.size).toBe(300)
    let growing = 0
    let declining = 0
    for (const [accountId, snapshots] of book.snapshots) {
      expect(
        snapshots.map((snapshot) => snapshot.month),
        accountId,
      ).toEqual([
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
      ])
      const first = snapshots[0]?.activeUsers ?? 0
      const last = snapshots.at(-1)?.activeUsers ?? 0
      if (last > first * 1.25) growing++
      if (last < first * 0.75) declining++
    }
    expect(growing).toBeGreaterThan(30)
    expect(declining).toBeGreaterThan(20)
  })

  it('has the people, activities, ledger and workflow a CS team expects', () => {
    expect(book.counts.users).toBeGreaterThanOrEqual(15)
    expect(book.counts.contacts).toBeGreaterThan(900)
    expect(book.counts.activities).toBeGreaterThan(3000)
    expect(book.counts.ledgerEntries).toBeGreaterThan(1000)
    expect(book.counts.alerts).toBeGreaterThan(100)
    expect(book.counts.proposals).toBeGreaterThan(10)
    expect(book.counts.playbookRuns).toBeGreaterThan(10)
    expect(book.counts.library).toBeGreaterThan(10)
  })

  it('is byte-identical on a second run, and in a fresh process', async () => {
    expect(hashDemoBook()).toBe(book.hash)
    expect(await child).toBe(book.hash)
  }, 120_000)

  it('changes with the seed', () => {
    const small = { accounts: 20, tickets: 500 }
    expect(hashDemoBook({ ...small, seed: 2 })).not.toBe(hashDemoBook({ ...small, seed: 1 }))
    expect(hashDemoBook({ ...small, seed: 1 })).toBe(hashDemoBook({ ...small, seed: 1 }))
  })
})
