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
  Text,
  Timeline,
  Title,
} from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import type { TicketStatus } from '@shared/model/enums'
import type { Ticket } from '@shared/model/ticket'
import { useInvoke, useInvokeKeepingPrevious } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { AccountHeader } from '../account/AccountHeader'
import { ContactsPanel } from '../account/ContactsPanel'
import { EntitlementsPanel } from '../account/EntitlementsPanel'
import { HealthPanel } from '../account/HealthPanel'
import { TimelinePanel } from '../account/TimelinePanel'
import { UsagePanel } from '../account/UsagePanel'
import { SectionState } from '../settings/SectionState'
import { SlaPanel } from './SlaPanel'

const openStatuses: TicketStatus[] = [
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
]
const TICKETS_PER_PAGE = 20

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
              <HealthPanel accountId={accountId} />
              <EntitlementsPanel accountId={accountId} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <ContactsPanel detail={current} />
              <UsagePanel detail={current} />
            </SimpleGrid>
            <TimelinePanel accountId={accountId} />
            <SlaPanel accountId={accountId} />
            <Tickets accountId={accountId} />
          </Stack>
        )}
      </SectionState>
    </Stack>
  )
}
