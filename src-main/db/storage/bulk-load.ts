import type Database from 'better-sqlite3'
import { getPrimaryFieldOfPrimaryKey } from 'rxdb'
import type { RxDocumentData, RxJsonSchema } from 'rxdb'
import { quote } from './collection-table'
import type { IndexColumn } from './index-keys'
import { indexColumnsOf, indexLayoutSignature } from './index-keys'
import { COLLECTIONS_TABLE } from './sqlite-file'

/**
 * A documents-table row as its insert statement takes it: id, data (the document's JSON, as a
 * string or its UTF-8 bytes), deleted, lwt, then one key per index column, in column order
 * (see collection-table.ts).
 */
export type DocumentRow = unknown[]

/** The row of `document`; the storage's own writes and bulk loads build rows only here. */
export function documentRowOf(
  document: RxDocumentData<unknown>,
  json: string | Uint8Array,
  primaryPath: string,
  columns: readonly IndexColumn[],
): DocumentRow {
  const row: DocumentRow = new Array(4 + columns.length)
  row[0] = String((document as Record<string, unknown>)[primaryPath])
  row[1] = json
  row[2] = document._deleted ? 1 : 0
  row[3] = document._meta.lwt
  for (let i = 0; i < columns.length; i++) row[4 + i] = (columns[i] as IndexColumn).keyOf(document)
  return row
}

/** What a thread needs to build rows for one collection's table: its storage schema. */
export interface RowLayout {
  readonly primaryPath: string
  readonly columns: readonly IndexColumn[]
  /** The layout signature the table must have been created with for these rows to fit it. */
  readonly signature: string
}

export function rowLayoutOf(schema: RxJsonSchema<RxDocumentData<unknown>>): RowLayout {
  const columns = indexColumnsOf(schema)
  return {
    primaryPath: getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string,
    columns,
    signature: indexLayoutSignature(schema, columns),
  }
}

/**
 * Appends rows built elsewhere (by {@link documentRowOf}, possibly in another thread) to a
 * collection's documents table, bypassing RxDB: for a first sync's bulk load into an empty
 * pull-only table, where RxDB's per-document bookkeeping cost more than the writes. RxDB's
 * caches and change stream do not see these rows; the caller makes up for that (see
 * src-main/sync/first-pull/). Undefined when the table was created under another layout, so
 * rows would not fit it.
 */
export interface BulkLoadTarget {
  /** True while the table holds no document. */
  isEmpty(): boolean
  /**
   * One transaction; a row whose id is already stored fails it whole, writing nothing. Data
   * given as bytes is stored as the text it encodes: binding bytes spares this thread
   * encoding each document's JSON again.
   */
  append(rows: readonly DocumentRow[]): void
}

export function bulkLoadTarget(
  db: Database.Database,
  tableName: string,
  layout: RowLayout,
): BulkLoadTarget | undefined {
  const stored = db
    .prepare(`select layout from ${COLLECTIONS_TABLE} where table_name = ?`)
    .pluck()
    .get(tableName)
  if (stored !== layout.signature) return undefined
  const keys = layout.columns.map((column) => column.column)
  const insert = db.prepare(
    `insert into ${quote(tableName)} (id, data, deleted, lwt, ${keys.join(', ')})
     values (?, cast(? as text), ?, ?, ${keys.map(() => '?').join(', ')})`,
  )
  const empty = db.prepare(`select not exists (select 1 from ${quote(tableName)})`).pluck()
  const append = db.transaction((rows: readonly DocumentRow[]) => {
    for (const row of rows) insert.run(row)
  })
  return {
    isEmpty: () => empty.get() === 1,
    append: (rows) => append.immediate(rows),
  }
}
