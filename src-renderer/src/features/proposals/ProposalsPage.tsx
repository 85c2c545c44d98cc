import {
  ActionIcon,
  Anchor,
  Badge,
  Card,
  Center,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArchive, IconArrowBackUp, IconCopy, IconSearch } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { formatMoney } from '@shared/format/money'
import { proposalStatuses, type ProposalStatus } from '@shared/model/proposal'
import type { ProposalListItem } from '@shared/proposals/proposal-queries'
import { statusLabels } from '@shared/proposals/status-machine'
import { useInvoke, useInvokeKeepingPrevious } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import { StatusBadge } from './StatusBadge'
import { useProposalActions } from './useProposalActions'

const isStatus = (value: string | null): value is ProposalStatus =>
  value !== null && (proposalStatuses as readonly string[]).includes(value)

function ageText(days: number): string {
  if (days <= 0) return 'today'
  return days === 1 ? '1 day' : `${days} days`
}

function ProposalRow(props: {
  readonly item: ProposalListItem
  readonly actions: ReturnType<typeof useProposalActions>
}) {
  const { item, actions } = props
  const { locale } = useFormat()
  return (
    <Table.Tr data-testid="proposal-row" data-proposal-id={item.id}>
      <Table.Td>
        <Anchor href={`#/proposals/${item.id}`} fw={600}>
          {item.title}
        </Anchor>
        <Text size="xs" c="dimmed">
          Version {item.currentVersion}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor href={`#/accounts/${item.accountId}`}>{item.accountName}</Anchor>
      </Table.Td>
      <Table.Td>
        {item.fromTierName} → {item.toTierName}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={item.status} />
          {item.needsApproval && (
            <Badge color="orange" variant="outline" size="sm">
              Needs approval
            </Badge>
          )}
          {item.archived && (
            <Badge color="gray" variant="outline" size="sm">
              Archived
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td ta="right">
        {formatMoney({ amountMinor: item.annualValueMinor, currency: item.currency }, locale, {
          whole: true,
        })}
      </Table.Td>
      <Table.Td>{ageText(item.ageDays)}</Table.Td>
      <Table.Td>{item.ownerName}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Tooltip label="Duplicate as a new draft">
            <ActionIcon
              variant="subtle"
              aria-label={`Duplicate ${item.title}`}
              loading={actions.duplicating === item.id}
              onClick={() => actions.duplicate(item)}
            >
              <IconCopy size={16} />
            </ActionIcon>
          </Tooltip>
          {item.archived ? (
            <Tooltip label="Restore to the list">
              <ActionIcon
                variant="subtle"
                aria-label={`Restore ${item.title}`}
                loading={actions.archiving === item.id}
                onClick={() => actions.unarchive(item)}
              >
                <IconArrowBackUp size={16} />
              </ActionIcon>
            </Tooltip>
          ) : (
            <Tooltip label="Archive (you can undo)">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Archive ${item.title}`}
                loading={actions.archiving === item.id}
                onClick={() => actions.archive(item)}
              >
                <IconArchive size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

/** Every proposal in the workspace: filter by status, owner or words; open, duplicate, archive. */
export function ProposalsPage() {
  const [status, setStatus] = useState<ProposalStatus | null>(null)
  const [ownerId, setOwnerId] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [includeArchived, setIncludeArchived] = useState(false)
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200)
  const owners = useInvoke('accounts.filterOptions').data?.owners ?? []
  const list = useInvokeKeepingPrevious('proposals.list', {
    status,
    ownerId,
    search: debouncedSearch,
    includeArchived,
  })
  const actions = useProposalActions()
  const filtered = status !== null || ownerId !== null || debouncedSearch !== ''

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>Proposals</Title>
        {list.data !== undefined && (
          <Text c="dimmed" data-testid="proposals-total">
            {list.data.total} {list.data.total === 1 ? 'proposal' : 'proposals'}
          </Text>
        )}
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter proposals">
        <TextInput
          label="Search"
          placeholder="Title or account"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={proposalStatuses.map((value) => ({ value, label: statusLabels[value] }))}
          value={status}
          onChange={(value) => setStatus(isStatus(value) ? value : null)}
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          clearable
          searchable
          data={owners.map((owner) => ({ value: owner.value, label: owner.label }))}
          value={ownerId}
          onChange={setOwnerId}
        />
        <Switch
          label="Show archived"
          checked={includeArchived}
          onChange={(event) => setIncludeArchived(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <SectionState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Center p="xl">
              <Stack align="center" gap="xs">
                <Text c="dimmed">
                  {filtered
                    ? 'No proposal matches these filters.'
                    : 'No proposals yet. Start one from an upgrade signal in Alerts, or with “New proposal” on an account.'}
                </Text>
                {!filtered && (
                  <Anchor component={Link} to="/alerts">
                    Go to Alerts
                  </Anchor>
                )}
              </Stack>
            </Center>
          ) : (
            <Card withBorder padding={0}>
              <Table.ScrollContainer minWidth={900}>
                <Table highlightOnHover aria-label="Proposals" aria-busy={list.isFetching}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Proposal</Table.Th>
                      <Table.Th>Account</Table.Th>
                      <Table.Th>Tiers</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th ta="right">Value a year</Table.Th>
                      <Table.Th>Age</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((item) => (
                      <ProposalRow key={item.id} item={item} actions={actions} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )
        }
      </SectionState>
    </Stack>
  )
}
