import { Subject, filter, map } from 'rxjs'
import { collectionNames, type CollectionName } from '@shared/model/registry'
import { backoffDelay } from '@shared/sync/backoff'
import type { SyncSnapshotInput } from '@shared/sync/sync-state'
import { changedCollections$, type TierlineDatabase } from '../db/workspace-store'
import { isPullOnly } from '@shared/sync/client-writes'
import { createAccessReconciler } from './access-reconciler'
import { replicateCollection, type CollectionReplication } from './collection-replication'
import type { ConflictStore } from './conflict-store'
import { deferIndexesForFirstPull } from './first-pull-indexes'
import { openLiveStream, type LiveStream } from './live-stream'
import { pendingCount } from './pending-count'
import { holdPullOnlyReadOnly } from './read-only-guard'
import { SyncRequestError, type SyncConnection } from './sync-http'
import type { StreamEvent } from '@shared/sync/protocol'
import type { Logger } from '../services/log/logger'
import type { WorkerEntry } from '../threads/worker-entry'
import { collectionFirstPull } from './first-pull/collection-first-pull'
import { createPagePreparer, sourcePageWorker } from './first-pull/page-preparer'

/** What the engine knows at one moment; the service turns it into the header's state. */
export type SyncEngineSnapshot = SyncSnapshotInput

export interface SyncEngineOptions {
  readonly rx: TierlineDatabase
  readonly connection: SyncConnection
  readonly conflicts: ConflictStore
  /** Server and user: separates RxDB's checkpoints of different sign-ins. */
  readonly identity: string
  readonly now?: () => Date
  readonly random?: () => number
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number }
  readonly heartbeatMs?: number
  readonly batchSize?: number
  /**
   * The worker that prepares a first sync's bulk-loaded pages: by default its source (when
   * running from source); null prepares them in main.
   */
  readonly pageWorker?: WorkerEntry | null
  readonly onChange?: (snapshot: SyncEngineSnapshot) => void
  readonly log?: Pick<Logger, 'info' | 'warn'>
}

export interface SyncEngine {
  snapshot(): SyncEngineSnapshot
  /** Resolves when every collection is pulled up to the server and has nothing left to push. */
  awaitInSync(): Promise<void>
  /**
   * Resolves once one collection has nothing in flight (what a push's answer changed locally,
   * a conflict's server version included, is written), or after `timeoutMs` when it cannot
   * get there (offline): the caller goes on either way.
   */
  awaitCollectionIdle(name: CollectionName, timeoutMs: number): Promise<void>
  /** Stops replicating; RxDB's checkpoints stay, so the next start resumes. */
  stop(): Promise<void>
  /** Stops and forgets RxDB's checkpoints and master states (sign-out). */
  forget(): Promise<void>
}

/**
 * Replicates every collection of one workspace with the team server and reads the live stream
 * that tells it when to pull. Retries back off exponentially with jitter, shared by every
 * request: when the server is down, all of them are.
 */
