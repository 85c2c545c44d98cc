import { getAssumedMasterState, getChangedDocumentsSince, getLastCheckpointDoc } from 'rxdb'
import { sameDocumentState } from '@shared/sync/protocol'
import type { CollectionReplication } from './collection-replication'

/** Counting stops here: the header says "1000+ pending", and counting more would cost a scan. */
export const PENDING_COUNT_CAP = 1000

/**
 * Most documents one count reads per collection. Behind the upstream checkpoint there are only
 * a few documents when idle or offline (the local writes); during a large pull there can be
 * many not yet looked at by the upstream, and the count is then a lower bound for a moment.
 */
export const PENDING_SCAN_LIMIT = 2000

/**
 * Local writes the server has not acknowledged yet: documents changed since RxDB's upstream
 * checkpoint whose state differs from the master state RxDB last saw for them (documents
 * that arrived by pull equal their master and are not counted).
 */
export async function pendingCount(replication: CollectionReplication): Promise<number> {
  const state = replication.internalReplicationState
  // A pull-only collection has nothing to push, and no master states to compare with.
  if (state === undefined || replication.push === undefined) return 0
  const fork = state.input.forkInstance
  let checkpoint: unknown = await getLastCheckpointDoc(state, 'up')
  let pending = 0
  for (let scanned = 0; scanned < PENDING_SCAN_LIMIT;) {
    const page = await getChangedDocumentsSince(fork, 200, checkpoint as never)
    if (page.documents.length === 0) return pending
    scanned += page.documents.length
    const ids = page.documents.map((doc) => String(Reflect.get(doc, state.primaryPath)))
    const masters = await getAssumedMasterState(state, ids)
    for (const doc of page.documents) {
      const master = masters[String(Reflect.get(doc, state.primaryPath))]
      const docState = doc as unknown as Record<string, unknown>
      if (
        master === undefined ||
        !sameDocumentState(master.docData as Record<string, unknown>, docState)
      )
        pending++
    }
    if (pending >= PENDING_COUNT_CAP) return PENDING_COUNT_CAP
    checkpoint = page.checkpoint
  }
  return pending
}
