import { getQueryMatcher, getSortComparator } from 'rxdb'
import type { PreparedQuery, RxDocumentData, RxJsonSchema, RxQueryPlan } from 'rxdb'
import type { CollectionTable } from './collection-table'
import type { RowSource } from './document-reader'
import { readDocuments, scanDocuments } from './document-reader'
import { lowerBoundKey, upperBoundKey } from './index-keys'
import { reverseOrderOf } from './sort-order'

type Doc = RxDocumentData<unknown>
type Schema = RxJsonSchema<Doc>

interface Range extends RowSource {
  /** `order by` the index column, i.e. the index's order. */
  readonly order: string
}

/**
 * The rows a query plan points at. RxDB's planner picks one of the schema's indexes and gives
 * start/end keys for it; those become a range over that index's key column, which SQLite walks
 * with the SQL index. A plan for an index the table does not have (a query that forces
 * `index` to something outside the schema) falls back to a full scan.
 */
function rangeOf(table: CollectionTable, schema: Schema, plan: RxQueryPlan): Range | undefined {
  const column = table.columnFor(plan.index)
  if (column === undefined) return undefined
  const key = column.column
  return {
    from: `from ${table.sql.documents} where ${key} ${plan.inclusiveStart ? '>=' : '>'} ? and ${key} ${plan.inclusiveEnd ? '<=' : '<'} ?`,
    order: ` order by ${key}`,
    params: [
      lowerBoundKey(schema, column.fields, plan.startKeys),
      upperBoundKey(schema, column.fields, plan.endKeys),
    ],
  }
}

export function runQuery(
  table: CollectionTable,
  schema: Schema,
  prepared: PreparedQuery<unknown>,
): Doc[] {
  const { query, queryPlan: plan } = prepared
  const skip = query.skip ?? 0
  const limit = typeof query.limit === 'number' ? query.limit : Infinity
  const range = rangeOf(table, schema, plan)
  const everything: RowSource = { from: `from ${table.sql.documents}`, order: '', params: [] }
  // Whatever the index range does not settle is checked with RxDB's own matcher.
  const matcher =
    range !== undefined && plan.selectorSatisfiedByIndex
      ? undefined
      : getQueryMatcher(schema, query)
  const inIndexOrder = range !== undefined && plan.sortSatisfiedByIndex
  const wanted = skip + limit
  if (wanted === 0) return []

  if (inIndexOrder && matcher === undefined) {
    // The index answers the query alone: SQLite applies skip and limit.
    return readDocuments(table, range, { limit, skip })
  }

  if (inIndexOrder && Number.isFinite(limit)) {
    // Already in order: read along the index and stop once skip + limit documents matched.
    const found: Doc[] = []
    scanDocuments(table, range, (document) => {
      if (matcher?.(document) !== false) found.push(document)
      return found.length < wanted
    })
    return found.slice(skip)
  }

  const reverse =
    range !== undefined && !inIndexOrder && Number.isFinite(limit)
      ? reverseOrderOf(schema, query, plan, table.primaryPath)
      : undefined
  if (range !== undefined && reverse !== undefined) {
    // A descending sort along the index: walk it backwards and stop after skip + limit.
    const found: Doc[] = []
    scanDocuments(table, { ...range, order: `${range.order} desc` }, (document) => {
      if (matcher?.(document) === false) return true
      const previous = found.at(-1)
      // Past the limit, keep reading only to finish the last group of equal sort values.
      if (found.length >= wanted && previous !== undefined) {
        if (reverse.tieKey === undefined || reverse.tieKey(document, previous)) return false
      }
      found.push(document)
      return true
    })
    if (reverse.tieKey !== undefined) found.sort(reverse.comparator)
    return found.slice(skip, wanted)
  }

  const source =
    range === undefined ? everything : { ...range, order: inIndexOrder ? range.order : '' }
  let documents = readDocuments(table, source)
  if (matcher !== undefined) documents = documents.filter((document) => matcher(document))
  // The index order is not the query's order (another field, or mixed directions): sort like RxDB.
  if (!inIndexOrder) documents.sort(getSortComparator(schema, query))
  return skip === 0 && documents.length <= limit ? documents : documents.slice(skip, wanted)
}

/**
 * Counts what runQuery() would return. When the index range settles the selector, SQLite counts
 * the range from the index alone, without reading a document.
 */
export function runCount(
  table: CollectionTable,
  schema: Schema,
  prepared: PreparedQuery<unknown>,
): number {
  const { query, queryPlan: plan } = prepared
  const skip = query.skip ?? 0
  const limit = typeof query.limit === 'number' ? query.limit : Infinity
  const range = rangeOf(table, schema, plan)
  let total: number
  if (range !== undefined && plan.selectorSatisfiedByIndex) {
    total = Number(
      table
        .statement(`select count(*) ${range.from}`)
        .pluck()
        .get(...range.params),
    )
  } else {
    const matcher = getQueryMatcher(schema, query)
    const source = range ?? { from: `from ${table.sql.documents}`, order: '', params: [] }
    total = 0
    for (const document of readDocuments(table, { ...source, order: '' })) {
      if (matcher(document)) total++
    }
  }
  return Math.max(0, Math.min(total - skip, limit))
}
