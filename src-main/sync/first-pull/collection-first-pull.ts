import type { RxCollection, RxDocumentData, RxJsonSchema } from 'rxdb'
import { now } from 'rxdb'
import type { CollectionName } from '@shared/model/registry'
import { pullSearchParams, syncPaths } from '@shared/sync/protocol'
import { bulkLoadTarget, rowLayoutOf } from '../../db/storage/bulk-load'
import type { SqliteStorageInternals } from '../../db/storage'
import { notUnderstood, syncPullAnswer, type SyncConnection } from '../sync-http'
import { createFirstPullLoad, type FirstPullLoad } from './first-pull-load'
import type { PagePreparer } from './page-preparer'

/**
 * Makes every query RxDB holds for `collection` run again from storage on its next check.
 * RxDB keeps a query's answer up to date from the change events of later writes ("event
 * reduce"); rows appended in bulk sent none, so without this a query that ran before or during
 * the load would go on answering without them (first-pull-bulk.test.ts). `_latestChangeEvent`
 * -1 is RxDB's own "never executed" state.
 */
function rerunQueries(collection: RxCollection): void {
  for (const query of collection._queryCache._map.values()) query._latestChangeEvent = -1
}

/**
 * The bulk load of `collection`'s first pull (see first-pull-load.ts), or undefined where it
 * does not apply: a storage that is not ours, or a table laid out differently.
 */
export function collectionFirstPull(options: {
  readonly name: CollectionName
  readonly collection: RxCollection
  readonly connection: SyncConnection
  readonly preparer: PagePreparer
  readonly onAppended: (count: number) => void
  readonly onFinished: (appended: number) => void
  readonly stopped: () => boolean
}): FirstPullLoad | undefined {
  const { storageInstance, database } = options.collection
  const internals = storageInstance.internals as Partial<SqliteStorageInternals>
  if (internals.database === undefined || internals.tableName === undefined) return undefined
  const schema = storageInstance.schema as RxJsonSchema<RxDocumentData<unknown>>
  const layout = rowLayoutOf(schema)
  const target = bulkLoadTarget(internals.database, internals.tableName, layout)
  if (target === undefined) return undefined
  const pageTarget = { collection: options.name, schema, layout }
  const refused = () => notUnderstood(syncPaths.pull(options.name))
  // What RxDB's storage wrapper stamps on an insert: the first revision of this database.
  const revision = `1-${database.token}`
  return createFirstPullLoad({
    target,
    fetchPage: (checkpoint, limit) =>
      syncPullAnswer(
        options.connection,
        `${syncPaths.pull(options.name)}?${pullSearchParams(checkpoint, limit)}`,
      ),
    prepare: async (bytes) => {
      const page = await options.preparer.prepare(pageTarget, bytes, { lwt: now(), revision })
      if (page === undefined) throw refused()
      return page
    },
    onAppended: options.onAppended,
    onFinished: (appended) => {
      if (appended > 0) rerunQueries(options.collection)
      options.onFinished(appended)
    },
    notUnderstood: refused,
    stopped: options.stopped,
  })
}
