import type Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { filter, map, type Observable, type Subscription } from 'rxjs'
import type { DatabaseStatus } from '@shared/app/app-info'
import { TierlineError } from '@shared/ipc/errors'
import { rxCollectionCreators, type CollectionName, type DocumentOf } from '@shared/model/registry'
import type { Logger } from '../services/log/logger'
import type { OpenedDatabase } from '../services/workspace/workspace-manager'
import { getRxStorageSqlite, sqliteConnectionOf } from './storage'

export type TierlineCollections = { [C in CollectionName]: RxCollection<DocumentOf<C>> }
export type TierlineDatabase = RxDatabase<TierlineCollections>

// Without it RxDB refuses to open a collection stored at an older schema version (library v0).
addRxPlugin(RxDBMigrationSchemaPlugin)

/** RxDB's name for every workspace database; each workspace has its own file. */
const DATABASE_NAME = 'tierline'

/** A workspace's RxDB database on our SQLite storage, or the reason it could not open. */
export interface WorkspaceStore extends OpenedDatabase {
  /** The open database; throws a typed error when the workspace's file could not be opened. */
  rx(): TierlineDatabase
}

function statusOf(file: string, connection: Database.Database): DatabaseStatus {
  return {
    state: 'ready',
    file,
    sizeBytes: statSync(file).size,
    journalMode: String(connection.pragma('journal_mode', { simple: true })),
    sqliteVersion: String(connection.prepare('select sqlite_version()').pluck().get()),
    schemaVersion: Number(connection.pragma('user_version', { simple: true })),
  }
}

/**
 * Opens a workspace's database, running RxDB migrations of older collection versions. A file
 * that is damaged, foreign or from a newer Tierline yields an error status (shown with the
 * offer to restore a backup) instead of an exception, and is never modified.
 */
export async function openWorkspaceStore(options: {
  readonly file: string
  readonly nativeBinding?: string
  readonly log: Logger
  /** Called once per tick with every collection that changed, for `changed:<collection>`. */
  readonly onChange: (collections: ReadonlySet<CollectionName>) => void
}): Promise<WorkspaceStore> {
  const storage = getRxStorageSqlite({
    fileFor: () => options.file,
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  })
  let rx: TierlineDatabase | undefined
  let failure: string | undefined
  let changes: Subscription | undefined
  try {
    rx = await createRxDatabase<TierlineCollections>({
      name: DATABASE_NAME,
      storage,
      multiInstance: false,
      eventReduce: true,
      // One process owns a workspace (single-instance lock), so a second open is our own bug.
      closeDuplicates: true,
    })
    await rx.addCollections(rxCollectionCreators())
    changes = batchChanges(rx, options.onChange)
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error)
    options.log.warn('workspace database did not open', { file: options.file, error: failure })
    await rx?.close().catch(() => undefined)
    rx = undefined
  }

  return {
    rx() {
      if (rx === undefined) {
        throw new TierlineError(
          'storage',
          `This workspace's data cannot be opened: ${failure ?? 'it is closed.'}`,
        )
      }
      return rx
    },
    status() {
      const connection = rx === undefined ? undefined : sqliteConnectionOf(storage, DATABASE_NAME)
      if (connection === undefined) {
        return { state: 'error', file: options.file, message: failure ?? 'The database is closed.' }
      }
      return statusOf(options.file, connection)
    },
    connection: () => (rx === undefined ? undefined : sqliteConnectionOf(storage, DATABASE_NAME)),
    async close() {
      changes?.unsubscribe()
      const open = rx
      rx = undefined
      failure = 'The workspace is closed.'
      await open?.close()
    },
  }
}

/**
 * The collection of each batch written to the database, once per batch. Not `rx.$`: that
 * stream makes an event object per document (a sync page is a thousand) and calls every
 * subscriber with each, where listeners that only ask "which collection changed" need one call.
 */
export function changedCollections$(rx: TierlineDatabase): Observable<CollectionName> {
  return rx.eventBulks$.pipe(
    filter((bulk) => bulk.collectionName !== undefined && bulk.events.length > 0),
    map((bulk) => bulk.collectionName as CollectionName),
  )
}

/** Reports each changed collection once per tick. */
function batchChanges(
  rx: TierlineDatabase,
  onChange: (collections: ReadonlySet<CollectionName>) => void,
): Subscription {
  let pending = new Set<CollectionName>()
  return changedCollections$(rx).subscribe((collection) => {
    if (pending.size === 0) {
      setTimeout(() => {
        const flushed = pending
        pending = new Set()
        onChange(flushed)
      }, 0)
    }
    pending.add(collection)
  })
}
