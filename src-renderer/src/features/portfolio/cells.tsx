import { Badge, Tooltip } from '@mantine/core'
import type { PortfolioColumnId } from '@shared/portfolio/portfolio-columns'
import type { PortfolioRow } from '@shared/portfolio/portfolio-query'
import type { CellFormat } from './cell-format'
import { HealthBadge } from '../accounts/HealthBadge'
import classes from './cells.module.css'
import { TrendLine } from './TrendLine'

type Format = CellFormat

const cx = (...names: readonly (string | false | undefined)[]) => names.filter(Boolean).join(' ')

const segmentLabel: Readonly<Record<PortfolioRow['segment'], string>> = {
  smb: 'SMB',
  'mid-market': 'Mid-market',
  enterprise: 'Enterprise',
  strategic: 'Strategic',
}

function Renewal({ row, format }: { readonly row: PortfolioRow; readonly format: Format }) {
  const days = row.daysToRenewal
  const plural = (n: number) => (n === 1 ? '1 day' : `${n} days`)
  const when = days < 0 ? `${plural(-days)} overdue` : days === 0 ? 'today' : `in ${plural(days)}`
  return (
    <span className={classes.text}>
      {format.date(row.renewalDate)}{' '}
      <span className={cx(classes.small, days <= 30 ? classes.soon : classes.dimmed)}>{when}</span>
    </span>
  )
}

function OpenHighSeverity({ row }: { readonly row: PortfolioRow }) {
  if (row.openS1 + row.openS2 === 0) {
    return <span className={cx(classes.text, classes.dimmed)}>None</span>
  }
  return (
    <div className={cx(classes.inline, classes.tight)}>
      {row.openS1 > 0 && (
        <Badge color="red" variant="filled" size="sm">
          S1 × {row.openS1}
        </Badge>
      )}
      {row.openS2 > 0 && (
        <Badge color="orange" variant="light" size="sm">
          S2 × {row.openS2}
        </Badge>
      )}
    </div>
  )
}

/** What one cell of the portfolio shows; values come from main, formatting happens here. */
export function PortfolioCell({
  column,
  row,
  format,
}: {
  readonly column: PortfolioColumnId
  readonly row: PortfolioRow
  readonly format: Format
}) {
  switch (column) {
    case 'name':
      return <span className={cx(classes.text, classes.name)}>{row.name}</span>
    case 'tierId':
      return (
        <span className={classes.text}>
          {row.tierName}
          {row.tierVersion !== null && (
            <span className={cx(classes.small, classes.dimmed)}> v{row.tierVersion}</span>
          )}
        </span>
      )
    case 'arrReportingMinor':
      return <span className={classes.text}>{format.money(row.arr)}</span>
    case 'healthScore':
      return (
        <div className={classes.inline}>
          <HealthBadge band={row.healthBand} score={row.healthScore} />
          {row.healthTrend !== null && row.healthTrend.length > 1 && (
            <TrendLine scores={row.healthTrend} band={row.healthBand} />
          )}
        </div>
      )
    case 'slaCompliance':
      return row.slaCompliance === null ? (
        <span className={cx(classes.text, classes.dimmed)}>—</span>
      ) : (
        <span className={classes.text}>{format.percent(row.slaCompliance)}</span>
      )
    case 'openHighSeverity':
      return <OpenHighSeverity row={row} />
    case 'renewalDate':
      return <Renewal row={row} format={format} />
    case 'ownerId':
      return <span className={classes.text}>{row.ownerName}</span>
    case 'tamId':
      return (
        <span className={cx(classes.text, row.tamName === null && classes.dimmed)}>
          {row.tamName ?? '—'}
        </span>
      )
    case 'upgradeSignal':
      return row.upgradeSignal === null ? (
        <span className={cx(classes.text, classes.dimmed)}>—</span>
      ) : (
        <Tooltip label={row.upgradeSignal.label}>
          <Badge color="grape" variant="light" size="sm">
            {row.upgradeSignal.targetTierName === null
              ? 'Upgrade'
              : `→ ${row.upgradeSignal.targetTierName}`}
          </Badge>
        </Tooltip>
      )
    case 'segment':
      return <span className={classes.text}>{segmentLabel[row.segment]}</span>
    case 'seats':
      return <span className={classes.text}>{format.number(row.seats)}</span>
  }
}
