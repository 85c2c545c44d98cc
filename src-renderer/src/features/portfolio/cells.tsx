import { Badge, Group, Text, Tooltip } from '@mantine/core'
import type { PortfolioColumnId } from '@shared/portfolio/portfolio-columns'
import type { PortfolioRow } from '@shared/portfolio/portfolio-query'
import type { CellFormat } from './cell-format'
import { HealthBadge } from '../accounts/HealthBadge'
import { TrendLine } from './TrendLine'

type Format = CellFormat

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
    <Text span size="sm">
      {format.date(row.renewalDate)}{' '}
      <Text span size="xs" c={days <= 30 ? 'red.8' : 'dimmed'}>
        {when}
      </Text>
    </Text>
  )
}

function OpenHighSeverity({ row }: { readonly row: PortfolioRow }) {
  if (row.openS1 + row.openS2 === 0) {
    return (
      <Text span c="dimmed" size="sm">
        None
      </Text>
    )
  }
  return (
    <Group gap={4} wrap="nowrap">
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
    </Group>
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
      return (
        <Text span fw={500} size="sm">
          {row.name}
        </Text>
      )
    case 'tierId':
      return (
        <Text span size="sm">
          {row.tierName}
          {row.tierVersion !== null && (
            <Text span c="dimmed" size="xs">
              {' '}
              v{row.tierVersion}
            </Text>
          )}
        </Text>
      )
    case 'arrReportingMinor':
      return (
        <Text span size="sm">
          {format.money(row.arr)}
        </Text>
      )
    case 'healthScore':
      return (
        <Group gap="xs" wrap="nowrap">
          <HealthBadge band={row.healthBand} score={row.healthScore} />
          {row.healthTrend !== null && row.healthTrend.length > 1 && (
            <TrendLine scores={row.healthTrend} band={row.healthBand} />
          )}
        </Group>
      )
    case 'slaCompliance':
      return row.slaCompliance === null ? (
        <Text span c="dimmed" size="sm">
          —
        </Text>
      ) : (
        <Text span size="sm">
          {format.percent(row.slaCompliance)}
        </Text>
      )
    case 'openHighSeverity':
      return <OpenHighSeverity row={row} />
    case 'renewalDate':
      return <Renewal row={row} format={format} />
    case 'ownerId':
      return (
        <Text span size="sm">
          {row.ownerName}
        </Text>
      )
    case 'tamId':
      return (
        <Text span size="sm" c={row.tamName === null ? 'dimmed' : undefined}>
          {row.tamName ?? '—'}
        </Text>
      )
    case 'upgradeSignal':
      return row.upgradeSignal === null ? (
        <Text span c="dimmed" size="sm">
          —
        </Text>
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
      return (
        <Text span size="sm">
          {segmentLabel[row.segment]}
        </Text>
      )
    case 'seats':
      return (
        <Text span size="sm">
          {format.number(row.seats)}
        </Text>
      )
  }
}
