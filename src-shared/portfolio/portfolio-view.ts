import { z } from 'zod'
import type { SavedView, ViewFilter } from '../model/saved-view'
import {
  defaultPortfolioColumns,
  normaliseColumns,
  portfolioColumnIds,
  portfolioColumnOf,
  type PortfolioColumnId,
} from './portfolio-columns'
import {
  emptyPortfolioFilters,
  portfolioFiltersSchema,
  portfolioSortSchema,
  type PortfolioFilters,
  type PortfolioSort,
} from './portfolio-query'

/** Everything a portfolio view remembers: what is filtered, how it is sorted, what is shown. */
export const portfolioViewStateSchema = z.strictObject({
  filters: portfolioFiltersSchema.prefault({}),
  sort: portfolioSortSchema.default({ field: 'renewalDate', direction: 'asc' }),
  columns: z
    .array(z.enum(portfolioColumnIds))
    .min(1)
    .max(portfolioColumnIds.length)
    .default([...defaultPortfolioColumns])
    .transform(normaliseColumns),
})

export type PortfolioViewState = z.output<typeof portfolioViewStateSchema>

/** "My book": the whole book on this machine, soonest renewal first, the default columns. */
export const myBookState: PortfolioViewState = {
  filters: emptyPortfolioFilters,
  sort: { field: 'renewalDate', direction: 'asc' },
  columns: [...defaultPortfolioColumns],
}

type StoredView = Pick<SavedView, 'filters' | 'sort' | 'columns'>

/** The saved-view form of a state: one filter per narrowed field, in the model's generic shape. */
export function toStoredView(state: PortfolioViewState): StoredView {
  const f = state.filters
  const filters: ViewFilter[] = []
  const list = (field: string, values: readonly string[]) => {
    if (values.length > 0) filters.push({ field, op: 'in', value: [...values] })
  }
  if (f.search !== '') filters.push({ field: 'name', op: 'contains', value: f.search })
  list('tierId', f.tierIds)
  list('tierVersionId', f.tierVersionIds)
  list('segment', f.segments)
  list('ownerId', f.ownerIds)
  list('healthBand', f.healthBands)
  if (f.renewalWithinDays !== null) {
    filters.push({ field: 'renewalDate', op: 'within-days', value: f.renewalWithinDays })
  }
  if (f.signal !== 'any') {
    filters.push({ field: 'upgradeSignal', op: 'eq', value: f.signal === 'with-signal' })
  }
  return {
    filters,
    sort: [{ field: state.sort.field, direction: state.sort.direction }],
    columns: [...state.columns],
  }
}

const listFields = {
  tierId: 'tierIds',
  tierVersionId: 'tierVersionIds',
  segment: 'segments',
  ownerId: 'ownerIds',
  healthBand: 'healthBands',
} as const satisfies Record<string, keyof PortfolioFilters>

function valuesOf(filter: ViewFilter): string[] | undefined {
  if ((filter.op === 'eq' || filter.op === 'in') && typeof filter.value === 'string') {
    return [filter.value]
  }
  if (filter.op === 'in' && Array.isArray(filter.value)) return filter.value
  return undefined
}

/**
 * The state a stored view describes. Views are also written by other devices, other versions
 * and the demo book, so a filter this screen cannot apply is reported, never silently dropped.
 */
export function fromStoredView(view: StoredView): {
  state: PortfolioViewState
  unsupported: ViewFilter[]
} {
  const raw: Record<string, unknown> = {}
  const unsupported: ViewFilter[] = []
  for (const filter of view.filters) {
    const listField = Object.hasOwn(listFields, filter.field)
      ? listFields[filter.field as keyof typeof listFields]
      : undefined
    const values = valuesOf(filter)
    if (listField !== undefined && values !== undefined) {
      raw[listField] = values
    } else if (
      filter.field === 'name' &&
      filter.op === 'contains' &&
      typeof filter.value === 'string'
    ) {
      raw['search'] = filter.value
    } else if (
      filter.field === 'renewalDate' &&
      filter.op === 'within-days' &&
      typeof filter.value === 'number'
    ) {
      raw['renewalWithinDays'] = filter.value
    } else if (
      filter.field === 'upgradeSignal' &&
      filter.op === 'eq' &&
      typeof filter.value === 'boolean'
    ) {
      raw['signal'] = filter.value ? 'with-signal' : 'without-signal'
    } else {
      unsupported.push(filter)
      continue
    }
  }
  const filters = portfolioFiltersSchema.safeParse(raw)
  if (!filters.success) unsupported.push(...view.filters)
  const first = view.sort[0]
  const sortField = first === undefined ? undefined : portfolioColumnOf(first.field)
  const sort: PortfolioSort =
    first !== undefined && sortField !== undefined
      ? { field: sortField, direction: first.direction }
      : myBookState.sort
  const columns: PortfolioColumnId[] =
    view.columns.length === 0 ? [...defaultPortfolioColumns] : normaliseColumns(view.columns)
  return {
    state: { filters: filters.success ? filters.data : emptyPortfolioFilters, sort, columns },
    unsupported,
  }
}

/** A canonical text of a state: filter lists in sorted order, so selection order is not a change. */
function stateKey(state: PortfolioViewState): string {
  const f = state.filters
  const sorted = (values: readonly string[]) => [...values].sort()
  return JSON.stringify([
    f.search.trim(),
    sorted(f.tierIds),
    sorted(f.tierVersionIds),
    sorted(f.segments),
    sorted(f.ownerIds),
    sorted(f.healthBands),
    f.renewalWithinDays,
    f.signal,
    state.sort.field,
    state.sort.direction,
    normaliseColumns(state.columns),
  ])
}

/** Whether two states show the same rows the same way (the view menu's "unsaved changes"). */
export function sameViewState(a: PortfolioViewState, b: PortfolioViewState): boolean {
  return stateKey(a) === stateKey(b)
}
