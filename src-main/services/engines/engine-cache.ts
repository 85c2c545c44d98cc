import type { Subscription } from 'rxjs'
import type { Calendar } from '@shared/model/calendar'
import type { CollectionName } from '@shared/model/registry'
import type { Tier } from '@shared/model/tier'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import type { Account } from '@shared/model/account'
import type { Ticket } from '@shared/model/ticket'
import { changedCollections$, type TierlineDatabase } from '../../db/workspace-store'
import { missingSettingsError } from './missing-settings'

/**
 * What one cached computation needs to say: which engine, which input (a stable key), which
 * collections its result is derived from, and how to compute it.
 */
export interface EngineRequest<T> {
  /** Engine or service name, e.g. `sla.forAccount`; namespaces the key. */
  readonly engine: string
  /** The input, as a stable string (see {@link keyOf}). */
  readonly key: string
  /** A change to any of these collections drops the result. */
  readonly dependsOn: readonly CollectionName[]
  /** Runs at most once per (engine, key) at a time; its rejection is never cached. */
  readonly compute: (context: EngineContext) => Promise<T>
  /**
   * Time-dependent results (SLA clocks move on their own) say until when they hold, in epoch
   * ms; null or absent: until a dependency changes.
   */
  readonly validUntil?: (value: T) => number | null
}

/** Handed to `compute`: the database the result is for, and the shared input loader. */
export interface EngineContext {
  readonly rx: TierlineDatabase
  readonly inputs: EngineInputs
}

/**
 * The documents most engines need, each loaded once per workspace and kept until its collection
 * changes, so the SLA, KPI, health, eligibility, ledger and audit services share one read.
 * Every method is itself a cached computation: concurrent callers share one read.
 */
export interface EngineInputs {
  /** Every account, archived included (engines decide what to leave out). */
  accounts(): Promise<AccountBook>
  /** Every tier version, by version id (what accounts and tickets point at). */
  tierVersions(): Promise<ReadonlyMap<string, Tier>>
  /** Every support calendar, by id. */
  calendars(): Promise<ReadonlyMap<string, Calendar>>
  /** The workspace settings document (at-risk share, renewal windows, health weights…). */
  settings(): Promise<WorkspaceSettings>
  /** Every ticket of the workspace with its history, and the same grouped by account. */
  tickets(): Promise<TicketBook>
  /** One account's tickets, newest first, read through the `accountId` index. */
  ticketsOf(accountId: string): Promise<readonly Ticket[]>
}

export interface AccountBook {
  readonly all: readonly Account[]
  readonly byId: ReadonlyMap<string, Account>
}

export interface TicketBook {
  readonly all: readonly Ticket[]
  /** Tickets of each account, oldest first (an account without tickets is absent). */
  readonly byAccount: ReadonlyMap<string, readonly Ticket[]>
}

export interface EngineCache {
  /** The cached result, or one computation shared by every concurrent caller. */
  get<T>(request: EngineRequest<T>): Promise<T>
  /** The shared input loader (also what `compute` receives). */
  readonly inputs: EngineInputs
  /** Drops every result that depends on one of `collections` (tests; imports that bypass RxDB). */
  invalidate(collections: Iterable<CollectionName>): void
  /** Drops everything and stops listening to the database. */
  dispose(): void
  /** Entries held, for tests and diagnostics. */
  size(): number
}

export interface EngineCacheOptions {
  /** The open workspace's database; a different instance than last time means a switch. */
  readonly database: () => Promise<TierlineDatabase>
  readonly now?: () => number
  /** Most results kept; the least recently used go first. */
  readonly maxEntries?: number
}

interface Entry {
  readonly dependsOn: ReadonlySet<CollectionName>
  readonly promise: Promise<unknown>
  /** Set once settled; Infinity until a dependency changes. */
  validUntil: number
}

/** A stable key for a plain JSON input: object keys sorted, so `{a,b}` and `{b,a}` match. */
export function keyOf(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : value,
  )
}

/**
 * Engine results cached per workspace. Invalidation listens to the database's own change
 * stream (not the `changed:` events, which are batched to the next tick) so a read that
 * follows a write in the same tick never sees a result computed before it. A result whose
 * dependency changes while it is being computed is handed to the callers already waiting but
 * not kept. Opening another workspace (a new database instance) drops everything.
 */