export function startSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? (() => new Date())
  const random = options.random ?? Math.random
  let failures = 0
  const retryDelay = (attempt: number) => backoffDelay(attempt, random(), options.backoff)
  const events$ = new Subject<StreamEvent>()

  let snapshot: SyncEngineSnapshot = {
    failure: null,
    streamConnected: false,
    active: true,
    collectionsReady: 0,
    collectionsTotal: collectionNames.length,
    documentsReceived: 0,
    lastSyncedAt: null,
    pending: 0,
  }
  let stopped = false
  let recountTimer: NodeJS.Timeout | undefined
  const update = (patch: Partial<SyncEngineSnapshot>) => {
    snapshot = { ...snapshot, ...patch }
    if (!stopped) options.onChange?.(snapshot)
  }
  const onOutcome = (error: unknown) => {
    if (error === undefined) {
      failures = 0
      if (snapshot.failure !== null && snapshot.streamConnected) update({ failure: null })
      return
    }
    failures++
    const failure =
      error instanceof SyncRequestError
        ? { code: error.code, message: error.message, retryable: error.retryable }
        : {
            code: 'internal',
            message: error instanceof Error ? error.message : String(error),
            retryable: true,
          }
    update({ failure })
  }

  const releaseReadOnly = holdPullOnlyReadOnly(options.rx)
  const replications = new Map<CollectionName, CollectionReplication>()
  const access = createAccessReconciler({
    rx: options.rx,
    connection: options.connection,
    pullNow: (name) => replications.get(name)?.reSync(),
    written: async (name) => {
      await replications.get(name)?.awaitInSync()
    },
    onOutcome,
  })
  // Indexes a first pull into an empty pull-only table defers, built once that pull is done.
  const indexBuilds: (() => Promise<void>)[] = []
  // That first pull is a bulk load, its pages prepared in a worker (first-pull/).
  const pagePreparer = createPagePreparer({
    entry:
      options.pageWorker === undefined ? sourcePageWorker() : (options.pageWorker ?? undefined),
    onFallback: (reason) =>
      options.log?.warn(
        'the sync page worker is not running; first-sync pages are prepared in main',
        { reason },
      ),
  })
  for (const name of collectionNames) {
    const buildIndexes = isPullOnly(name)
      ? deferIndexesForFirstPull(options.rx.collections[name])
      : undefined
    const firstPull =
      buildIndexes === undefined
        ? undefined
        : collectionFirstPull({
            name,
            collection: options.rx.collections[name] as never,
            connection: options.connection,
            preparer: pagePreparer,
            onAppended: (count) => countReceived(count),
            stopped: () => stopped,
            onFinished: (appended) =>
              options.log?.info('first sync: documents appended in bulk', {
                collection: name,
                documents: appended,
              }),
          })
    const stream$ = events$.pipe(
      filter(
        (event) =>
          event.type === 'RESYNC' || (event.type === 'CHANGE' && event.collection === name),
      ),
      map(() => 'RESYNC' as const),
    )
    const replication = replicateCollection({
      name,
      collection: options.rx.collections[name] as never,
      identifier: `tierline-sync|${options.identity}|${name}`,
      connection: options.connection,
      conflicts: options.conflicts,
      stream$,
      now,
      onOutcome,
      retryTime: () => retryDelay(failures),
      beforePull: () => access.beforePull(name),
      visibleAccounts: () => access.visibleAccounts(),
      ...(firstPull === undefined ? {} : { firstPull }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    })
    replications.set(name, replication)
    if (buildIndexes !== undefined) {
      indexBuilds.push(buildIndexes)
      void replication.awaitInitialReplication().then(buildIndexes, buildIndexes)
    }
  }

  const stream: LiveStream = openLiveStream({
    connection: options.connection,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    retryDelay,
    onEvent: (event) => {
      events$.next(event)
      // Who may see which account changes only with accounts (or on a reconnect): ask again.
      if (event.type === 'RESYNC' || (event.type === 'CHANGE' && event.collection === 'accounts'))
        access.check()
    },
    onConnection: (connected, failure) => {
      if (connected) update({ streamConnected: true, failure: null })
      else {
        update({ streamConnected: false })
        if (failure) onOutcome(failure)
      }
    },
  })

  // RxDB reports every received document; publishing a state for each (a cold sync has
  // hundreds of thousands, and each state goes to the window) cost more than writing them.
  let receivedUnreported = 0
  let receivedTimer: NodeJS.Timeout | undefined
  function countReceived(count = 1) {
    receivedUnreported += count
    receivedTimer ??= setTimeout(reportReceived, 100)
  }
  function reportReceived() {
    clearTimeout(receivedTimer)
    receivedTimer = undefined
    if (receivedUnreported === 0) return
    const documentsReceived = snapshot.documentsReceived + receivedUnreported
    receivedUnreported = 0
    update({ documentsReceived })
  }

  // Progress of the first sync, activity, received documents and the pending count.
  const initialDone = new Set<CollectionName>()
  const subscriptions = [...replications.values()].flatMap((replication) => [
    replication.received$.subscribe(() => countReceived()),
    replication.active$.subscribe(() => scheduleRecount()),
  ])
  const localChanges = changedCollections$(options.rx).subscribe(() => scheduleRecount())
  for (const [name, replication] of replications) {
    void replication.awaitInitialReplication().then(
      () => {
        initialDone.add(name)
        update({ collectionsReady: snapshot.collectionsReady + 1 })
        // The last first pull done: "up to date" should not wait out the slower first-sync pace.
        if (initialDone.size === replications.size) {
          void pagePreparer.close() // no first pull left to bulk-load
          clearTimeout(recountTimer)
          recountTimer = undefined
        }
        scheduleRecount()
      },
      () => undefined,
    )
  }

  // Counting reads storage, so it runs at most once per 100 ms whatever the write rate, and
  // once a second while a first sync is still pulling: every page written then asks for a
  // recount, and the counts of the collections already done were 4 % of a cold sync's time.
  function scheduleRecount() {
    if (recountTimer !== undefined || stopped) return
    const firstSyncRunning = initialDone.size < replications.size && snapshot.failure === null
    recountTimer = setTimeout(
      () => {
        recountTimer = undefined
        void recount()
      },
      firstSyncRunning ? 1_000 : 100,
    )
  }
  async function recount() {
    if (stopped) return
    const active = [...replications.values()].some((r) => r.subjects.active.getValue())
    let pending = 0
    try {
      for (const [name, replication] of replications) {
        // A collection still in its first pull has mostly pulled documents behind its upstream
        // checkpoint; counting them would read the download again and again. Offline (say,
        // started without a network) nothing is being pulled, so local writes are counted.
        if (!initialDone.has(name) && snapshot.failure === null) continue
        pending += await pendingCount(replication)
      }
    } catch {
      return // closing underneath us; the next change recounts
    }
    const idle =
      !active &&
      pending === 0 &&
      snapshot.failure === null &&
      snapshot.collectionsReady === snapshot.collectionsTotal
    update({ active, pending, ...(idle ? { lastSyncedAt: now().toISOString() } : {}) })
  }

  function halt() {
    stopped = true
    clearTimeout(recountTimer)
    clearTimeout(receivedTimer)
    stream.close()
    access.stop()
    for (const s of subscriptions) s.unsubscribe()
    localChanges.unsubscribe()
    releaseReadOnly()
    void pagePreparer.close()
    for (const build of indexBuilds) void build()
  }

  async function stop() {
    if (stopped) return
    halt()
    await Promise.all([...replications.values()].map((r) => r.cancel()))
    // Before the caller closes the workspace: a first pull's indexes are part of the sync.
    await Promise.all(indexBuilds.map((build) => build()))
  }

  return {
    snapshot: () => {
      reportReceived()
      return snapshot
    },
    async awaitInSync() {
      await Promise.all([...replications.values()].map((r) => r.awaitInSync()))
    },
    async awaitCollectionIdle(name, timeoutMs) {
      const replication = replications.get(name)
      if (replication === undefined) return
      let timer: ReturnType<typeof setTimeout> | undefined
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
      })
      await Promise.race([replication.awaitInSync().catch(() => undefined), timedOut])
      clearTimeout(timer)
    },
    stop,
    async forget() {
      halt()
      await Promise.all([...replications.values()].map((r) => r.remove()))
    },
  }
}
