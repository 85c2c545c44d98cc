import {
  Accordion,
  Anchor,
  Badge,
  Card,
  Group,
  Pagination,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import type { AccountDetail } from '@shared/accounts/account-queries'
import type { TicketStatus } from '@shared/model/enums'
import type { Ticket } from '@shared/model/ticket'
import { useInvoke, useInvokeKeepingPrevious } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import { HealthBadge } from './HealthBadge'

const openStatuses: TicketStatus[] = [
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
]
const TICKETS_PER_PAGE = 20

function Fact({ label, children }: { readonly label: string; readonly children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </Stack>
  )
}

function AccountHeader({ detail }: { readonly detail: AccountDetail }) {
  const format = useFormat()
  const { account, tier } = detail
  const daysLeft = detail.daysToRenewal
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={2}>{account.name}</Title>
        <HealthBadge band={account.healthBand} score={account.healthScore} />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Fact label="Tier">
          {tier === null ? 'Unknown' : `${tier.name} (version ${tier.version})`}
        </Fact>
        <Fact label="ARR">{format.money(account.arr)}</Fact>
        <Fact label="Seats">{format.number(account.seats)}</Fact>
        <Fact label="Renewal">
          {format.date(account.renewalDate)}{' '}
          <Text span size="sm" c={daysLeft < 0 ? 'red' : 'dimmed'}>
            ({daysLeft < 0 ? `${-daysLeft} days overdue` : `${daysLeft} days left`})
          </Text>
        </Fact>
        <Fact label="Owner">{detail.ownerName}</Fact>
        <Fact label="TAM">{detail.tamName ?? '—'}</Fact>
        <Fact label="Segment">{account.segment}</Fact>
        <Fact label="Open tickets">{format.number(detail.openTickets)}</Fact>
      </SimpleGrid>
    </Card>
  )
}

function Contacts({ detail }: { readonly detail: AccountDetail }) {
  return (
    <Card withBorder padding="lg">
      <Title order={3} mb="md">
        Contacts
      </Title>
      {detail.contacts.length === 0 ? (
        <Text c="dimmed">No contacts recorded for this account.</Text>
      ) : (
        <Table aria-label="Contacts">
          <Table.Tbody>
            {detail.contacts.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td fw={500}>{contact.name}</Table.Td>
                <Table.Td>{contact.title}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {contact.roles.map((role) => (
                      <Badge key={role} size="sm" variant="outline">
                        {role}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Anchor href={`mailto:${contact.email}`} size="sm">
                    {contact.email}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function Usage({ detail }: { readonly detail: AccountDetail }) {
  const format = useFormat()
  const recent = detail.usage.slice(-6)
  return (
    <Card withBorder padding="lg">
      <Title order={3} mb="md">
        Usage
      </Title>
      {recent.length === 0 ? (
        <Text c="dimmed">No usage has been recorded yet.</Text>
      ) : (
        <Table aria-label="Usage by month">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <Table.Th>Active users</Table.Th>
              <Table.Th>Seats used</Table.Th>
              <Table.Th>API calls</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recent.map((snapshot) => (
              <Table.Tr key={snapshot.id}>
                <Table.Td>{snapshot.month}</Table.Td>
                <Table.Td>{format.number(snapshot.activeUsers)}</Table.Td>
                <Table.Td>
                  {format.number(snapshot.seatsUsed)} / {format.number(snapshot.seatsContracted)}
                </Table.Td>
                <Table.Td>{format.number(snapshot.apiCalls)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function TicketHistory({ ticket }: { readonly ticket: Ticket }) {
  const format = useFormat()
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {ticket.events.map((event) => (
        <Timeline.Item
          key={event.id}
          title={`${event.type.replace(/-/g, ' ')} · ${event.actor.name}`}
        >
          <Text size="xs" c="dimmed">
            {format.dateTime(event.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  )
}

function Tickets({ accountId }: { readonly accountId: string }) {
  const format = useFormat()
  const [which, setWhich] = useState<'open' | 'all'>('open')
  const [page, setPage] = useState(1)
  const tickets = useInvokeKeepingPrevious('tickets.listByAccount', {
    accountId,
    statuses: which === 'open' ? openStatuses : [],
    offset: (page - 1) * TICKETS_PER_PAGE,
    limit: TICKETS_PER_PAGE,
  })
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={3}>Tickets</Title>
        <SegmentedControl
          aria-label="Which tickets"
          value={which}
          onChange={(value) => {
            setWhich(value === 'all' ? 'all' : 'open')
            setPage(1)
          }}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      <SectionState query={tickets}>
        {(result) =>
          result.total === 0 ? (
            <Text c="dimmed">{which === 'open' ? 'No open tickets.' : 'No tickets yet.'}</Text>
          ) : (
            <Stack>
              <Accordion variant="separated" aria-label="Tickets">
                {result.tickets.map((ticket) => (
                  <Accordion.Item key={ticket.id} value={ticket.id}>
                    <Accordion.Control>
                      <Group gap="sm" wrap="nowrap">
                        <Badge
                          color={
                            ticket.severity === 'S1'
                              ? 'red'
                              : ticket.severity === 'S2'
                                ? 'orange'
                                : 'gray'
                          }
                        >
                          {ticket.severity}
                        </Badge>
                        <Text fw={500} lineClamp={1}>
                          #{ticket.number} {ticket.subject}
                        </Text>
                        <Badge variant="light" color="gray">
                          {ticket.status}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(ticket.createdAt)}
                        </Text>
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>
                      <TicketHistory ticket={ticket} />
                    </Accordion.Panel>
                  </Accordion.Item>
                ))}
              </Accordion>
              {result.total > TICKETS_PER_PAGE && (
                <Pagination
                  total={Math.ceil(result.total / TICKETS_PER_PAGE)}
                  value={page}
                  onChange={setPage}
                  aria-label="Ticket pages"
                />
              )}
            </Stack>
          )
        }
      </SectionState>
    </Card>
  )
}

export function AccountPage({ accountId }: { readonly accountId: string }) {
  const detail = useInvoke('accounts.get', { id: accountId })
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/accounts" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> All accounts
        </Group>
      </Anchor>
      <SectionState query={detail}>
        {(current) => (
          <Stack gap="lg">
            <AccountHeader detail={current} />
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Contacts detail={current} />
              <Usage detail={current} />
            </SimpleGrid>
            <Tickets accountId={accountId} />
          </Stack>
        )}
      </SectionState>
    </Stack>
  )
}
