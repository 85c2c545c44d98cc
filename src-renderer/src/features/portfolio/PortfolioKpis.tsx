import '@mantine/charts/styles.css'
import { BarChart, DonutChart, type BarChartProps } from '@mantine/charts'
import {
  ActionIcon,
  Box,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useElementSize } from '@mantine/hooks'
import { useDeferredValue, useEffect, useState, type ReactNode } from 'react'
import type { PortfolioKpis as Kpis, TierKpis } from '@shared/kpi/kpi-queries'
import type { PortfolioFilters } from '@shared/portfolio/portfolio-query'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import classes from './PortfolioKpis.module.css'
import { kpiPeriods, usePortfolioKpis, type KpiPeriodMonths } from './usePortfolioKpis'

/** What clicking a KPI asks the table to show: a patch of its filters. */
export type KpiSelection = Partial<
  Pick<PortfolioFilters, 'tierIds' | 'healthBands' | 'renewalWithinDays'>
>

const tierColors = ['gray.6', 'blue.6', 'violet.6', 'grape.7', 'teal.6', 'orange.6']
const colorOf = (index: number) => tierColors[index % tierColors.length] ?? 'gray.6'

function KpiCard({
  title,
  help,
  children,
  testId,
}: {
  readonly title: string
  readonly help?: string
  readonly children: ReactNode
  readonly testId: string
}) {
  return (
    <Card
      withBorder
      padding="md"
      className={classes.card}
      data-testid={testId}
      component="section"
      aria-label={title}
    >
      <Group gap={4} mb="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {title}
        </Text>
        {help !== undefined && (
          <Tooltip label={help} multiline w={300} withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="xs"
              aria-label={`About ${title}: ${help}`}
            >
              <IconInfoCircle size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {children}
    </Card>
  )
}

/**
 * Charts are named as figures: the chart roots are plain elements that cannot carry a name.
 * They draw just after the screen's first paint, in the space kept for them: the charts' layout
 * took about 80 ms of the first render, which the accounts table below waited for.
 */
function ChartFigure({
  label,
  height,
  children,
}: {
  readonly label: string
  readonly height: number
  readonly children: ReactNode
}) {
  const drawn = useDeferredValue(true, false)
  return (
    <Box component="figure" m={0} aria-label={label} mih={height}>
      {drawn && children}
    </Box>
  )
}

/** A small bar chart with one bar group per tier (`tier` names it), or why there is nothing to draw. */
function TierBarChart({
  label,
  empty,
  ...chart
}: {
  readonly label: string
  readonly empty: string
} & Pick<BarChartProps, 'data' | 'series' | 'valueFormatter' | 'withLegend' | 'yAxisProps'>) {
  if (chart.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    )
  }
  return (
    <ChartFigure label={label} height={110}>
      <BarChart h={110} dataKey="tier" xAxisProps={{ interval: 0 }} {...chart} />
    </ChartFigure>
  )
}

/** A line of a card that filters the table when clicked (plain text without `onSelect`). */
function Pick({
  label,
  selection,
  onSelect,
  children,
}: {
  readonly label: string
  readonly selection: KpiSelection
  readonly onSelect: ((selection: KpiSelection) => void) | undefined
  readonly children: ReactNode
}) {
  if (onSelect === undefined) return <div>{children}</div>
  return (
    <UnstyledButton className={classes.pick} onClick={() => onSelect(selection)}>
      {children}
      {/* The visible figures name the button; this says what pressing it does. */}
      <VisuallyHidden>{label}</VisuallyHidden>
    </UnstyledButton>
  )
}

function Row({
  name,
  value,
  testId,
}: {
  readonly name: string
  readonly value: string
  readonly testId?: string
}) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Text size="sm" lineClamp={1}>
        {name}
      </Text>
      <Text size="sm" fw={600} className={classes.figure} data-testid={testId}>
        {value}
      </Text>
    </Group>
  )
}

/** Each tier's figure as a line (what a screen reader reads instead of the chart), filtering on click. */
function TierRows({
  tiers,
  value,
  onSelect,
  testId,
}: {
  readonly tiers: readonly TierKpis[]
  readonly value: (tier: TierKpis) => string
  readonly onSelect: ((selection: KpiSelection) => void) | undefined
  readonly testId: string
}) {
  return (
    <Stack gap={2} mt="xs">
      {tiers.map((tier) => (
        <Pick
          key={tier.tierId}
          label=": show these accounts in the table"
          selection={{ tierIds: [tier.tierId] }}
          onSelect={onSelect}
        >
          <Row name={tier.name} value={value(tier)} testId={`${testId}-${tier.tierId}`} />
        </Pick>
      ))}
    </Stack>
  )
}

