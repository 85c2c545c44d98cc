import type Database from 'better-sqlite3'
import { resolve } from 'node:path'
import type { CollectionTable } from './collection-table'
import { DocumentCache } from './document-cache'
import type { OpenOptions } from './sqlite-file'
import { openStorageFile } from './sqlite-file'

/**
 * One connection per file, shared by every collection of the RxDB database that lives in it.
 * better-sqlite3 is synchronous, so a single connection serialises all writes of the process
 * without any locking of our own, and all collections see each other's committed writes.
 */
export interface SharedConnection {
  readonly file: string
  readonly db: Database.Database
  /** Collection tables opened on this connection, by table name; shared by their instances. */
  readonly tables: Map<string, CollectionTable>
  readonly cache: DocumentCache
  /** Open storage instances using the connection; it closes when this drops to zero. */
  users: number
}

const connections = new Map<string, SharedConnection>()

export interface ConnectionOptions extends OpenOptions {
  /** Budget of the parsed-document cache, in bytes of JSON (see document-cache.ts). */
  readonly documentCacheBytes: number
}

/** Opens the file on first use; later callers share that connection and its options. */
export function acquireConnection(file: string, options: ConnectionOptions): SharedConnection {
  const key = resolve(file)
  let connection = connections.get(key)
  if (connection === undefined) {
    const db = openStorageFile(key, options)
    const cache = new DocumentCache(db, options.documentCacheBytes)
    connection = { file: key, db, tables: new Map(), cache, users: 0 }
    connections.set(key, connection)
  }
  connection.users++
  return connection
}

export function releaseConnection(connection: SharedConnection): void {
  connection.users--
  if (connection.users > 0) return
  connections.delete(connection.file)
  for (const table of connection.tables.values()) table.changes.complete()
  connection.tables.clear()
  connection.cache.clear()
  // Closing the last connection checkpoints the WAL into the main file and removes it.
  connection.db.close()
}

/** The open connection to a file, if any collection currently uses it. */
export function openConnectionOf(file: string): SharedConnection | undefined {
  return connections.get(resolve(file))
}
