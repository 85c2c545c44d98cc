import type { RxDocument } from 'rxdb'
import { planAlerts, type AccountHealth, type AccountEligibility } from '@shared/engines'
import type { AlertsRefreshResult } from '@shared/alerts/refresh-result'
import type { Topic } from '@shared/ipc/contract'
import type { Alert } from '@shared/model/alert'
import type { Proposal } from '@shared/model/proposal'
import type { CollectionName } from '@shared/model/registry'
import { validateDocument } from '@shared/model/validate'
import { TierlineError } from '@shared/ipc/errors'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { AccountDataSource } from '../account-data/account-data'
import { YIELD_EVERY, yieldToEventLoop } from '../account-data/yield'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log/logger'
import { isMissingSettings } from '../engines/missing-settings'

/** Changes to these collections can change the alerts the engines raise. */
export const alertInputs: readonly CollectionName[] = [
  'accounts',
  'tiers',
  'library',
  'tickets',
  'usageSnapshots',
  'activities',
  'ledgerEntries',
  'proposals',
]

export interface AlertsRefreshOptions {
  readonly rx: () => Promise<TierlineDatabase>
  readonly data: Pick<AccountDataSource, 'people'>
  readonly health: { book(): Promise<ReadonlyMap<string, AccountHealth>> }
  readonly eligibility: { book(): Promise<ReadonlyMap<string, AccountEligibility>> }
  readonly log: Logger
  readonly now?: () => number
}

/** Marks the error of a run whose workspace closed under it (expected, not worth a log). */
const CLOSED = 'workspace-closed'

function groupBy<T extends { readonly accountId: string }>(docs: readonly T[]) {
  const groups = new Map<string, T[]>()
  for (const doc of docs) groups.set(doc.accountId, [...(groups.get(doc.accountId) ?? []), doc])
  return groups
}

/**
 * Writes the alert engine's plan into the `alerts` collection. Idempotent: ids are
 * deterministic, so a second run finds its alerts and writes nothing. Each write is a
 * compare-and-set against the alert as planned: if a person snoozed or closed it meanwhile, the
 * engine's write is dropped and theirs stands. Runs one at a time; a request during a run makes
 * one more run afterwards.
 */
