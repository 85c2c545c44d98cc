import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { PortfolioColumnId } from '@shared/portfolio/portfolio-columns'
import type { PortfolioFilters, PortfolioSort } from '@shared/portfolio/portfolio-query'
import {
  myBookState,
  sameViewState,
  type PortfolioViewState,
} from '@shared/portfolio/portfolio-view'
import type { ViewSummary } from '@shared/portfolio/view-inputs'
import { useQueryClient } from '@tanstack/react-query'
import { useInvoke, usePrefetchInvoke } from '../../app/ipc-hooks'
import { pageWindow, usePortfolioRows } from './usePortfolioRows'

/** The built-in view every book has; it is not stored, so it cannot be renamed or deleted. */
export const MY_BOOK_ID = 'my-book'

export interface ActiveView {
  readonly id: string
  readonly name: string
  readonly state: PortfolioViewState
  readonly summary: ViewSummary | null
}

/**
 * The portfolio screen's state: the filters, sort and columns on screen, which saved view they
 * started from, and whether they differ from it. Search text is debounced before it is asked.
 */
export function usePortfolioView() {
  const [state, setState] = useState<PortfolioViewState>(myBookState)
  const [activeId, setActiveId] = useState(MY_BOOK_ID)
  const [searchText, setSearchText] = useState('')
  const [debouncedSearch] = useDebouncedValue(searchText, 200)
  const views = useInvoke('views.list', { screen: 'portfolio' })

  const active: ActiveView = useMemo(() => {
    const summary = views.data?.find((view) => view.id === activeId) ?? null
    return summary === null
      ? { id: MY_BOOK_ID, name: 'My book', state: myBookState, summary: null }
      : { id: summary.id, name: summary.name, state: summary.state, summary }
  }, [views.data, activeId])

  // The state as asked of main: typed search text counts once it settles.
  const asked: PortfolioViewState = useMemo(
    () => ({ ...state, filters: { ...state.filters, search: debouncedSearch.trim() } }),
    [state, debouncedSearch],
  )
  const current: PortfolioViewState = useMemo(
    () => ({ ...state, filters: { ...state.filters, search: searchText.trim() } }),
    [state, searchText],
  )
  const { head: rows, rows: tableRows, showPages } = usePortfolioRows(asked)

  // The engines' figures (health trend, SLA compliance, signals) arrive after the rows: then
  // every page on screen is asked again.
  const pending = rows.data?.sources.pending === true
  const queryClient = useQueryClient()
  useEffect(() => {
    if (!pending) return
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: ['portfolio.list'] }),
      1500,
    )
    return () => clearTimeout(timer)
  }, [pending, queryClient, rows.dataUpdatedAt])

  // What was last asked, for the handlers below: they run between renders.
  const lastAsked = useRef(asked)
  useEffect(() => {
    lastAsked.current = asked
  }, [asked])
  const prefetch = usePrefetchInvoke()

  const patchFilters = useCallback(
    (patch: Partial<PortfolioFilters>) => {
      if (patch.search !== undefined) setSearchText(patch.search)
      else {
        // A click on a filter asks main at once rather than after the screen has re-rendered
        // with it; search text waits for its debounce as before.
        const { filters, sort } = lastAsked.current
        const next = { ...filters, ...patch }
        lastAsked.current = { ...lastAsked.current, filters: next }
        prefetch('portfolio.list', { filters: next, sort, window: pageWindow(0) })
      }
      setState((previous) => ({ ...previous, filters: { ...previous.filters, ...patch } }))
    },
    [prefetch],
  )

  // Stable, so the memoised table is not repainted by a change elsewhere on the screen.
  const setSort = useCallback(
    (sort: PortfolioSort) => setState((previous) => ({ ...previous, sort })),
    [],
  )

  // Stable too: the filter controls and the column chooser are memoised on their callbacks.
  const clearFilters = useCallback(() => patchFilters({ ...myBookState.filters }), [patchFilters])
  const setColumns = useCallback(
    (columns: PortfolioColumnId[]) => setState((previous) => ({ ...previous, columns })),
    [],
  )

  const apply = useCallback((view: ActiveView) => {
    setActiveId(view.id)
    setState(view.state)
    setSearchText(view.state.filters.search)
  }, [])

  return {
    state: current,
    /** The first page's answer: the count, the sources, and loading and error states. */
    rows,
    /** Every matching account's slot, filled as the table scrolls (see usePortfolioRows). */
    tableRows,
    showPages,
    views,
    active,
    dirty: !sameViewState(current, active.state),
    searchText,
    setSearchText,
    /** Also what the KPI header calls to filter the table (e.g. "renewals in 30 days"). */
    patchFilters,
    clearFilters,
    setSort,
    setColumns,
    apply,
    /** After a save, the saved view is the one on screen. */
    select: (id: string) => setActiveId(id),
  }
}

export type PortfolioView = ReturnType<typeof usePortfolioView>
