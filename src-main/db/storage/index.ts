/**
 * Tierline's RxDB storage on better-sqlite3 (issue #4): one SQLite file per RxDB database.
 * See rx-storage-sqlite.ts for the entry points and sqlite-file.ts for what is refused.
 */
export {
  DEFAULT_DOCUMENT_CACHE_BYTES,
  getRxStorageSqlite,
  sqliteConnectionOf,
  SQLITE_STORAGE_NAME,
} from './rx-storage-sqlite'
export type { RxStorageSqlite, SqliteStorageOptions } from './rx-storage-sqlite'
export type {
  RxStorageInstanceSqlite,
  SqliteInstanceCreationOptions,
  SqliteStorageInternals,
} from './storage-instance'
export {
  BUSY_TIMEOUT_MS,
  configureConnection,
  STORAGE_FORMAT_VERSION,
  TIERLINE_APPLICATION_ID,
  type RefusalReason,
} from './sqlite-file'
