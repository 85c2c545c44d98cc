import type Database from 'better-sqlite3'
import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb'
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstanceCreationParams } from 'rxdb'
import { indexColumnsOf, indexLayoutSignature } from './index-keys'
import { openCollectionTable, tableNameOf } from './collection-table'
import { acquireConnection, openConnectionOf, releaseConnection } from './connection-pool'
import type { SqliteInstanceCreationOptions, SqliteStorageInternals } from './storage-instance'
import { RxStorageInstanceSqlite } from './storage-instance'

export const SQLITE_STORAGE_NAME = 'tierline-sqlite'

export interface SqliteStorageOptions {
  /**
   * The SQLite file of an RxDB database (for Tierline: of a workspace). Every collection of
   * the database becomes tables in that one file. Missing folders are created.
   */
  readonly fileFor: (databaseName: string) => string
  /** better-sqlite3's `nativeBinding`: in Electron, the addon built for Electron's ABI. */
  readonly nativeBinding?: string
  /**
   * How much recently used document JSON each database keeps parsed in memory, in bytes
   * (default 32 MiB, roughly 30,000 typical documents; 0 turns it off). See document-cache.ts.
   */
  readonly documentCacheBytes?: number
}

export const DEFAULT_DOCUMENT_CACHE_BYTES = 32 * 1024 * 1024

export interface RxStorageSqlite extends RxStorage<
  SqliteStorageInternals,
  SqliteInstanceCreationOptions
> {
  readonly options: SqliteStorageOptions
  createStorageInstance<RxDocType>(
    params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceCreationOptions>,
  ): Promise<RxStorageInstanceSqlite<RxDocType>>
}

/**
 * RxDB storage on better-sqlite3: one SQLite file (WAL) per database, one connection per file
 * shared by all its collections and closed with the last of them. A file that is not ours is
 * refused with a `storage` TierlineError and never modified (see sqlite-file.ts).
 */
export function getRxStorageSqlite(options: SqliteStorageOptions): RxStorageSqlite {
  return {
    name: SQLITE_STORAGE_NAME,
    rxdbVersion: RXDB_VERSION,
    options,
    createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceCreationOptions>,
    ): Promise<RxStorageInstanceSqlite<RxDocType>> {
      try {
        ensureRxStorageInstanceParamsAreCorrect(params)
        const connection = acquireConnection(options.fileFor(params.databaseName), {
          nativeBinding: options.nativeBinding,
          documentCacheBytes: options.documentCacheBytes ?? DEFAULT_DOCUMENT_CACHE_BYTES,
        })
        try {
          const schema = params.schema as RxJsonSchema<RxDocumentData<unknown>>
          const name = tableNameOf(params.collectionName, schema.version)
          let table = connection.tables.get(name)
          if (table === undefined) {
            table = openCollectionTable(
              connection.db,
              connection.cache,
              params.collectionName,
              schema,
            )
            connection.tables.set(name, table)
          } else if (table.layout !== indexLayoutSignature(schema, indexColumnsOf(schema))) {
            throw new Error(
              `Collection ${params.collectionName} is already open with different indexes in this process.`,
            )
          }
          return Promise.resolve(new RxStorageInstanceSqlite<RxDocType>(params, connection, table))
        } catch (error) {
          releaseConnection(connection)
          throw error
        }
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
  }
}

/**
 * The better-sqlite3 connection holding a database's file, while any of its collections is
 * open — for the online backup API (`db.backup(…)`) and status pragmas. Do not close it (the
 * storage closes it after the last collection) and do not write RxDB's tables through it (the
 * storage's document cache would not know). Undefined when the database is not open.
 */
export function sqliteConnectionOf(
  storage: RxStorageSqlite,
  databaseName: string,
): Database.Database | undefined {
  return openConnectionOf(storage.options.fileFor(databaseName))?.db
}
