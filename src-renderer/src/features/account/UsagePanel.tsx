import '@mantine/charts/styles.css'
import { BarChart, LineChart } from '@mantine/charts'
import { SimpleGrid, Stack, Text } from '@mantine/core'
import type { AccountDetail } from '@shared/accounts/account-queries'
import type { UsageSnapshot } from '@shared/model/usage'
import { useFormat } from '../../components/format'
import { Panel } from './Panel'

const MONTHS = 12
const featureColors = ['teal.6', 'blue.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7']

function Stat({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Stack>
  )
}

function Chart({
  caption,
  children,
}: {
  readonly caption: string
  readonly children: React.ReactNode
}) {
  return (
    <Stack gap={4} component="figure" m={0}>
      <Text size="sm" fw={500} component="figcaption">
        {caption}
      </Text>
      {children}
    </Stack>
  )
}

/** The snapshots' feature keys in the order they first appear, as chart series. */
function featureSeries(usage: readonly UsageSnapshot[]) {
  const features = [...new Set(usage.flatMap((s) => s.featureAdoption.map((f) => f.feature)))]
  return features.map((feature, index) => ({
    name: feature,
    color: featureColors[index % featureColors.length] ?? 'gray.6',
  }))
}

/** Active users, seats used against purchased, feature adoption and API calls, by month. */
export function UsagePanel({ detail }: { readonly detail: AccountDetail }) {
  const format = useFormat()
  const usage = detail.usage.slice(-MONTHS)
  const latest = usage.at(-1)
  if (latest === undefined) {
    return (
      <Panel title="Usage" testId="usage-panel">
        <Text c="dimmed">No usage has been recorded for this account yet.</Text>
      </Panel>
    )
  }
  const people = usage.map((s) => ({
    month: s.month,
    'Active users': s.activeUsers,
    'Seats used': s.seatsUsed,
    'Seats purchased': s.seatsContracted,
  }))
  const calls = usage.map((s) => ({ month: s.month, 'API calls': s.apiCalls }))
  const features = featureSeries(usage)
  const adoption = usage.map((s) => ({
    month: s.month,
    ...Object.fromEntries(s.featureAdoption.map((f) => [f.feature, f.share])),
  }))
  const percent = (share: number) =>
    new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 }).format(
      share,
    )
  return (
    <Panel title="Usage" testId="usage-panel">
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Stat
            label={`Active users (${latest.month})`}
            value={format.number(latest.activeUsers)}
          />
          <Stat
            label="Seats used / purchased"
            value={`${format.number(latest.seatsUsed)} / ${format.number(latest.seatsContracted)}`}
          />
          <Stat label={`API calls (${latest.month})`} value={format.number(latest.apiCalls)} />
        </SimpleGrid>
        <Chart caption={`Active users and seats, last ${usage.length} months`}>
          <LineChart
            h={200}
            data={people}
            dataKey="month"
            withLegend
            series={[
              { name: 'Active users', color: 'teal.6' },
              { name: 'Seats used', color: 'blue.6' },
              { name: 'Seats purchased', color: 'gray.6', strokeDasharray: '5 5' },
            ]}
            valueFormatter={format.number}
          />
        </Chart>
        {features.length > 0 && (
          <Chart caption="Feature adoption (share of active users)">
            <LineChart
              h={200}
              data={adoption}
              dataKey="month"
              withLegend
              series={features}
              yAxisProps={{ domain: [0, 1] }}
              valueFormatter={percent}
            />
          </Chart>
        )}
        <Chart caption="API calls per month">
          <BarChart
            h={180}
            data={calls}
            dataKey="month"
            series={[{ name: 'API calls', color: 'violet.6' }]}
            valueFormatter={format.number}
          />
        </Chart>
      </Stack>
    </Panel>
  )
}
