import type { CollectionName } from '@shared/model/registry'
import { accountChildNames } from '@shared/sync/account-scope'
import {
  accessResponseSchema,
  documentState,
  syncPaths,
  type AccessResponse,
  type WireDocument,
} from '@shared/sync/protocol'
import type { TierlineDatabase } from '../db/workspace-store'
import { syncJson, type SyncConnection } from './sync-http'

/**
 * Removes accounts reassigned away from this user, with their documents (protocol rule 7).
 *
 * The removals travel through each collection's own pull: the next page of that collection
 * carries a tombstone for every local document of a lost account, so RxDB applies them as if
 * the server had deleted them. They are then the master state RxDB knows, so they are never
 * pushed back (a local `remove()` would be pushed as a delete, and refused). Local edits the
 * server has not acknowledged are left to the push, whose refusal is kept for the user.
 *
 * Children go before their account: the list of lost accounts is read from the local accounts,
 * so an account removed before its tickets would strand them. A crash in between leaves the
 * account, and the next check finds and removes what is left.
 */
export interface AccessReconciler {
  /** Asks the server again (after RESYNC or a CHANGE of accounts); runs one check at a time. */
  check(): void
  /**
   * Called by a collection's pull handler before it fetches a page: when removals wait for
   * this collection, re-reads access (an account handed back in between stays) and returns
   * what to append to the page. Undefined when nothing waits.
   */
  beforePull(name: CollectionName): Promise<PageRemovals | undefined>
  /** The accounts this user may see now, asked afresh (`all` for admins). */
  visibleAccounts(): Promise<ReadonlySet<string> | 'all'>
  /** The check in progress, if any (tests and shutdown). */
  idle(): Promise<void>
  stop(): void
}

/** Tombstones to append to one page; documents the page itself carries win. */
export type PageRemovals = (served: readonly WireDocument[]) => Promise<WireDocument[]>

export interface AccessReconcilerOptions {
  readonly rx: TierlineDatabase
  readonly connection: SyncConnection
  /** Makes the collection pull now (RxDB's reSync). */
  readonly pullNow: (name: CollectionName) => void
  /** Resolves once what the collection pulled has been written locally. */
  readonly written: (name: CollectionName) => Promise<void>
  readonly onOutcome: (failure: unknown) => void
}

export function createAccessReconciler(options: AccessReconcilerOptions): AccessReconciler {
  /** Account ids whose documents the next pull of each collection removes. */
  const waiting = new Map<CollectionName, Set<string>>()
  /** Resolved when a pull of the collection took its removals. */
  const taken = new Map<CollectionName, () => void>()
  let stopped = false
  let running: Promise<void> | undefined
  let again = false

  const fetchAccess = (): Promise<AccessResponse> =>
    syncJson(options.connection, syncPaths.access, accessResponseSchema)

  async function localAccountIds(): Promise<string[]> {
    const docs = await options.rx.collections.accounts.find().exec()
    return docs.map((doc) => doc.id)
  }

  async function removeFrom(names: readonly CollectionName[], lost: readonly string[]) {
    await Promise.all(
      names.map(async (name) => {
        const set = waiting.get(name) ?? new Set<string>()
        for (const id of lost) set.add(id)
        waiting.set(name, set)
        // An offline pull is retried by RxDB; this waits for the one that gets through.
        await new Promise<void>((resolve) => {
          taken.set(name, resolve)
          options.pullNow(name)
        })
        if (!stopped) await options.written(name)
      }),
    )
  }

  async function reconcile(): Promise<void> {
    const access = await fetchAccess()
    if (access.scope === 'all' || stopped) return
    const visible = new Set(access.accountIds)
    const lost = (await localAccountIds()).filter((id) => !visible.has(id))
    if (lost.length === 0 || stopped) return
    await removeFrom(accountChildNames, lost)
    if (!stopped) await removeFrom(['accounts'], lost)
  }

  function check() {
    if (stopped) return
    if (running !== undefined) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        try {
          await reconcile()
        } catch (error) {
          // Offline or refused: the next RESYNC (every reconnect) checks again.
          if (!stopped) options.onOutcome(error)
          return
        }
      } while (again && !stopped)
    })().finally(() => {
      running = undefined
    })
  }

  async function beforePull(name: CollectionName): Promise<PageRemovals | undefined> {
    const pending = waiting.get(name)
    if (pending === undefined || pending.size === 0) return undefined
    const access = await fetchAccess()
    const visible = access.scope === 'all' ? undefined : new Set(access.accountIds)
    const lost = [...pending].filter((id) => visible !== undefined && !visible.has(id))
    return async (served) => {
      // Taken only once the page arrived: a failed fetch leaves them for the retry.
      for (const id of pending) waiting.get(name)?.delete(id)
      taken.get(name)?.()
      taken.delete(name)
      if (lost.length === 0) return []
      const field = name === 'accounts' ? 'id' : 'accountId'
      const collection = options.rx.collections[name] as unknown as {
        find(query: object): { exec(): Promise<{ toJSON(): Record<string, unknown> }[]> }
      }
      const docs = await collection.find({ selector: { [field]: { $in: lost } } }).exec()
      const servedIds = new Set(served.map((doc) => doc.id))
      return docs
        .map((doc) => documentState(doc.toJSON()))
        .filter((doc) => !servedIds.has(String(doc.id)))
        .map((doc) => ({ ...doc, id: String(doc.id), _deleted: true }))
    }
  }

  return {
    check,
    beforePull,
    async visibleAccounts() {
      const access = await fetchAccess()
      return access.scope === 'all' ? 'all' : new Set(access.accountIds)
    },
    idle: async () => {
      while (running !== undefined) await running
    },
    stop() {
      stopped = true
      waiting.clear()
      for (const resolve of taken.values()) resolve()
      taken.clear()
    },
  }
}