function KpiCards({
  kpis,
  onSelect,
}: {
  readonly kpis: Kpis
  readonly onSelect: ((selection: KpiSelection) => void) | undefined
}) {
  const format = useFormat()
  const money = (amountMinor: number) => format.money({ amountMinor, currency: kpis.currency })
  const percent = (share: number | null) =>
    share === null
      ? '–'
      : new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
          share,
        )
  const tiers = kpis.tiers
  const arrSplit = tiers
    .map((tier, index) => ({ name: tier.name, value: tier.arrMinor, color: colorOf(index) }))
    .filter((slice) => slice.value > 0)
  const retention = tiers
    .filter((tier) => tier.retention !== null)
    .map((tier) => ({
      tier: tier.name,
      GRR: tier.retention?.grossRetention ?? 0,
      NRR: tier.retention?.netRetention ?? 0,
    }))
  const compliance = tiers
    .filter((tier) => tier.sla !== null)
    .map((tier) => ({ tier: tier.name, Compliance: tier.sla?.metShare ?? 0 }))
  const atRiskShare =
    kpis.total.arrMinor === 0 ? null : kpis.total.atRiskArrMinor / kpis.total.arrMinor

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      <KpiCard title="ARR by tier" testId="kpi-arr">
        <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
          <Stack gap={2}>
            <Text size="xl" fw={700} className={classes.figure} data-testid="kpi-arr-total">
              {money(kpis.total.arrMinor)}
            </Text>
            <Text size="xs" c="dimmed">
              {format.number(kpis.total.accounts)} accounts
            </Text>
          </Stack>
          {arrSplit.length > 0 && (
            <ChartFigure label="ARR split by tier" height={72}>
              <DonutChart
                data={arrSplit}
                size={72}
                thickness={12}
                withTooltip
                tooltipDataSource="segment"
                valueFormatter={money}
              />
            </ChartFigure>
          )}
        </Group>
        <Stack gap={2}>
          {tiers.map((tier) => (
            <Pick
              key={tier.tierId}
              label=": show these accounts in the table"
              selection={{ tierIds: [tier.tierId] }}
              onSelect={onSelect}
            >
              <Row
                name={`${tier.name} · ${format.number(tier.accounts)}`}
                value={money(tier.arrMinor)}
                testId={`kpi-arr-${tier.tierId}`}
              />
            </Pick>
          ))}
        </Stack>
      </KpiCard>

      <KpiCard
        title="At-risk ARR"
        help="ARR of accounts whose health band is at risk."
        testId="kpi-at-risk"
      >
        <Pick
          label=": show these accounts in the table"
          selection={{ healthBands: ['at-risk'] }}
          onSelect={onSelect}
        >
          <Text
            size="xl"
            fw={700}
            c="red"
            className={classes.figure}
            data-testid="kpi-at-risk-total"
          >
            {money(kpis.total.atRiskArrMinor)}
          </Text>
          <Text size="xs" c="dimmed">
            {percent(atRiskShare)} of ARR
          </Text>
        </Pick>
        <Stack gap={2} mt="xs">
          {tiers
            .filter((tier) => tier.atRiskArrMinor > 0)
            .map((tier) => (
              <Row key={tier.tierId} name={tier.name} value={money(tier.atRiskArrMinor)} />
            ))}
        </Stack>
      </KpiCard>

      <KpiCard
        title="Renewals"
        help="Renewal date after today and within the window."
        testId="kpi-renewals"
      >
        <Stack gap={4}>
          {kpis.renewals.map((window) => (
            <Pick
              key={window.days}
              label=": show these accounts in the table"
              selection={{ renewalWithinDays: window.days }}
              onSelect={onSelect}
            >
              <Row
                name={`${window.days} days · ${format.number(window.accounts)} accounts`}
                value={money(window.arrMinor)}
                testId={`kpi-renewals-${window.days}`}
              />
            </Pick>
          ))}
        </Stack>
      </KpiCard>

      <KpiCard title="Revenue retention by tier" help={kpis.notes.retention} testId="kpi-retention">
        <Group gap="lg" mb="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Gross
            </Text>
            <Text fw={700} className={classes.figure} data-testid="kpi-grr">
              {percent(kpis.total.retention?.grossRetention ?? null)}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Net
            </Text>
            <Text fw={700} className={classes.figure} data-testid="kpi-nrr">
              {percent(kpis.total.retention?.netRetention ?? null)}
            </Text>
          </Stack>
        </Group>
        <TierBarChart
          label="Gross and net revenue retention by tier"
          empty="No customers were signed before this period."
          data={retention}
          series={[
            { name: 'GRR', color: 'blue.6' },
            { name: 'NRR', color: 'teal.6' },
          ]}
          valueFormatter={percent}
          withLegend
        />
        <TierRows
          tiers={tiers.filter((tier) => tier.retention !== null)}
          value={(tier) =>
            `${percent(tier.retention?.grossRetention ?? null)} · ${percent(tier.retention?.netRetention ?? null)}`
          }
          onSelect={onSelect}
          testId="kpi-retention"
        />
      </KpiCard>

      <KpiCard
        title="SLA compliance by tier"
        help="Share of SLA metrics met on tickets opened in the period, under the tier version each was opened under."
        testId="kpi-sla"
      >
        <Text fw={700} className={classes.figure} data-testid="kpi-sla-total">
          {percent(kpis.total.sla?.metShare ?? null)}
          <Text span size="xs" c="dimmed" fw={400}>
            {' '}
            · {format.number(kpis.total.sla?.breached ?? 0)} breaches
          </Text>
        </Text>
        <TierBarChart
          label="SLA compliance by tier"
          empty="No tickets were opened in this period."
          data={compliance}
          series={[{ name: 'Compliance', color: 'teal.6' }]}
          valueFormatter={percent}
          yAxisProps={{ domain: [0, 1] }}
        />
        <TierRows
          tiers={tiers.filter((tier) => tier.sla !== null)}
          value={(tier) => percent(tier.sla?.metShare ?? null)}
          onSelect={onSelect}
          testId="kpi-sla"
        />
      </KpiCard>

      <KpiCard
        title="Open escalations"
        help="Open tickets that have engaged at least the first level of their tier’s escalation path."
        testId="kpi-escalations"
      >
        <Text size="xl" fw={700} className={classes.figure} data-testid="kpi-escalations-total">
          {format.number(kpis.escalations.tickets)}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          on {format.number(kpis.escalations.accounts)} accounts · S1{' '}
          {kpis.escalations.bySeverity.S1} · S2 {kpis.escalations.bySeverity.S2}
        </Text>
        <Stack gap={2}>
          {tiers
            .filter((tier) => tier.openEscalations > 0)
            .map((tier) => (
              <Pick
                key={tier.tierId}
                label=": show these accounts in the table"
                selection={{ tierIds: [tier.tierId] }}
                onSelect={onSelect}
              >
                <Row name={tier.name} value={format.number(tier.openEscalations)} />
              </Pick>
            ))}
        </Stack>
      </KpiCard>
    </SimpleGrid>
  )
}

