import type Database from 'better-sqlite3'
import { getPrimaryFieldOfPrimaryKey } from 'rxdb'
import { Subject } from 'rxjs'
import type {
  EventBulk,
  RxDocumentData,
  RxJsonSchema,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
} from 'rxdb'
import type { DocumentCache, TableCache } from './document-cache'
import type { IndexColumn } from './index-keys'
import { changesIndexFields, indexColumnsOf, indexLayoutSignature, indexName } from './index-keys'
import { COLLECTIONS_TABLE } from './sqlite-file'

export type ChangeBulk = EventBulk<
  RxStorageChangeEvent<RxDocumentData<unknown>>,
  RxStorageDefaultCheckpoint
>

/**
 * The SQL side of one collection (at one schema version): a documents table and an
 * attachments table in the database's file, the key columns of its indexes, and the prepared
 * statements to use them. Shared by every storage instance of that collection on the
 * connection, so they also share one change stream.
 *
 * Documents table: `seq` (the INTEGER PRIMARY KEY, new on every write because an update
 * replaces the row, so it names one version of a document; see document-cache.ts), `id` (the
 * RxDB primary key, unique),
 * `data` (the document as JSON, attachment data stripped), `deleted` and `lwt` (for cleanup),
 * and one BLOB key column per index (see index-keys.ts) with an SQL index on it.
 */
export interface CollectionTable {
  readonly name: string
  readonly collectionName: string
  readonly schemaVersion: number
  readonly primaryPath: string
  /** The index layout signature the key columns were computed with. */
  readonly layout: string
  readonly columns: readonly IndexColumn[]
  readonly changes: Subject<ChangeBulk>
  /** This table's part of the connection's parsed-document cache (see document-cache.ts). */
  readonly cache: TableCache
  /** The key column of a schema index, by its fields; undefined for an unknown index. */
  columnFor(fields: readonly string[]): IndexColumn | undefined
  readonly changesColumn: IndexColumn
  /** Prepared once per SQL text and kept for the life of the connection. */
  statement(sql: string): Database.Statement
  readonly sql: TableSql
}

export interface TableSql {
  readonly documents: string
  readonly attachments: string
  /** A new document's row. */
  readonly insert: string
  /** An update: replaces the document's row with a new one, which gets a new seq. */
  readonly replace: string
}

