import { Group, Table, Text, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { portfolioColumnLabels, type PortfolioColumnId } from '@shared/portfolio/portfolio-columns'
import type { PortfolioRow, PortfolioSort } from '@shared/portfolio/portfolio-query'
import { useCellFormat, type CellFormat } from './cell-format'
import { PortfolioCell } from './cells'
import classes from './PortfolioTable.module.css'
import { sameRow } from './same-row'
import { PORTFOLIO_PAGE_SIZE, type TableRows } from './usePortfolioRows'

/** Row height in px at comfortable density; the virtualiser measures real rows anyway. */
const ESTIMATED_ROW_PX = 44

const columnWidth: Readonly<Record<PortfolioColumnId, string>> = {
  name: '15rem',
  tierId: '9rem',
  arrReportingMinor: '8rem',
  healthScore: '14rem',
  slaCompliance: '8rem',
  openHighSeverity: '8rem',
  renewalDate: '14rem',
  ownerId: '10rem',
  tamId: '10rem',
  upgradeSignal: '8rem',
  segment: '8rem',
  seats: '6rem',
}

function SortHeader(props: {
  readonly column: PortfolioColumnId
  readonly sort: PortfolioSort
  readonly onSort: (sort: PortfolioSort) => void
}) {
  const active = props.sort.field === props.column
  const Icon = !active ? IconSelector : props.sort.direction === 'asc' ? IconArrowUp : IconArrowDown
  const next = active && props.sort.direction === 'asc' ? 'desc' : 'asc'
  return (
    <Table.Th
      w={columnWidth[props.column]}
      aria-sort={active ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        className={classes.sort}
        onClick={() => props.onSort({ field: props.column, direction: next })}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {portfolioColumnLabels[props.column]}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

const pageKeys: Readonly<Record<string, number>> = { PageDown: 10, PageUp: -10 }

/** Mantine's own cell classes on a plain <td>: Table.Td adds a component per cell and nothing else. */
const cellClass = `${Table.classes.td ?? ''} mantine-Table-td`

interface AccountRowProps {
  readonly row: PortfolioRow
  readonly index: number
  readonly tabStop: boolean
  readonly columns: readonly PortfolioColumnId[]
  readonly format: CellFormat
  readonly measure: (node: HTMLTableRowElement | null) => void
  readonly onOpen: (accountId: string) => void
  readonly onFocusRow: (accountId: string, index: number) => void
}

/**
 * One account's row. Memoised on what it shows: a refetch, a sort or a filter that keeps the
 * account answers with an equal row as a new object, and repainting it would cost as much as a
 * new row.
 */
const AccountRow = memo(
  function AccountRow(props: AccountRowProps) {
    const { row, index, tabStop, columns, format, measure, onOpen, onFocusRow } = props
    return (
      <Table.Tr
        ref={measure}
        data-index={index}
        aria-rowindex={index + 2}
        tabIndex={tabStop ? 0 : -1}
        className={classes.row}
        data-testid="account-row"
        onClick={() => onOpen(row.id)}
        onFocus={() => onFocusRow(row.id, index)}
      >
        {columns.map((column) => (
          <td key={column} className={cellClass}>
            <PortfolioCell column={column} row={row} format={format} />
          </td>
        ))}
      </Table.Tr>
    )
  },
  (a, b) =>
    a.index === b.index &&
    a.tabStop === b.tabStop &&
    a.columns === b.columns &&
    a.format === b.format &&
    a.measure === b.measure &&
    a.onOpen === b.onOpen &&
    a.onFocusRow === b.onFocusRow &&
    sameRow(a.row, b.row),
)

/** A row whose page has not arrived yet: it holds the row's place, height and position. */
function LoadingRow(props: {
  readonly index: number
  readonly tabStop: boolean
  readonly span: number
  readonly measure: (node: HTMLTableRowElement | null) => void
}) {
  const { index, tabStop, span, measure } = props
  return (
    <Table.Tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      aria-busy
      tabIndex={tabStop ? 0 : -1}
      className={classes.row}
      data-testid="account-row-loading"
    >
      <td className={cellClass} colSpan={span}>
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      </td>
    </Table.Tr>
  )
}

/**
 * The portfolio table: only the rows in view are in the DOM (2,000 rows scroll smoothly), the
 * table keeps its semantics (spacer rows stand in for the rest; aria-rowindex tells assistive
 * technology where each row sits), and one row at a time is in the tab order: arrows, Page
 * Up/Down, Home and End move it, Enter opens the account.
 */
export const PortfolioTable = memo(function PortfolioTable(props: {
  /** Every matching account's slot in order; undefined while its page is on its way. */
  readonly rows: TableRows
  readonly columns: readonly PortfolioColumnId[]
  readonly sort: PortfolioSort
  readonly onSort: (sort: PortfolioSort) => void
  readonly onOpen: (accountId: string) => void
  /** The pages of rows in view, so they are asked for as the table scrolls. */
  readonly onShowPages: (first: number, last: number) => void
}) {
  const format = useCellFormat()
  const scroller = useRef<HTMLDivElement>(null)
  // The focused row is remembered by account, so refreshed rows (new figures, another sort)
  // keep the focus on the same account; when it is filtered out, the first row takes it. A row
  // moved to before its page arrived is remembered by position.
  const [focus, setFocus] = useState<{ id: string | null; index: number }>({ id: null, index: 0 })
  const pendingFocus = useRef(false)
  const { rows, columns, onShowPages } = props
  const byId = focus.id === null ? -1 : rows.findIndex((row) => row?.id === focus.id)
  const focused =
    byId >= 0 ? byId : focus.id === null ? Math.min(focus.index, Math.max(0, rows.length - 1)) : 0
  const onFocusRow = useCallback((id: string, index: number) => setFocus({ id, index }), [])
  // The virtualiser re-renders this component itself and nothing here memoises its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 12,
    getItemKey: (index) => rows[index]?.id ?? index,
  })

  useEffect(() => {
    if (!pendingFocus.current) return
    const row = scroller.current?.querySelector<HTMLElement>(`tr[data-index="${focused}"]`)
    if (row === null || row === undefined) return
    // A row moved to before its page arrived is a placeholder, replaced when the page comes:
    // the focus follows to the real row unless the user has taken it elsewhere meanwhile.
    const active = document.activeElement
    const here = active === null || active === document.body || scroller.current?.contains(active)
    if (here === true) row.focus({ preventScroll: true })
    if (here !== true || rows[focused] !== undefined) pendingFocus.current = false
  })

  const move = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index))
    pendingFocus.current = true
    setFocus({ id: rows[next]?.id ?? null, index: next })
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const step =
      event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : (pageKeys[event.key] ?? 0)
    if (step !== 0) move(focused + step)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(rows.length - 1)
    else if (event.key === 'Enter') {
      const row = rows[focused]
      if (row !== undefined) props.onOpen(row.id)
    } else return
    event.preventDefault()
  }

  const items = virtualizer.getVirtualItems()
  const firstPage = Math.floor((items[0]?.index ?? 0) / PORTFOLIO_PAGE_SIZE)
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PORTFOLIO_PAGE_SIZE)
  useEffect(() => onShowPages(firstPage, lastPage), [onShowPages, firstPage, lastPage])
  // The focused row may have scrolled out of the DOM: then the first row in view takes the tab
  // stop, so Tab always reaches the table.
  const tabStop = items.some((item) => item.index === focused) ? focused : (items[0]?.index ?? 0)
  const before = items[0]?.start ?? 0
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)

  return (
    <div ref={scroller} className={classes.scroller} data-testid="portfolio-scroller">
      <Table
        className={classes.table}
        highlightOnHover
        aria-label="Accounts"
        aria-rowcount={rows.length + 1}
      >
        <Table.Thead className={classes.head}>
          <Table.Tr aria-rowindex={1}>
            {columns.map((column) => (
              <SortHeader key={column} column={column} sort={props.sort} onSort={props.onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody onKeyDown={onKeyDown}>
          {before > 0 && (
            <Table.Tr className={classes.spacer} aria-hidden>
              <Table.Td colSpan={columns.length} h={before} />
            </Table.Tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]
            if (row === undefined)
              return (
                <LoadingRow
                  key={item.key}
                  index={item.index}
                  tabStop={item.index === tabStop}
                  span={columns.length}
                  measure={virtualizer.measureElement}
                />
              )
            return (
              <AccountRow
                key={item.key}
                row={row}
                index={item.index}
                tabStop={item.index === tabStop}
                columns={columns}
                format={format}
                measure={virtualizer.measureElement}
                onOpen={props.onOpen}
                onFocusRow={onFocusRow}
              />
            )
          })}
          {after > 0 && (
            <Table.Tr className={classes.spacer} aria-hidden>
              <Table.Td colSpan={columns.length} h={after} />
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  )
})
