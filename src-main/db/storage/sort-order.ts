import { getSchemaByObjectPath, getSortComparator } from 'rxdb'
import type {
  DeterministicSortComparator,
  FilledMangoQuery,
  RxDocumentData,
  RxJsonSchema,
  RxQueryPlan,
} from 'rxdb'

type Doc = RxDocumentData<unknown>

/**
 * How to get a query's order from walking its index backwards. RxDB's planner never counts a
 * descending sort as satisfied by an index, so `sort: [{ arr: 'desc' }]` would otherwise mean
 * reading, parsing and sorting the whole index range to return the first 20.
 */
export interface ReverseOrder {
  /**
   * Undefined when the reversed index order is exactly the query's order. Otherwise the query
   * sorts its fields descending but breaks ties by primary key ascending (RxDB appends
   * `{ [primaryKey]: 'asc' }`), while the reversed index breaks them descending: compare two
   * documents on the fields before the primary key (falsy = a tie), so the scan can finish the
   * last tie group before re-sorting what it read.
   */
  readonly tieKey: DeterministicSortComparator<unknown> | undefined
  readonly comparator: DeterministicSortComparator<unknown>
}

/**
 * Fields the selector pins to one value, which therefore do not affect order within the index
 * range. The same rule as RxDB's getQueryPlan(), which uses it for sortSatisfiedByIndex.
 */
function pinnedFields(schema: RxJsonSchema<Doc>, selector: Record<string, unknown>): Set<string> {
  const pinned = new Set<string>()
  for (const [field, condition] of Object.entries(selector)) {
    if (condition === null || typeof condition !== 'object' || !Object.hasOwn(condition, '$eq')) {
      continue
    }
    const part = getSchemaByObjectPath(schema, field) as
      { type?: unknown; enum?: unknown } | undefined
    if (part === undefined) continue
    const value = (condition as { $eq: unknown }).$eq
    if (part.type === 'boolean' || part.enum !== undefined) pinned.add(field)
    else if (
      (part.type === 'string' || part.type === 'number' || part.type === 'integer') &&
      (typeof value === 'string' || typeof value === 'number')
    ) {
      pinned.add(field)
    }
  }
  return pinned
}

export function reverseOrderOf(
  schema: RxJsonSchema<Doc>,
  query: FilledMangoQuery<unknown>,
  plan: RxQueryPlan,
  primaryPath: string,
): ReverseOrder | undefined {
  const pinned = pinnedFields(schema, query.selector as Record<string, unknown>)
  const indexFields = plan.index.filter((field) => !pinned.has(field))
  const sort = query.sort
    .map((part) => Object.entries(part)[0] as [string, 'asc' | 'desc'])
    .filter(([field]) => !pinned.has(field))
  if (sort.length !== indexFields.length) return undefined
  if (sort.some(([field], i) => field !== indexFields[i])) return undefined
  const comparator = getSortComparator(schema, query) as DeterministicSortComparator<unknown>
  if (sort.every(([, direction]) => direction === 'desc')) return { tieKey: undefined, comparator }
  const last = sort.at(-1)
  const before = sort.slice(0, -1)
  if (last?.[0] !== primaryPath || last[1] !== 'asc' || before.length === 0) return undefined
  if (before.some(([, direction]) => direction !== 'desc')) return undefined
  const tieKey = getSortComparator(schema, {
    ...query,
    sort: before.map(([field, direction]) => ({ [field]: direction })),
  }) as DeterministicSortComparator<unknown>
  return { tieKey, comparator }
}
