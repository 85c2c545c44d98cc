import type { RxCollection } from 'rxdb'
import { TierlineError } from '@shared/ipc/errors'
import { pullOnlyCollections } from '@shared/sync/client-writes'
import type { CollectionName } from '@shared/model/registry'
import type { TierlineDatabase } from '../db/workspace-store'

/** How many running sync engines hold each collection read-only. */
const holders = new WeakMap<RxCollection, number>()
const hooked = new WeakSet<RxCollection>()

/**
 * Refuses local writes to the pull-only collections (client-writes.ts) while a sync engine
 * replicates them: such a write would never be pushed, and the next pull would silently undo
 * it. RxDB's replication writes beneath collection hooks, so pulled documents still land.
 * Returns the release, called when the engine stops (sign-out may then clear the data).
 */
export function holdPullOnlyReadOnly(rx: TierlineDatabase): () => void {
  const collections = [...pullOnlyCollections].map(
    (name) => [name, rx.collections[name] as unknown as RxCollection] as const,
  )
  for (const [name, collection] of collections) {
    if (!hooked.has(collection)) {
      hooked.add(collection)
      const refuse = () => {
        if ((holders.get(collection) ?? 0) > 0) throw readOnly(name)
      }
      collection.preInsert(refuse, false)
      collection.preSave(refuse, false)
      collection.preRemove(refuse, false)
    }
    holders.set(collection, (holders.get(collection) ?? 0) + 1)
  }
  let released = false
  return () => {
    if (released) return
    released = true
    for (const [, collection] of collections)
      holders.set(collection, Math.max(0, (holders.get(collection) ?? 0) - 1))
  }
}

function readOnly(name: CollectionName): TierlineError {
  return new TierlineError(
    'forbidden',
    `The ${name} in this workspace come from the team server and cannot be changed on this computer while it syncs.`,
    { collection: name },
  )
}
