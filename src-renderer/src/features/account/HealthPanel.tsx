import '@mantine/charts/styles.css'
import { LineChart } from '@mantine/charts'
import { Group, Progress, Stack, Table, Text } from '@mantine/core'
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react'
import type { HealthTrend } from '@shared/engines/health/health'
import type { AccountHealthView } from '@shared/health/health-queries'
import { useInvoke } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { HealthBadge } from '../accounts/HealthBadge'
import { SectionState } from '../settings/SectionState'
import { Panel } from './Panel'

const trendWords: Readonly<Record<HealthTrend, string>> = {
  up: 'improving',
  down: 'declining',
  flat: 'steady',
}

function Trend({ view }: { readonly view: AccountHealthView }) {
  const format = useFormat()
  const Icon =
    view.trend === 'up'
      ? IconArrowUpRight
      : view.trend === 'down'
        ? IconArrowDownRight
        : IconArrowRight
  const delta = `${view.trendDelta > 0 ? '+' : ''}${format.number(view.trendDelta)}`
  return (
    <Group gap={4} data-testid="health-trend">
      <Icon size={16} aria-hidden />
      <Text size="sm">
        {trendWords[view.trend]} ({delta} points in four weeks)
      </Text>
    </Group>
  )
}

function Components({ view }: { readonly view: AccountHealthView }) {
  const format = useFormat()
  const percent = (share: number) =>
    new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 }).format(
      share,
    )
  return (
    <Table aria-label="Health components" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Component</Table.Th>
          <Table.Th>Weight</Table.Th>
          <Table.Th>Score</Table.Th>
          <Table.Th>Contribution</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {view.components.map((component) => (
          <Table.Tr key={component.key} data-testid="health-component">
            <Table.Td>
              <Text size="sm" fw={500}>
                {component.label}
              </Text>
              <Text size="xs" c="dimmed">
                {component.reason}
              </Text>
            </Table.Td>
            <Table.Td>{percent(component.weight)}</Table.Td>
            <Table.Td>
              <Progress
                value={component.score * 100}
                size="sm"
                aria-label={`${component.label} score ${percent(component.score)}`}
              />
            </Table.Td>
            <Table.Td>
              {new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 }).format(
                component.contribution,
              )}{' '}
              pts
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** Why the account scores what it does: each component's weight and points, and the weekly trend. */
export function HealthPanel({ accountId }: { readonly accountId: string }) {
  const health = useInvoke('health.forAccount', { accountId, weeks: 12 })
  return (
    <Panel title="Health breakdown" testId="health-panel">
      <SectionState query={health}>
        {(view) => (
          <Stack gap="md">
            <Group justify="space-between">
              <HealthBadge band={view.band} score={view.score} />
              <Trend view={view} />
            </Group>
            {view.weightsFrom === 'default' && (
              <Text size="xs" c="dimmed">
                No weights are set for the {view.segment} segment; every component counts equally.
              </Text>
            )}
            <Components view={view} />
            {view.history.length > 1 ? (
              <Stack gap={4} component="figure" m={0}>
                <Text size="sm" fw={500} component="figcaption">
                  Weekly health score, last {view.history.length} weeks
                </Text>
                <LineChart
                  h={180}
                  data={view.history.map((week) => ({
                    week: week.weekStart,
                    Score: week.score,
                  }))}
                  dataKey="week"
                  series={[{ name: 'Score', color: 'teal.6' }]}
                  yAxisProps={{ domain: [0, 100] }}
                />
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Not enough history for a trend yet.
              </Text>
            )}
            {view.unmeasuredTickets > 0 && (
              <Text size="xs" c="dimmed">
                {view.unmeasuredTickets} tickets were left out: their tier version or calendar is
                missing.
              </Text>
            )}
          </Stack>
        )}
      </SectionState>
    </Panel>
  )
}