/**
 * The portfolio's KPI header: ARR and accounts by tier, at-risk ARR, renewals, GRR/NRR and SLA
 * compliance by tier, open escalations — all computed in main. `onSelect`, when given, makes
 * tier, at-risk and renewal figures filter the table below.
 */
/** Each card's title and its height in px when loaded (a four-tier catalogue, comfortable density). */
const placeholderCards = [
  ['ARR by tier', 246],
  ['At-risk ARR', 246],
  ['Renewals', 246],
  ['Revenue retention by tier', 337],
  ['SLA compliance by tier', 337],
  ['Open escalations', 310],
] as const

/**
 * The cards' last height in this window: the figures take seconds to compute, and a header
 * that grew by 500 px when they arrived pushed the filters and table down under the user
 * (closing a filter dropdown they had just opened). Kept for the session, not stored.
 */
let lastCardsHeight: number | undefined

function KpiPlaceholder() {
  return (
    <Box
      mih={lastCardsHeight}
      role="status"
      aria-busy="true"
      aria-label="Loading the book’s figures"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {placeholderCards.map(([title, height]) => (
          <Card key={title} withBorder padding="md" mih={height} className={classes.card}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="xs">
              {title}
            </Text>
            <Skeleton height={28} width="45%" mb="sm" />
            <Skeleton height={height - 120} />
          </Card>
        ))}
      </SimpleGrid>
    </Box>
  )
}

export function PortfolioKpis({
  onSelect,
}: {
  readonly onSelect?: (selection: KpiSelection) => void
}) {
  const [months, setMonths] = useState<KpiPeriodMonths>(12)
  const kpis = usePortfolioKpis(months)
  const cards = useElementSize()
  useEffect(() => {
    if (kpis.data !== undefined && cards.height > 0) lastCardsHeight = cards.height
  }, [kpis.data, cards.height])
  return (
    <Stack gap="sm" data-testid="portfolio-kpis">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Book at a glance
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Period for retention and SLA compliance"
          value={String(months)}
          onChange={(value) => setMonths(kpiPeriods.find((m) => String(m) === value) ?? 12)}
          data={kpiPeriods.map((m) => ({ value: String(m), label: `${m} months` }))}
        />
      </Group>
      <SectionState query={kpis} loading={<KpiPlaceholder />}>
        {(data) => (
          <Box ref={cards.ref}>
            <KpiCards kpis={data} onSelect={onSelect} />
          </Box>
        )}
      </SectionState>
    </Stack>
  )
}
