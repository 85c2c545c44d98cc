import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Menu,
  Pagination,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconBellZ, IconCheck, IconChevronDown } from '@tabler/icons-react'
import { useState } from 'react'
import { alertGroups, type AlertGroup, type InboxAlert } from '@shared/alerts/inbox'
import type { Alert } from '@shared/model/alert'
import { useInvokeKeepingPrevious } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { StartProposalButton } from '../proposals/StartProposalButton'
import { SectionState } from '../settings/SectionState'
import classes from './AlertsPage.module.css'
import { snoozeChoices } from './snooze-options'
import { useAlertActions, type AlertActions } from './useAlertActions'

const PAGE_SIZE = 50
const tabs = ['all', ...alertGroups] as const
const isTab = (value: string): value is (typeof tabs)[number] =>
  (tabs as readonly string[]).includes(value)

const groupLabels: Readonly<Record<'all' | AlertGroup, string>> = {
  all: 'All',
  risk: 'Risk',
  upgrade: 'Upgrades',
  'check-in': 'Check-ins',
}

const kindLabels: Readonly<Record<Alert['kind'], string>> = {
  'sla-at-risk': 'SLA at risk',
  'sla-breach': 'SLA breach',
  escalation: 'Escalation',
  renewal: 'Renewal',
  'health-drop': 'Health drop',
  'upgrade-signal': 'Upgrade signal',
  'entitlement-overuse': 'Entitlement overuse',
  reminder: 'Check-in',
}

const severityColor: Readonly<Record<Alert['severity'], string>> = {
  critical: 'red',
  warning: 'orange',
  info: 'blue',
}

function SnoozeMenu({ alert, actions }: { readonly alert: Alert; readonly actions: AlertActions }) {
  const [date, setDate] = useState('')
  const run = (until: Date) => actions.snooze(alert, until)
  return (
    <Menu position="bottom-end" closeOnItemClick>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconBellZ size={14} />}
          rightSection={<IconChevronDown size={14} />}
          loading={actions.pendingSnooze === alert.id}
        >
          Snooze
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {snoozeChoices(new Date()).map((choice) => (
          <Menu.Item key={choice.label} onClick={() => run(choice.until)}>
            {choice.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <form
          className={classes.until}
          onSubmit={(event) => {
            event.preventDefault()
            if (date !== '') run(new Date(`${date}T09:00:00`))
          }}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              type="date"
              size="xs"
              label="Until a date"
              value={date}
              onChange={(event) => setDate(event.currentTarget.value)}
            />
            <Button size="xs" type="submit" disabled={date === ''}>
              Snooze
            </Button>
          </Group>
        </form>
      </Menu.Dropdown>
    </Menu>
  )
}

function AlertRow({
  item,
  actions,
}: {
  readonly item: InboxAlert
  readonly actions: AlertActions
}) {
  const format = useFormat()
  const { alert } = item
  const overdue = item.overdue
  return (
    <Card
      withBorder
      padding="sm"
      component="li"
      data-testid="alert"
      data-alert-id={alert.id}
      aria-label={alert.title}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={severityColor[alert.severity]} variant="light" size="sm">
              {alert.severity}
            </Badge>
            <Text size="xs" c="dimmed">
              {kindLabels[alert.kind]}
            </Text>
            <Text size="xs" c={overdue ? 'red.8' : 'dimmed'}>
              {overdue ? 'Overdue since' : 'Due'} {format.dateTime(alert.dueAt)}
            </Text>
          </Group>
          <Text fw={600}>{alert.title}</Text>
          <Anchor href={`#/accounts/${alert.accountId}`} size="sm">
            Open {item.accountName}
          </Anchor>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {alert.kind === 'upgrade-signal' && (
            <StartProposalButton
              accountId={alert.accountId}
              alertId={alert.id}
              label="Start proposal"
              size="xs"
            />
          )}
          <SnoozeMenu alert={alert} actions={actions} />
          <Button
            size="xs"
            variant="light"
            leftSection={<IconCheck size={14} />}
            loading={actions.pendingDone === alert.id}
            onClick={() => actions.markDone(alert)}
          >
            Done
          </Button>
        </Group>
      </Group>
    </Card>
  )
}

/** The alerts inbox: risk, upgrade reminders and check-ins due, most urgent first. */
export function AlertsPage() {
  const [group, setGroup] = useState<'all' | AlertGroup>('all')
  const [page, setPage] = useState(1)
  const inbox = useInvokeKeepingPrevious('alerts.list', {
    group,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  })
  const counts = inbox.data?.counts
  const actions = useAlertActions()
  return (
    <Stack gap="lg">
      <Title order={2}>Alerts</Title>
      <SegmentedControl
        aria-label="Kind of alert"
        value={group}
        onChange={(value) => {
          if (!isTab(value)) return
          setGroup(value)
          setPage(1)
        }}
        data={tabs.map((value) => ({
          value,
          label:
            counts === undefined ? groupLabels[value] : `${groupLabels[value]} (${counts[value]})`,
        }))}
        w="fit-content"
      />
      <SectionState query={inbox}>
        {(data) =>
          data.alerts.length === 0 ? (
            <Center p="xl">
              <Text c="dimmed">Nothing needs you here right now.</Text>
            </Center>
          ) : (
            <Stack gap="xs" component="ul" className={classes.list} aria-label="Open alerts">
              {data.alerts.map((item) => (
                <AlertRow key={item.alert.id} item={item} actions={actions} />
              ))}
            </Stack>
          )
        }
      </SectionState>
      {inbox.data !== undefined && inbox.data.total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(inbox.data.total / PAGE_SIZE)}
          value={page}
          onChange={setPage}
          aria-label="Pages"
        />
      )}
    </Stack>
  )
}
