import {
  Card,
  Center,
  Group,
  MultiSelect,
  Pagination,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowDown, IconArrowUp, IconSearch, IconSelector } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { AccountSortField } from '@shared/accounts/account-queries'
import { useInvoke, useInvokeKeepingPrevious } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import classes from './AccountsPage.module.css'
import { HealthBadge } from './HealthBadge'

const PAGE_SIZE = 50
const renewalWindows = [
  { value: 'any', label: 'Any renewal' },
  { value: '30', label: '30 days' },
  { value: '60', label: '60 days' },
  { value: '90', label: '90 days' },
]

function SortHeader(props: {
  readonly field: AccountSortField
  readonly label: string
  readonly sort: { field: AccountSortField; direction: 'asc' | 'desc' }
  readonly onSort: (field: AccountSortField) => void
}) {
  const active = props.sort.field === props.field
  const Icon = !active ? IconSelector : props.sort.direction === 'asc' ? IconArrowUp : IconArrowDown
  return (
    <Table.Th
      aria-sort={active ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => props.onSort(props.field)} className={classes.sort}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {props.label}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

export function AccountsPage() {
  const navigate = useNavigate()
  const format = useFormat()
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search, 200)
  const [tierIds, setTierIds] = useState<string[]>([])
  const [ownerIds, setOwnerIds] = useState<string[]>([])
  const [renewal, setRenewal] = useState('any')
  const [sort, setSort] = useState<{ field: AccountSortField; direction: 'asc' | 'desc' }>({
    field: 'name',
    direction: 'asc',
  })
  const [page, setPage] = useState(1)
  const options = useInvoke('accounts.filterOptions')
  const accounts = useInvokeKeepingPrevious('accounts.list', {
    search: debouncedSearch,
    tierIds,
    ownerIds,
    renewalWithinDays: renewal === 'any' ? null : Number(renewal),
    sort,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  })
  const onSort = (field: AccountSortField) => {
    setSort((current) => ({
      field,
      direction: current.field === field && current.direction === 'asc' ? 'desc' : 'asc',
    }))
    setPage(1)
  }
  const open = (id: string) =>
    void navigate({ to: '/accounts/$accountId', params: { accountId: id } })

  return (
    <Stack gap="lg">
      <Title order={2}>Accounts</Title>
      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="Account name"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value)
            setPage(1)
          }}
          w={260}
        />
        <MultiSelect
          label="Tier"
          placeholder={tierIds.length === 0 ? 'All tiers' : undefined}
          data={options.data?.tiers ?? []}
          value={tierIds}
          onChange={(value) => {
            setTierIds(value)
            setPage(1)
          }}
          clearable
          w={260}
        />
        <MultiSelect
          label="Owner"
          placeholder={ownerIds.length === 0 ? 'Everyone' : undefined}
          data={options.data?.owners ?? []}
          value={ownerIds}
          onChange={(value) => {
            setOwnerIds(value)
            setPage(1)
          }}
          searchable
          clearable
          w={260}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="renewal-label">
            Renewing within
          </Text>
          <SegmentedControl
            aria-labelledby="renewal-label"
            data={renewalWindows}
            value={renewal}
            onChange={(value) => {
              setRenewal(value)
              setPage(1)
            }}
          />
        </Stack>
      </Group>
      <Card withBorder padding={0}>
        <SectionState query={accounts}>
          {(result) =>
            result.total === 0 ? (
              <Center p="xl">
                <Text c="dimmed">No accounts match these filters.</Text>
              </Center>
            ) : (
              <Table highlightOnHover stickyHeader aria-label="Accounts">
                <Table.Thead>
                  <Table.Tr>
                    <SortHeader field="name" label="Account" sort={sort} onSort={onSort} />
                    <Table.Th>Tier</Table.Th>
                    <SortHeader field="arr" label="ARR" sort={sort} onSort={onSort} />
                    <SortHeader field="healthScore" label="Health" sort={sort} onSort={onSort} />
                    <SortHeader field="seats" label="Seats" sort={sort} onSort={onSort} />
                    <SortHeader field="renewalDate" label="Renewal" sort={sort} onSort={onSort} />
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>TAM</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.rows.map((row) => (
                    <Table.Tr
                      key={row.id}
                      tabIndex={0}
                      className={classes.row}
                      onClick={() => open(row.id)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') open(row.id)
                      }}
                      data-testid="account-row"
                    >
                      <Table.Td fw={500}>{row.name}</Table.Td>
                      <Table.Td>
                        {row.tierName}
                        {row.tierVersion !== null && (
                          <Text span c="dimmed" size="xs">
                            {' '}
                            v{row.tierVersion}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{format.money(row.arr)}</Table.Td>
                      <Table.Td>
                        <HealthBadge band={row.healthBand} score={row.healthScore} />
                      </Table.Td>
                      <Table.Td>{format.number(row.seats)}</Table.Td>
                      <Table.Td>{format.date(row.renewalDate)}</Table.Td>
                      <Table.Td>{row.ownerName}</Table.Td>
                      <Table.Td>{row.tamName ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </SectionState>
      </Card>
      {accounts.data !== undefined && accounts.data.total > PAGE_SIZE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="accounts-total">
            {format.number(accounts.data.total)} accounts
          </Text>
          <Pagination
            total={Math.ceil(accounts.data.total / PAGE_SIZE)}
            value={page}
            onChange={setPage}
            aria-label="Pages"
          />
        </Group>
      )}
      {accounts.data !== undefined && accounts.data.total <= PAGE_SIZE && (
        <Text size="sm" c="dimmed" data-testid="accounts-total">
          {format.number(accounts.data.total)} accounts
        </Text>
      )}
    </Stack>
  )
}
