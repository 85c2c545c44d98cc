import type { RxCollection, RxReplicationWriteToMasterRow } from 'rxdb'
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import type { Observable } from 'rxjs'
import type { CollectionName } from '@shared/model/registry'
import { accountScopedNames } from '@shared/sync/account-scope'
import { isPullOnly } from '@shared/sync/client-writes'
import { conflictPolicies } from '@shared/sync/conflict-policy'
import {
  documentState,
  parsePullResponse,
  type PullResponse,
  pullSearchParams,
  pushResponseSchema,
  sameDocumentState,
  syncLimits,
  syncPaths,
  type SyncCheckpoint,
  type WireDocument,
} from '@shared/sync/protocol'
import type { PageRemovals } from './access-reconciler'
import type { ConflictStore } from './conflict-store'
import type { FirstPullLoad } from './first-pull/first-pull-load'
import { createPagePrefetch } from './page-prefetch'
import { pushKeepingRefusals, type RefusedRow, type WireRow } from './push-refusals'
import { syncJson, type AnswerCheck, type SyncConnection } from './sync-http'

/** {@link parsePullResponse} in the shape `syncJson` takes. */
const parsePullAnswer: AnswerCheck<PullResponse>['safeParse'] = (value) => {
  const data = parsePullResponse(value)
  return data === undefined ? { success: false as const } : { success: true as const, data }
}

export type CollectionReplication = RxReplicationState<unknown, SyncCheckpoint>

export interface CollectionReplicationOptions {
  readonly name: CollectionName
  readonly collection: RxCollection
  /** Unique per server and user, so RxDB's stored checkpoint belongs to exactly that pairing. */
  readonly identifier: string
  readonly connection: SyncConnection
  readonly conflicts: ConflictStore
  /** `RESYNC` whenever the live stream says this collection (or everything) changed. */
  readonly stream$: Observable<'RESYNC'>
  readonly batchSize?: number
  readonly now: () => Date
  /** Each request's outcome, for status and backoff. */
  readonly onOutcome: (failure: unknown) => void
  readonly retryTime: () => number
  /** Removals of lost accounts' documents to append to the next page (protocol rule 7). */
  readonly beforePull?: () => Promise<PageRemovals | undefined>
  /** A pull-only collection's first pull into an empty table, as a bulk load (first-pull/). */
  readonly firstPull?: FirstPullLoad
  /** Which accounts this user may see now; asked only when the server refused a push. */
  readonly visibleAccounts?: () => Promise<ReadonlySet<string> | 'all'>
}

/**
 * One collection's RxDB replication against the team server. RxDB keeps the pull checkpoint
 * and the assumed master states in its meta storage (in the same SQLite file), writes pulled
 * documents before it stores their checkpoint (protocol rule 2), and keeps local writes queued
 * until a push answered 200.
 */
