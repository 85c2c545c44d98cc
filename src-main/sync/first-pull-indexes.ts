import type Database from 'better-sqlite3'
import type { RxCollection } from 'rxdb'
import { deferKeyIndexes, keyIndexBuilders } from '../db/storage/collection-table'
import type { SqliteStorageInternals } from '../db/storage'
import { mapFile } from '../db/storage/sqlite-file'

/**
 * A pull-only collection's first sync is a bulk load: 200,000 tickets into an empty table, each
 * row written into every index's B-tree as it lands. Its key indexes are dropped while that first
 * pull runs and built once it is done, each in one sorted pass (see deferKeyIndexes). Returns the
 * function that builds them; every call answers the one build, and a table that already held
 * documents (not a first sync) or a storage that is not ours is left alone.
 */
export function deferIndexesForFirstPull(collection: RxCollection): () => Promise<void> {
  const internals = collection.storageInstance.internals as Partial<SqliteStorageInternals>
  const { database, tableName } = internals
  if (database === undefined || tableName === undefined) return async () => undefined
  try {
    if (!deferKeyIndexes(database, tableName)) return async () => undefined
  } catch {
    return async () => undefined // closing underneath us: the next open builds any missing index
  }
  let building: Promise<void> | undefined
  return () => (building ??= build(database, tableName))
}

/**
 * One index per turn of the event loop, so IPC and the stream are served in between; the file
 * stays mapped from the first to the last (see mapFile).
 */
async function build(database: Database.Database, tableName: string): Promise<void> {
  let unmap: (() => void) | undefined
  try {
    unmap = mapFile(database)
    for (const buildIndex of keyIndexBuilders(database, tableName)) {
      await new Promise((resolve) => setImmediate(resolve))
      buildIndex()
    }
  } catch {
    // The workspace closed meanwhile: openCollectionTable builds the rest when it opens again.
  } finally {
    unmap?.()
  }
}