export function createEngineCache(options: EngineCacheOptions): EngineCache {
  const now = options.now ?? Date.now
  const maxEntries = options.maxEntries ?? 500
  const entries = new Map<string, Entry>()
  let current: TierlineDatabase | undefined
  let changes: Subscription | undefined

  const invalidate = (collections: Iterable<CollectionName>) => {
    const changed = new Set(collections)
    for (const [key, entry] of entries) {
      for (const collection of changed) {
        if (entry.dependsOn.has(collection)) {
          entries.delete(key)
          break
        }
      }
    }
  }

  const reset = () => {
    changes?.unsubscribe()
    changes = undefined
    current = undefined
    entries.clear()
  }

  async function database(): Promise<TierlineDatabase> {
    const rx = await options.database()
    if (rx !== current) {
      reset()
      current = rx
      changes = changedCollections$(rx).subscribe((collection) => invalidate([collection]))
    }
    return rx
  }

  async function get<T>(request: EngineRequest<T>): Promise<T> {
    const rx = await database()
    const id = `${request.engine}\u0000${request.key}`
    const cached = entries.get(id)
    if (cached !== undefined && cached.validUntil > now()) {
      // Most recently used last: Map keeps insertion order, so re-insert.
      entries.delete(id)
      entries.set(id, cached)
      return cached.promise as Promise<T>
    }
    const promise = request.compute({ rx, inputs })
    const entry: Entry = {
      dependsOn: new Set(request.dependsOn),
      promise,
      validUntil: Number.POSITIVE_INFINITY,
    }
    entries.set(id, entry)
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest === undefined) break
      entries.delete(oldest)
    }
    promise.then(
      (value) => {
        entry.validUntil = request.validUntil?.(value) ?? Number.POSITIVE_INFINITY
      },
      () => {
        if (entries.get(id) === entry) entries.delete(id)
      },
    )
    return promise
  }

  const inputs: EngineInputs = {
    accounts: () =>
      get({
        engine: 'inputs',
        key: 'accounts',
        dependsOn: ['accounts'],
        async compute({ rx }) {
          const all = (await rx.accounts.find().exec()).map((doc) => doc.toJSON() as Account)
          return { all, byId: new Map(all.map((account) => [account.id, account])) }
        },
      }),
    tierVersions: () =>
      get({
        engine: 'inputs',
        key: 'tierVersions',
        dependsOn: ['tiers'],
        async compute({ rx }) {
          const docs = await rx.tiers.find().exec()
          return new Map(docs.map((doc) => [doc.id, doc.toJSON() as Tier]))
        },
      }),
    calendars: () =>
      get({
        engine: 'inputs',
        key: 'calendars',
        dependsOn: ['library'],
        async compute({ rx }) {
          const docs = await rx.library.find({ selector: { kind: 'calendar' } }).exec()
          const calendars = docs.map((doc) => doc.toJSON() as Calendar)
          return new Map(calendars.map((calendar) => [calendar.id, calendar]))
        },
      }),
    settings: () =>
      get({
        engine: 'inputs',
        key: 'settings',
        dependsOn: ['library'],
        async compute({ rx }) {
          const doc = await rx.library.findOne(WORKSPACE_SETTINGS_ID).exec()
          const settings = doc?.toJSON()
          if (settings?.kind !== 'workspace') {
            throw missingSettingsError()
          }
          return settings as WorkspaceSettings
        },
      }),
    tickets: () =>
      get({
        engine: 'inputs',
        key: 'tickets',
        dependsOn: ['tickets'],
        async compute({ rx }) {
          const all = (
            await rx.tickets.find({ sort: [{ accountId: 'asc' }, { createdAt: 'asc' }] }).exec()
          ).map((doc) => doc.toJSON() as Ticket)
          const byAccount = new Map<string, Ticket[]>()
          for (const ticket of all) {
            const list = byAccount.get(ticket.accountId)
            if (list === undefined) byAccount.set(ticket.accountId, [ticket])
            else list.push(ticket)
          }
          return { all, byAccount }
        },
      }),
    ticketsOf: (accountId) =>
      get({
        engine: 'inputs',
        key: `ticketsOf:${accountId}`,
        dependsOn: ['tickets'],
        async compute({ rx }) {
          const docs = await rx.tickets
            .find({
              selector: { accountId },
              sort: [{ accountId: 'desc' }, { createdAt: 'desc' }],
            })
            .exec()
          return docs.map((doc) => doc.toJSON() as Ticket)
        },
      }),
  }

  return {
    get,
    inputs,
    invalidate,
    dispose: reset,
    size: () => entries.size,
  }
}