export function replicateCollection(options: CollectionReplicationOptions): CollectionReplication {
  // The largest page the server gives: a cold sync of a large book is hundreds of pages, and
  // each costs a request, a query and a local transaction whatever its size.
  const batchSize = Math.min(options.batchSize ?? syncLimits.pullBatchMax, syncLimits.pullBatchMax)
  const policy = conflictPolicies[options.name]

  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work()
      options.onOutcome(undefined)
      return result
    } catch (error) {
      options.onOutcome(error)
      // RxDB waits `retryTime` before retrying; it is read afresh each time, so it backs off.
      replication.retryTime = options.retryTime()
      throw error
    }
  }

  const pullPage = createPagePrefetch((checkpoint, limit) =>
    syncJson(
      options.connection,
      `${syncPaths.pull(options.name)}?${pullSearchParams(checkpoint, limit)}`,
      { safeParse: parsePullAnswer },
    ),
  )

  const replication: CollectionReplication = replicateRxCollection<unknown, SyncCheckpoint>({
    replicationIdentifier: options.identifier,
    collection: options.collection,
    live: true,
    autoStart: true,
    waitForLeadership: false,
    retryTime: options.retryTime(),
    pull: {
      batchSize,
      stream$: options.stream$,
      handler: (checkpoint, size) =>
        track(async () => {
          const removals = await options.beforePull?.()
          const limit = Math.min(size, syncLimits.pullBatchMax)
          const fromStart = checkpoint === undefined || checkpoint === null
          const page =
            fromStart && options.firstPull?.applies(limit)
              ? await options.firstPull.pull(limit)
              : await pullPage(checkpoint ?? null, limit)
          const removed = removals === undefined ? [] : await removals(page.documents)
          return {
            documents: removed.length === 0 ? page.documents : [...page.documents, ...removed],
            checkpoint: page.checkpoint ?? checkpoint,
          }
        }),
    },
    // Without a push, RxDB also stops storing each pulled document's master state.
    ...(isPullOnly(options.name) ? {} : { push: pushOptions() }),
  })

  function pushOptions() {
    return {
      batchSize: Math.min(batchSize, syncLimits.pushBatchMax),
      handler: (rows: RxReplicationWriteToMasterRow<unknown>[]) =>
        track(async () => {
          const wireRows: WireRow[] = rows.map((row) => ({
            newDocumentState: documentState(
              row.newDocumentState as Record<string, unknown>,
            ) as WireDocument,
            assumedMasterState: row.assumedMasterState
              ? (documentState(row.assumedMasterState as Record<string, unknown>) as WireDocument)
              : null,
          }))
          const { conflicts, refused } = await pushKeepingRefusals(wireRows, async (batch) => {
            const answer = await syncJson(
              options.connection,
              syncPaths.push(options.name),
              pushResponseSchema,
              { method: 'POST', body: { rows: batch } },
            )
            return answer.conflicts
          })
          if (policy === 'keep-copy') await keepLosers(wireRows, conflicts)
          const standIns = refused.length === 0 ? [] : await keepRefused(refused)
          // RxDB's default conflict handler then applies the server's version locally (for a
          // refusal, the stand-in), and stops pushing that document.
          return [...conflicts, ...standIns]
        }),
    }
  }

  /** Stored before RxDB overwrites the local version, so a crash in between loses nothing. */
  async function keepLosers(
    rows: readonly { readonly newDocumentState: WireDocument }[],
    conflicts: readonly WireDocument[],
  ) {
    const mineById = new Map(rows.map((row) => [row.newDocumentState.id, row.newDocumentState]))
    const detectedAt = options.now().toISOString()
    await options.conflicts.add(
      conflicts.flatMap((theirs) => {
        const mine = mineById.get(theirs.id)
        if (mine === undefined || sameDocumentState(mine, theirs)) return []
        return [{ collection: options.name, documentId: theirs.id, mine, theirs, detectedAt }]
      }),
    )
  }

  /**
   * Keeps each refused write for the user and returns what RxDB should now hold instead, as if
   * it were the server's answer: the server's version as last seen, or a tombstone when there
   * is none, or when the document belongs to an account this user may no longer see (it is
   * then gone from the server's view of this user, and would otherwise be stranded here).
   */
  async function keepRefused(refused: readonly RefusedRow[]): Promise<WireDocument[]> {
    const visible = accountScopedNames.includes(options.name)
      ? await options.visibleAccounts?.()
      : 'all'
    const accountOf = (doc: WireDocument) =>
      String(options.name === 'accounts' ? doc.id : (doc as Record<string, unknown>).accountId)
    const standIns = refused.map(({ row }) => {
      const theirs = row.assumedMasterState
      const stillVisible =
        visible === undefined ||
        visible === 'all' ||
        (theirs !== null && visible.has(accountOf(theirs)))
      return theirs !== null && stillVisible ? theirs : { ...row.newDocumentState, _deleted: true }
    })
    const detectedAt = options.now().toISOString()
    await options.conflicts.add(
      refused.map(({ row, reason }, i) => ({
        collection: options.name,
        documentId: row.newDocumentState.id,
        mine: row.newDocumentState,
        theirs: standIns[i] ?? row.newDocumentState,
        detectedAt,
        kind: 'refused' as const,
        reason,
      })),
    )
    return standIns
  }

  return replication
}
