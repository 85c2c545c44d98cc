import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { AccountDetail } from '@shared/accounts/account-queries'
import { useInvoke } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { HealthBadge } from '../accounts/HealthBadge'
import { StartProposalButton } from '../proposals/StartProposalButton'
import classes from './account.module.css'

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} className={classes.factLabel}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </Stack>
  )
}

/** Who the account is and where it stands: tier and signed version, money, renewal, people, health. */
export function AccountHeader({ detail }: { readonly detail: AccountDetail }) {
  const format = useFormat()
  const { account, tier } = detail
  const daysLeft = detail.daysToRenewal
  // The health engine's score, as the breakdown panel (same query) and the portfolio show it;
  // the score stored on the account only until it arrives.
  const health = useInvoke('health.forAccount', { accountId: account.id, weeks: 12 })
  return (
    <Card withBorder padding="lg" component="section" aria-label="Account summary">
      <Group justify="space-between" mb="md">
        <Title order={2}>{account.name}</Title>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {account.domain}
          </Text>
          <StartProposalButton accountId={account.id} label="New proposal" />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
        <Fact label="Tier">
          {tier === null ? 'Unknown' : `${tier.name} (version ${tier.version})`}
        </Fact>
        <Fact label="ARR">{format.money(account.arr)}</Fact>
        <Fact label="Seats">{format.number(account.seats)}</Fact>
        <Fact label="Renewal">
          {format.date(account.renewalDate)}{' '}
          <Text span size="sm" c={daysLeft < 0 ? 'red' : 'dimmed'} data-testid="renewal-days">
            ({daysLeft < 0 ? `${-daysLeft} days overdue` : `${daysLeft} days left`})
          </Text>
        </Fact>
        <Fact label="Health">
          <span data-testid="header-health">
            <HealthBadge
              band={health.data?.band ?? account.healthBand}
              score={health.data?.score ?? account.healthScore}
            />
          </span>
        </Fact>
        <Fact label="Owner">{detail.ownerName}</Fact>
        <Fact label="TAM">{detail.tamName ?? '—'}</Fact>
        <Fact label="Segment">{account.segment}</Fact>
        <Fact label="Open tickets">{format.number(detail.openTickets)}</Fact>
      </SimpleGrid>
    </Card>
  )
}
