import { useCallback, useMemo, useState } from 'react'
import type {
  PortfolioFilters,
  PortfolioResult,
  PortfolioRow,
  PortfolioSort,
  PortfolioWindow,
} from '@shared/portfolio/portfolio-query'
import { useInvokeEach, useInvokeKeepingPrevious } from '../../app/ipc-hooks'

/** Rows per answer: a screen shows about twenty, so one page covers several screens of scrolling. */
export const PORTFOLIO_PAGE_SIZE = 100

export const pageWindow = (page: number): PortfolioWindow => ({
  offset: page * PORTFOLIO_PAGE_SIZE,
  limit: PORTFOLIO_PAGE_SIZE,
})

/** The pages the table has on screen (and in its overscan), first to last. */
export interface PageSpan {
  readonly first: number
  readonly last: number
}

/** The view's rows in its order: one slot per matching account, undefined until its page arrives. */
export type TableRows = readonly (PortfolioRow | undefined)[]

const keepAnswers = (answers: readonly (PortfolioResult | undefined)[]) => answers

function place(slots: (PortfolioRow | undefined)[], answer: PortfolioResult) {
  answer.rows.forEach((row, index) => {
    const at = answer.offset + index
    if (at < slots.length) slots[at] = row
  })
}

/**
 * The portfolio rows page by page: the first page answers the count, the figures' sources and
 * the first screen (what a filter change waits for), and later pages are asked as the table
 * scrolls to them. While a new view's first page is on its way, the previous view's rows stay
 * on screen, its later pages included (they are still cached).
 */
export function usePortfolioRows(asked: {
  readonly filters: PortfolioFilters
  readonly sort: PortfolioSort
}) {
  const [span, setSpan] = useState<PageSpan>({ first: 0, last: 0 })
  const head = useInvokeKeepingPrevious('portfolio.list', {
    filters: asked.filters,
    sort: asked.sort,
    window: pageWindow(0),
  })
  // The view the first page on screen answers: the asked one once its answer is here.
  const [settled, setSettled] = useState(asked)
  const fresh = head.data !== undefined && !head.isPlaceholderData
  if (fresh && settled !== asked) setSettled(asked)
  const shownView = fresh ? asked : settled
  const total = head.data?.total ?? 0

  const later = useMemo(() => {
    const inputs = []
    const lastPage = Math.min(span.last, Math.ceil(total / PORTFOLIO_PAGE_SIZE) - 1)
    for (let page = Math.max(1, span.first); page <= lastPage; page++)
      inputs.push({ filters: shownView.filters, sort: shownView.sort, window: pageWindow(page) })
    return inputs
  }, [shownView, span, total])
  const answers = useInvokeEach('portfolio.list', later, keepAnswers)

  const rows = useMemo((): TableRows => {
    const first = head.data
    if (first === undefined) return []
    const slots = new Array<PortfolioRow | undefined>(first.total)
    place(slots, first)
    for (const answer of answers) if (answer !== undefined) place(slots, answer)
    return slots
  }, [head.data, answers])

  // Stable, and a no-op for the same span: the table reports it as it scrolls.
  const showPages = useCallback(
    (first: number, last: number) =>
      setSpan((previous) =>
        previous.first === first && previous.last === last ? previous : { first, last },
      ),
    [],
  )

  return { head, rows, showPages }
}
