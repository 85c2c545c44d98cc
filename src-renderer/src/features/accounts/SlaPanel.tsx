import '@mantine/charts/styles.css'
import { LineChart } from '@mantine/charts'
import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconArrowsExchange } from '@tabler/icons-react'
import { useState } from 'react'
import type { AccountSla, SlaMetricView, TicketSla } from '@shared/sla/sla-queries'
import { useFormat } from '../../components/format'
import { Panel } from '../account/Panel'
import { SectionState } from '../settings/SectionState'
import { metricLabels, formatDuration, stateColors, stateLabels } from './sla-format'
import classes from './SlaPanel.module.css'
import { SLA_MONTHS, useAccountSla, useNow, useSlaReplay } from './useAccountSla'

const BREACHES_SHOWN = 15

function percent(share: number | null, locale: string): string {
  if (share === null) return '–'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share)
}

/** One clock: its state, and for a running clock the wall-clock countdown to its breach. */
function Clock({ metric, now }: { readonly metric: SlaMetricView; readonly now: number }) {
  const format = useFormat()
  const due = metric.dueAt === null ? null : Date.parse(metric.dueAt)
  return (
    <Stack gap={2} data-testid="sla-clock" data-metric={metric.metric} data-state={metric.state}>
      <Group gap={6} wrap="nowrap">
        <Text size="xs" fw={600}>
          {metricLabels[metric.metric]}
        </Text>
        <Badge size="xs" color={stateColors[metric.state]} variant="light">
          {stateLabels[metric.state]}
        </Badge>
      </Group>
      {due !== null ? (
        <Text
          size="xs"
          className={classes.countdown}
          title={`Due ${format.dateTime(metric.dueAt ?? '')}`}
        >
          {due > now ? `breaches in ${formatDuration((due - now) / 1000, true)}` : 'due now'}
          {metric.hours === 'business' && metric.remainingSeconds !== null && (
            <Text span size="xs" c="dimmed">
              {' '}
              · {formatDuration(metric.remainingSeconds)} business time left
            </Text>
          )}
        </Text>
      ) : metric.state === 'breached' && metric.breachedAt !== null ? (
        <Text size="xs" c="dimmed">
          since {format.dateTime(metric.breachedAt)}
        </Text>
      ) : metric.state === 'paused' && metric.remainingSeconds !== null ? (
        <Text size="xs" c="dimmed">
          {formatDuration(metric.remainingSeconds)} left when it resumes
        </Text>
      ) : null}
    </Stack>
  )
}

function OpenTicket({ ticket, now }: { readonly ticket: TicketSla; readonly now: number }) {
  const clocks = ticket.metrics.filter((metric) => metric.state !== 'not-applicable')
  return (
    <div
      className={classes.ticket}
      data-state={ticket.worst}
      data-testid="sla-open-ticket"
      data-ticket-id={ticket.ticketId}
    >
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Badge
            color={ticket.severity === 'S1' ? 'red' : ticket.severity === 'S2' ? 'orange' : 'gray'}
          >
            {ticket.severity}
          </Badge>
          <Text fw={500} lineClamp={1}>
            #{ticket.number} {ticket.subject}
          </Text>
        </Group>
        <Badge variant="outline" color="gray">
          {ticket.status}
        </Badge>
      </Group>
      {clocks.length === 0 ? (
        <Text size="xs" c="dimmed">
          No SLA commitment for this severity.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {clocks.map((metric) => (
            <Clock key={metric.metric} metric={metric} now={now} />
          ))}
        </SimpleGrid>
      )}
    </div>
  )
}

function OpenTickets({ sla }: { readonly sla: AccountSla }) {
  const now = useNow()
  return (
    <Stack gap="xs">
      <Title order={4}>Open tickets</Title>
      {sla.openTickets.length === 0 ? (
        <Text c="dimmed" size="sm">
          No open tickets.
        </Text>
      ) : (
        sla.openTickets.map((ticket) => (
          <OpenTicket key={ticket.ticketId} ticket={ticket} now={now} />
        ))
      )}
    </Stack>
  )
}

function ComplianceTrend({ sla }: { readonly sla: AccountSla }) {
  const format = useFormat()
  const data = sla.compliance.map((month) => ({
    month: month.month,
    Compliance: month.metShare,
  }))
  const measured = sla.compliance.some((month) => month.metShare !== null)
  return (
    <Stack gap={4} component="figure" m={0}>
      <Text size="sm" fw={500} component="figcaption">
        Compliance by month (share of SLA metrics met, tickets opened that month)
      </Text>
      {measured ? (
        <LineChart
          h={180}
          data={data}
          dataKey="month"
          series={[{ name: 'Compliance', color: 'teal.6' }]}
          yAxisProps={{ domain: [0, 1] }}
          valueFormatter={(value) => percent(value, format.locale)}
          connectNulls
        />
      ) : (
        <Text c="dimmed" size="sm">
          No measured tickets in the last {SLA_MONTHS} months.
        </Text>
      )}
    </Stack>
  )
}

