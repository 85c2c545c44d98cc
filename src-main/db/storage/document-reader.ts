import type { RxDocumentData } from 'rxdb'
import type { CollectionTable } from './collection-table'

type Doc = RxDocumentData<unknown>

/** Rows to read: `from … where …`, an `order by` (or ''), and their parameters. */
export interface RowSource {
  readonly from: string
  readonly order: string
  readonly params: readonly unknown[]
}

/** Documents resolved per round trip while scanning, so a scan that stops early parses little. */
const SCAN_CHUNK = 64

const parse = (data: unknown): Doc => JSON.parse(data as string) as Doc

/**
 * All documents of a row source, in its order; `limit`/`offset` are applied by SQLite. With the
 * document cache on, SQLite returns only row seqs (from the index alone) and only documents the
 * cache does not hold are fetched and parsed.
 */
export function readDocuments(
  table: CollectionTable,
  source: RowSource,
  page?: { readonly limit: number; readonly skip: number },
): Doc[] {
  const paging = page === undefined ? '' : ' limit ? offset ?'
  const params =
    page === undefined
      ? source.params
      : [...source.params, Number.isFinite(page.limit) ? page.limit : -1, page.skip]
  if (!table.cache.enabled) {
    const rows = table
      .statement(`select data ${source.from}${source.order}${paging}`)
      .pluck()
      .all(...params)
    return rows.map(parse)
  }
  if (table.cache.isEmpty) {
    // Nothing cached yet (just opened): one pass that returns the documents themselves.
    const rows = table
      .statement(`select seq, data ${source.from}${source.order}${paging}`)
      .raw()
      .all(...params) as [number, string][]
    return rows.map(([seq, data]) => {
      const document = parse(data)
      table.cache.set(seq, document, data.length)
      return document
    })
  }
  return resolve(table, seqsOf(table, `${source.from}${source.order}${paging}`, params))
}

/**
 * Visits documents in the source's order until `visit` returns false, reading no further than
 * needed: for `limit` queries whose matches come early, most of the range is never parsed.
 */
export function scanDocuments(
  table: CollectionTable,
  source: RowSource,
  visit: (document: Doc) => boolean,
): void {
  if (!table.cache.enabled) {
    const rows = table
      .statement(`select data ${source.from}${source.order}`)
      .pluck()
      .iterate(...source.params)
    for (const data of rows) if (!visit(parse(data))) break
    return
  }
  // Reading other statements while this one steps is fine in SQLite; only writes are not.
  const seqs = table
    .statement(`select seq ${source.from}${source.order}`)
    .pluck()
    .iterate(...source.params) as IterableIterator<number>
  let chunk: number[] = []
  for (const seq of seqs) {
    chunk.push(seq)
    if (chunk.length < SCAN_CHUNK) continue
    for (const document of resolve(table, chunk)) if (!visit(document)) return
    chunk = []
  }
  for (const document of resolve(table, chunk)) if (!visit(document)) return
}

/** The documents with these primary keys (tombstones too if `withDeleted`), in no order. */
export function readDocumentsById(
  table: CollectionTable,
  ids: readonly string[],
  withDeleted: boolean,
): Doc[] {
  if (ids.length === 0) return []
  const live = withDeleted ? '' : ' and deleted = 0'
  const one = ids.length === 1
  // json_each: one statement for any number of ids, no SQLITE_MAX_VARIABLE_NUMBER to split on.
  const where = one ? 'id = ?' : 'id in (select value from json_each(?))'
  const param = one ? ids[0] : JSON.stringify(ids)
  return readDocuments(table, {
    from: `from ${table.sql.documents} where ${where}${live}`,
    order: '',
    params: [param],
  })
}

/** Row seqs of the live rows for these ids, by id: what a write replaces. */
export function seqsById(table: CollectionTable, ids: readonly string[]): Map<string, number> {
  const rows = table
    .statement(
      `select id, seq from ${table.sql.documents} where id in (select value from json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(ids)) as [string, number][]
  return new Map(rows)
}

function seqsOf(table: CollectionTable, rest: string, params: readonly unknown[]): number[] {
  return table
    .statement(`select seq ${rest}`)
    .pluck()
    .all(...params) as number[]
}

/** Documents for row seqs, from the cache where it holds them; the rest fetched in one go. */
export function resolve(table: CollectionTable, seqs: readonly number[]): Doc[] {
  const documents = new Array<Doc>(seqs.length)
  const missing: number[] = []
  for (let i = 0; i < seqs.length; i++) {
    const cached = table.cache.get(seqs[i] as number)
    if (cached === undefined) missing.push(i)
    else documents[i] = cached
  }
  if (missing.length === 0) return documents
  const wanted = missing.map((i) => seqs[i] as number)
  const fetched = table
    .statement(
      `select seq, data from ${table.sql.documents} where seq in (select value from json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(wanted)) as [number, string][]
  const bySeq = new Map(fetched)
  let lost = false
  for (const i of missing) {
    const seq = seqs[i] as number
    const data = bySeq.get(seq)
    if (data === undefined) {
      lost = true
      continue
    }
    const document = parse(data)
    table.cache.set(seq, document, data.length)
    documents[i] = document
  }
  // Rows cannot vanish between the two statements (one connection, no await), but be exact.
  return lost ? documents.filter((document) => document !== undefined) : documents
}