export function openCollectionTable(
  db: Database.Database,
  cache: DocumentCache,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<unknown>>,
): CollectionTable {
  const name = tableNameOf(collectionName, schema.version)
  const columns = indexColumnsOf(schema)
  const layout = indexLayoutSignature(schema, columns)
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string

  db.transaction(() => {
    const existing = db
      .prepare(`select layout from ${COLLECTIONS_TABLE} where table_name = ?`)
      .pluck()
      .get(name)
    if (existing === undefined) {
      createTables(db, name, columns)
      db.prepare(
        `insert into ${COLLECTIONS_TABLE} (table_name, collection, schema_version, layout) values (?, ?, ?, ?)`,
      ).run(name, collectionName, schema.version, layout)
    } else if (existing !== layout) {
      rebuildTable(db, name, columns)
      db.prepare(`update ${COLLECTIONS_TABLE} set layout = ? where table_name = ?`).run(
        layout,
        name,
      )
    } else {
      // Builds any index a bulk load dropped and did not get to restore (the app stopped).
      createIndexes(db, name, columns)
    }
  }).immediate()

  const byIndex = new Map(columns.map((column) => [indexName(column.fields), column]))
  const changesColumn = byIndex.get(indexName(changesIndexFields(primaryPath)))
  if (changesColumn === undefined) throw new Error('the changes index is always added')
  const statements = new Map<string, Database.Statement>()
  const documents = quote(name)
  const keyNames = columns.map((column) => column.column)
  const columnList = `(id, data, deleted, lwt, ${keyNames.join(', ')}) values (?, ?, ?, ?, ${keyNames.map(() => '?').join(', ')})`

  return {
    name,
    collectionName,
    schemaVersion: schema.version,
    primaryPath,
    layout,
    columns,
    changes: new Subject(),
    cache: cache.forTable(),
    columnFor: (fields) => byIndex.get(indexName(fields)),
    changesColumn,
    statement(sql) {
      let statement = statements.get(sql)
      if (statement === undefined) {
        statement = db.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    },
    sql: {
      documents,
      attachments: quote(attachmentsTableOf(name)),
      insert: `insert into ${documents} ${columnList}`,
      replace: `insert or replace into ${documents} ${columnList}`,
    },
  }
}

/** Drops a collection's tables and forgets it; other collections in the file are untouched. */
export function dropCollectionTable(db: Database.Database, table: CollectionTable): void {
  db.transaction(() => {
    db.exec(`drop table if exists ${quote(table.name)}`)
    db.exec(`drop table if exists ${quote(attachmentsTableOf(table.name))}`)
    db.prepare(`delete from ${COLLECTIONS_TABLE} where table_name = ?`).run(table.name)
  }).immediate()
}

function createTables(db: Database.Database, name: string, columns: readonly IndexColumn[]): void {
  createDocumentsTable(db, name, columns)
  createIndexes(db, name, columns)
  db.exec(
    `create table if not exists ${quote(attachmentsTableOf(name))} (
      doc_id text not null,
      attachment_id text not null,
      digest text not null,
      type text not null,
      data blob not null,
      primary key (doc_id, attachment_id)
    )`,
  )
}

function createDocumentsTable(
  db: Database.Database,
  name: string,
  columns: readonly IndexColumn[],
): void {
  const keys = columns.map((column) => `, ${column.column} blob not null`).join('')
  db.exec(
    `create table ${quote(name)} (
      seq integer primary key,
      id text not null unique,
      data text not null,
      deleted integer not null,
      lwt real not null${keys}
    )`,
  )
}

function createIndexes(db: Database.Database, name: string, columns: readonly IndexColumn[]): void {
  for (const column of columns) {
    db.exec(
      `create index if not exists ${quote(`${name}__${column.column}`)} on ${quote(name)} (${column.column})`,
    )
  }
  // Only tombstones are in it, so it costs nothing for live documents and makes cleanup() cheap.
  db.exec(
    `create index if not exists ${quote(`${name}__tombstones`)} on ${quote(name)} (lwt) where deleted = 1`,
  )
}

/** The key columns of a documents table, read from the file (k0, k1, …; see index-keys.ts). */
function keyColumnsOf(db: Database.Database, name: string): string[] {
  const columns = db.prepare(`select name from pragma_table_info(?)`).pluck().all(name) as string[]
  return columns.filter((column) => /^k\d+$/.test(column))
}

/**
 * For a bulk load into an empty table (a first sync's 200,000 tickets): drops the SQL indexes
 * of the key columns, so each row is written into two B-trees instead of eight; building an
 * index afterwards sorts once (about a second per index for 200,000 tickets). Queries stay
 * correct meanwhile (the key columns are kept and filled), only slower. The indexes come back
 * through keyIndexBuilders, or when the table is next opened if the app stopped in between.
 * Returns false, doing nothing, when the table holds documents.
 */
export function deferKeyIndexes(db: Database.Database, name: string): boolean {
  return db
    .transaction(() => {
      if (
        db
          .prepare(`select exists (select 1 from ${quote(name)})`)
          .pluck()
          .get() === 1
      )
        return false
      for (const column of keyColumnsOf(db, name))
        db.exec(`drop index if exists ${quote(`${name}__${column}`)}`)
      return true
    })
    .immediate()
}

/**
 * What builds the key column indexes deferKeyIndexes dropped, one function per index, so a
 * caller can let other work run in between (each takes about a second for 200,000 tickets).
 * Indexes already present are left as they are.
 */
export function keyIndexBuilders(db: Database.Database, name: string): (() => void)[] {
  return keyColumnsOf(db, name).map(
    (column) => () =>
      void db.exec(
        `create index if not exists ${quote(`${name}__${column}`)} on ${quote(name)} (${column})`,
      ),
  )
}

/**
 * Recomputes every key column when the schema's indexes changed without a version bump (RxDB's
 * own internal collections can do that across RxDB upgrades). Runs inside the caller's
 * transaction: a crash leaves the old table as it was.
 */
function rebuildTable(db: Database.Database, name: string, columns: readonly IndexColumn[]): void {
  const staging = `${name}__rebuild`
  db.exec(`drop table if exists ${quote(staging)}`)
  createDocumentsTable(db, staging, columns)
  const read = db.prepare(
    `select seq, id, data, deleted, lwt from ${quote(name)} where seq > ? order by seq limit 500`,
  )
  const write = db.prepare(
    `insert into ${quote(staging)} (id, data, deleted, lwt${columns.map((c) => `, ${c.column}`).join('')})
     values (?, ?, ?, ?${columns.map(() => ', ?').join('')})`,
  )
  let after = 0
  for (;;) {
    const rows = read.all(after) as {
      seq: number
      id: string
      data: string
      deleted: number
      lwt: number
    }[]
    if (rows.length === 0) break
    for (const row of rows) {
      const document = JSON.parse(row.data) as RxDocumentData<unknown>
      const keys = columns.map((c) => c.keyOf(document))
      write.run(row.id, row.data, row.deleted, row.lwt, ...keys)
      after = row.seq
    }
  }
  db.exec(`drop table ${quote(name)}`)
  db.exec(`alter table ${quote(staging)} rename to ${quote(name)}`)
  createIndexes(db, name, columns)
}

/** Each schema version has its own table: RxDB migrates by reading the old one. */
export function tableNameOf(collectionName: string, schemaVersion: number): string {
  return `rx_${collectionName}_v${schemaVersion}`
}

function attachmentsTableOf(name: string): string {
  return `${name}__attachments`
}

/** Collection names may contain `-` and `$`; quoting keeps any name a valid identifier. */
export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}