function Breaches({ sla }: { readonly sla: AccountSla }) {
  const format = useFormat()
  const [all, setAll] = useState(false)
  const shown = all ? sla.breaches : sla.breaches.slice(0, BREACHES_SHOWN)
  return (
    <Stack gap="xs">
      <Title order={4}>
        Breaches{' '}
        <Text span c="dimmed" size="sm" data-testid="sla-breach-count">
          {sla.breaches.length}
        </Text>
      </Title>
      {sla.breaches.length === 0 ? (
        <Text c="dimmed" size="sm">
          No breaches in the last {SLA_MONTHS} months.
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-label="SLA breaches" data-testid="sla-breaches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ticket</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Metric</Table.Th>
                  <Table.Th>Breached</Table.Th>
                  <Table.Th>Target</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((breach) => (
                  <Table.Tr
                    key={`${breach.ticketId}/${breach.metric}`}
                    data-ticket-id={breach.ticketId}
                    data-metric={breach.metric}
                  >
                    <Table.Td>
                      #{breach.number} {breach.subject}
                    </Table.Td>
                    <Table.Td>{breach.severity}</Table.Td>
                    <Table.Td>
                      {metricLabels[breach.metric]}
                      {breach.running && (
                        <Badge size="xs" ml={6} color="red" variant="light">
                          still open
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{format.dateTime(breach.breachedAt)}</Table.Td>
                    <Table.Td>
                      {breach.targetSeconds === null
                        ? '–'
                        : `${formatDuration(breach.targetSeconds)}${breach.hours === 'business' ? ' business' : ' 24x7'}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {sla.breaches.length > BREACHES_SHOWN && (
            <Button variant="subtle" size="xs" onClick={() => setAll(!all)} w="fit-content">
              {all ? 'Show fewer' : `Show all ${sla.breaches.length}`}
            </Button>
          )}
        </>
      )}
    </Stack>
  )
}

const changeLabels = {
  avoided: 'would not have happened',
  introduced: 'would have breached',
  'still-breached': 'still breached',
} as const

/** Avoided breaches first (the point of the comparison), then new ones. */
const changeOrder = { avoided: 0, introduced: 1, 'still-breached': 2 } as const
const CHANGES_SHOWN = 10

function Replay({ accountId, tierId }: { readonly accountId: string; readonly tierId: string }) {
  const replay = useSlaReplay(accountId, tierId)
  const format = useFormat()
  const [all, setAll] = useState(false)
  return (
    <SectionState query={replay}>
      {(result) => {
        const changed = result.rows
          .filter((row) => row.change !== 'still-breached')
          .sort((a, b) => changeOrder[a.change] - changeOrder[b.change])
        const shown = all ? changed : changed.slice(0, CHANGES_SHOWN)
        return (
          <Stack gap="xs" data-testid="sla-replay">
            <Alert
              color={result.avoided > result.introduced ? 'teal' : 'blue'}
              icon={<IconArrowsExchange />}
              title={`Replayed under ${result.tier.name} (version ${result.tier.version})`}
            >
              <Text data-testid="sla-replay-summary">
                {result.sentence.charAt(0).toUpperCase() + result.sentence.slice(1)}.
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                The same {result.tickets} tickets with their real histories, measured against{' '}
                {result.tier.name}’s targets and pause rules.
              </Text>
            </Alert>
            {changed.length > 0 && (
              <Table aria-label={`Changes under ${result.tier.name}`}>
                <Table.Tbody>
                  {shown.map((row) => (
                    <Table.Tr key={`${row.ticketId}/${row.metric}`} data-change={row.change}>
                      <Table.Td>
                        #{row.number} {row.subject}
                      </Table.Td>
                      <Table.Td>{metricLabels[row.metric]}</Table.Td>
                      <Table.Td className={classes.changed} data-change={row.change}>
                        {changeLabels[row.change]}
                        {row.change === 'introduced' && row.replayedBreachedAt !== null
                          ? ` (${format.dateTime(row.replayedBreachedAt)})`
                          : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {changed.length > CHANGES_SHOWN && (
              <Button variant="subtle" size="xs" onClick={() => setAll(!all)} w="fit-content">
                {all ? 'Show fewer changes' : `Show all ${changed.length} changes`}
              </Button>
            )}
          </Stack>
        )
      }}
    </SectionState>
  )
}

function SlaContent({ sla }: { readonly sla: AccountSla }) {
  const format = useFormat()
  const [replayTier, setReplayTier] = useState<string | null>(null)
  const own = sla.tier === null ? 'its own tier' : `${sla.tier.name} (its tier)`
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm">
          Last {SLA_MONTHS} months:{' '}
          <Text span fw={600} data-testid="sla-compliance">
            {percent(sla.totals.metShare, format.locale)}
          </Text>{' '}
          of SLA metrics met ({format.number(sla.totals.met)} met,{' '}
          {format.number(sla.totals.breached)} breached, {format.number(sla.totals.tickets)}{' '}
          tickets)
        </Text>
        <Select
          label="Measure under"
          placeholder={own}
          data={sla.replayTiers.map((tier) => ({ value: tier.tierId, label: tier.name }))}
          value={replayTier}
          onChange={setReplayTier}
          clearable
          w={220}
          description="Replay these tickets under another tier"
          data-testid="sla-replay-select"
        />
      </Group>
      {sla.unmeasured.length > 0 && (
        <Alert color="yellow" title="Some tickets could not be measured">
          {sla.unmeasured.map((ticket) => (
            <Text size="sm" key={ticket.ticketId}>
              #{ticket.number}: {ticket.reason}.
            </Text>
          ))}
        </Alert>
      )}
      {replayTier !== null && <Replay accountId={sla.accountId} tierId={replayTier} />}
      <OpenTickets sla={sla} />
      <ComplianceTrend sla={sla} />
      <Breaches sla={sla} />
    </Stack>
  )
}

/**
 * The account's SLA: open tickets with live clocks, compliance by month, the breaches behind
 * it, and the same tickets replayed under another tier. Every state and figure comes from
 * main's SLA engines; this only renders them and counts down to the due instants.
 */
export function SlaPanel({ accountId }: { readonly accountId: string }) {
  const sla = useAccountSla(accountId)
  return (
    <Panel title="SLA" testId="sla-panel">
      <SectionState query={sla}>{(data) => <SlaContent sla={data} />}</SectionState>
    </Panel>
  )
}