export function createAlertsRefresh(options: AlertsRefreshOptions) {
  const now = options.now ?? Date.now
  let running: Promise<AlertsRefreshResult> | null = null
  let again = false
  // Set when the services close. Computing the plan reads and writes nothing, so closing does
  // not wait for it (that takes seconds on a large book); only a run already writing is awaited.
  let stopped = false
  let writing: Promise<unknown> | null = null

  async function once(): Promise<AlertsRefreshResult | null> {
    const at = now()
    const db = await options.rx()
    if (db.closed) return null
    // Health and eligibility come from the book-wide runs (the engine worker in the app): what
    // is read here leaves out the tickets, the bulk of the book.
    // The collections' reads first: on a closed database they throw before returning a
    // promise, and promises started before them would then reject with no one listening.
    const [proposals, existing, book, health, eligibility] = await Promise.all([
      db.proposals.find().exec(),
      db.alerts.find().exec(),
      options.data.people(),
      options.health.book(),
      options.eligibility.book(),
    ])
    const alerts = existing.map((doc) => doc.toJSON() as Alert)
    const plan = planAlerts({
      now: at,
      accounts: book.accounts,
      tiers: book.versions,
      signals: new Map([...eligibility].map(([id, e]) => [id, e.signals])),
      health,
      activities: book.activitiesByAccount,
      proposals: groupBy(proposals.map((doc) => doc.toJSON() as Proposal)),
      existing: alerts,
    })
    // Closed: the app is closing, or another workspace opened while the plan was computed.
    if (stopped || db.closed) return null
    const docs = new Map(existing.map((doc) => [doc.id, doc as unknown as RxDocument<Alert>]))
    const writes = write(db, plan.upserts, alerts, docs)
    writing = writes
    let skipped: number
    try {
      skipped = await writes
    } catch (error) {
      // A workspace switch closes the database under the writes: what is written stands, and
      // the next workspace's own refresh starts when it opens.
      if (db.closed) return null
      throw error
    } finally {
      writing = null
    }
    return {
      ranAt: new Date(at).toISOString(),
      raised: plan.raised,
      updated: plan.updated,
      resolved: plan.resolved,
      kept: plan.kept,
      skipped,
    }
  }

  /** Upserts the planned alerts; returns how many were refused or lost to a person's change. */
  async function write(
    db: TierlineDatabase,
    upserts: readonly Alert[],
    alerts: readonly Alert[],
    docs: ReadonlyMap<string, RxDocument<Alert>>,
  ): Promise<number> {
    const before = new Map(alerts.map((alert) => [alert.id, alert]))
    let skipped = 0
    for (const [index, planned] of upserts.entries()) {
      // Our storage answers synchronously, so these awaits chain microtasks and never let the
      // event loop turn: on a large book the first refresh's thousands of writes held main (and
      // every IPC call) for seconds. Hand it back every few writes.
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop()
      const valid = validateDocument('alerts', planned)
      if (!valid.ok) {
        skipped++
        options.log.warn('an engine alert failed validation and was not written', {
          id: planned.id,
          error: valid.error.message,
        })
        continue
      }
      const was = before.get(planned.id)
      const doc = docs.get(planned.id)
      if (was === undefined || doc === undefined) {
        const inserted = await db.alerts.bulkInsert([valid.value])
        if (inserted.error.length > 0) skipped++
        continue
      }
      let written = false
      await doc.incrementalModify((current) => {
        // Someone changed it since it was read: their change wins.
        if (current.updatedAt !== was.updatedAt || current.status !== was.status) return current
        written = true
        return { ...current, ...valid.value }
      })
      if (!written) skipped++
    }
    return skipped
  }

  async function refresh(): Promise<AlertsRefreshResult> {
    if (running !== null) {
      again = true
      return running
    }
    running = (async () => {
      try {
        let result = await once()
        while (again && result !== null) {
          again = false
          result = await once()
        }
        if (result === null) {
          throw new TierlineError('storage', 'The workspace closed; alerts were not refreshed.', {
            reason: CLOSED,
          })
        }
        return result
      } finally {
        running = null
      }
    })()
    return running
  }

  /**
   * Refreshes once the workspace is ready, then after input collections change (debounced, so
   * an import of thousands of documents triggers one run). Alert changes never trigger it.
   * Returns a function that stops listening and settles once a run that is writing has
   * finished, so closing never cuts a refresh off halfway through its writes; a run still
   * computing its plan is abandoned before it writes anything.
   */
  function start(
    events: EventBus,
    ready: Promise<unknown>,
    debounceMs = 2_000,
  ): () => Promise<void> {
    const triggers = new Set<Topic>([
      'changed:workspace',
      ...alertInputs.map((collection): Topic => `changed:${collection}`),
    ])
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      if (stopped) return
      refresh().catch((error: unknown) => {
        // A run cut off by closing (its reads fail once the database is closed) is expected.
        if (stopped || (error instanceof TierlineError && error.details?.['reason'] === CLOSED))
          return
        // A workspace that has not pulled its settings yet: the pull's library change reruns it.
        if (isMissingSettings(error)) options.log.info('alerts wait for the workspace settings')
        else options.log.error('alerts refresh failed', { error: String(error) })
      })
    }
    void ready.then(run)
    const unsubscribe = events.subscribe((topic) => {
      if (!triggers.has(topic)) return
      clearTimeout(timer)
      timer = setTimeout(run, debounceMs)
    })
    return async () => {
      stopped = true
      clearTimeout(timer)
      unsubscribe()
      await writing?.catch(() => undefined)
    }
  }

  return { refresh, start }
}

export type AlertsRefresh = ReturnType<typeof createAlertsRefresh>
