import {
  Badge,
  Button,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { IconEdit } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { Fragment, useState, type ReactNode } from 'react'
import { severities, slaMetrics } from '@shared/model/enums'
import type { Tier } from '@shared/model/tier'
import {
  cadenceLabels,
  channelLabels,
  coverageLabels,
  escalationRoleLabels,
  formatDuration,
  metricLabels,
  ownerRoleLabels,
  residencyLabels,
  statusLabels,
} from '@shared/tiers/labels'
import type { TierCatalogue } from '@shared/tiers/tier-queries'
import { useFormat } from '../../components/format'
import { listLabel, targetLabel } from './tier-format'
import classes from './tiers.module.css'

type Row = { readonly label: string; readonly cell: (tier: Tier) => ReactNode }
type Section = { readonly title: string; readonly rows: readonly Row[] }

function sections(currency: string, money: (minor: number, currency: string) => string): Section[] {
  const price = (tier: Tier) => tier.definition.prices.find((p) => p.currency === currency)
  return [
    {
      title: `Price (${currency})`,
      rows: [
        {
          label: 'Per seat, monthly',
          cell: (tier) => {
            const p = price(tier)
            return p === undefined ? 'not sold' : money(p.perSeatMonthlyMinor, currency)
          },
        },
        {
          label: 'Platform fee, annual',
          cell: (tier) => {
            const p = price(tier)
            return p === undefined ? '—' : money(p.platformFeeAnnualMinor, currency)
          },
        },
        { label: 'Minimum seats', cell: (tier) => price(tier)?.minimumSeats ?? '—' },
      ],
    },
    ...severities.map((severity): Section => ({
      title: `${severity} targets`,
      rows: slaMetrics.map((metric) => ({
        label: `${severity} ${metricLabels[metric]}`,
        cell: (tier) => targetLabel(tier.definition.sla[severity][metric]),
      })),
    })),
    {
      title: 'Clocks and escalation',
      rows: [
        {
          label: 'Paused while',
          cell: (tier) =>
            tier.definition.pauseRules.length === 0
              ? 'never'
              : tier.definition.pauseRules
                  .map(
                    (rule) =>
                      `${statusLabels[rule.status]}: ${listLabel(rule.metrics, metricLabels)}`,
                  )
                  .join('; '),
        },
        {
          label: 'Escalation path',
          cell: (tier) =>
            tier.definition.escalation.length === 0 ? (
              'none'
            ) : (
              <Stack gap={2}>
                {tier.definition.escalation.map((level) => (
                  <Text size="sm" key={level.level}>
                    {level.level}. {escalationRoleLabels[level.role]} after{' '}
                    {formatDuration(level.afterMinutes)} ({level.severities.join(', ')})
                  </Text>
                ))}
              </Stack>
            ),
        },
      ],
    },
    {
      title: 'Entitlements',
      rows: [
        {
          label: 'TAM hours a month',
          cell: (tier) => tier.definition.entitlements.tamHoursPerMonth,
        },
        {
          label: 'Architecture reviews a year',
          cell: (tier) => tier.definition.entitlements.architectureReviewsPerYear,
        },
        {
          label: 'Onboarding sessions',
          cell: (tier) => tier.definition.entitlements.onboardingSessions,
        },
        {
          label: 'Health checks a year',
          cell: (tier) => tier.definition.entitlements.healthChecksPerYear,
        },
        { label: 'QBRs', cell: (tier) => cadenceLabels[tier.definition.entitlements.qbrCadence] },
        { label: 'Named contacts', cell: (tier) => tier.definition.entitlements.namedContacts },
        {
          label: 'Channels',
          cell: (tier) => listLabel(tier.definition.entitlements.channels, channelLabels),
        },
        {
          label: 'Coverage',
          cell: (tier) => coverageLabels[tier.definition.entitlements.coverage],
        },
      ],
    },
    {
      title: 'Governance and privacy',
      rows: [
        {
          label: 'Onboarding owner',
          cell: (tier) => ownerRoleLabels[tier.definition.governance.owners.onboarding],
        },
        {
          label: 'QBR owner',
          cell: (tier) => ownerRoleLabels[tier.definition.governance.owners.qbr],
        },
        {
          label: 'Escalation owner',
          cell: (tier) => ownerRoleLabels[tier.definition.governance.owners.escalation],
        },
        {
          label: 'Data residency',
          cell: (tier) =>
            listLabel(tier.definition.governance.dataPrivacy.dataResidency, residencyLabels),
        },
        {
          label: 'Access reviews',
          cell: (tier) => cadenceLabels[tier.definition.governance.dataPrivacy.accessReviewCadence],
        },
        {
          label: 'Security reviews',
          cell: (tier) =>
            cadenceLabels[tier.definition.governance.dataPrivacy.securityReviewCadence],
        },
        {
          label: 'DPA included',
          cell: (tier) => (tier.definition.governance.dataPrivacy.dpaIncluded ? 'yes' : 'no'),
        },
      ],
    },
  ]
}

/** Every tier's version in force today, side by side, one row per promise. */
export function CatalogueTable({ catalogue }: { readonly catalogue: TierCatalogue }) {
  const format = useFormat()
  const navigate = useNavigate()
  const currencies = [
    ...new Set(
      catalogue.tiers.flatMap((item) => item.current.definition.prices.map((p) => p.currency)),
    ),
  ].sort()
  const [currency, setCurrency] = useState(
    currencies.includes('USD') ? 'USD' : (currencies[0] ?? 'USD'),
  )
  const money = (minor: number, code: string) =>
    format.money({ amountMinor: minor, currency: code })
  const tiers = catalogue.tiers.map((item) => item.current)

  return (
    <Stack gap="sm">
      {currencies.length > 1 && (
        <Group gap="xs">
          <Text size="sm" fw={500} id="tiers-currency-label">
            Prices in
          </Text>
          <SegmentedControl
            aria-labelledby="tiers-currency-label"
            size="xs"
            data={currencies}
            value={currency}
            onChange={setCurrency}
          />
        </Group>
      )}
      <ScrollArea type="auto">
        <Table
          className={classes.compare}
          aria-label="Tier catalogue"
          withColumnBorders
          striped={false}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <Text size="sm" c="dimmed">
                  As of {format.date(catalogue.today)}
                </Text>
              </Table.Th>
              {catalogue.tiers.map((item) => (
                <Table.Th key={item.tierId} scope="col" data-testid="tier-column">
                  <Stack gap={4}>
                    <Group gap="xs">
                      <Text fw={700}>{item.current.name}</Text>
                      {item.current.status === 'retired' && <Badge color="gray">retired</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed">
                      Version {item.current.version} · since{' '}
                      {format.date(item.current.effectiveFrom)}
                    </Text>
                    {item.latest.id !== item.current.id && (
                      <Badge variant="light" color="blue">
                        v{item.latest.version} from {format.date(item.latest.effectiveFrom)}
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed">
                      {item.accountsOnCurrent} accounts on it · {item.accountsOnOlder} on older
                      versions
                    </Text>
                    <Button
                      onClick={() =>
                        void navigate({ to: '/tiers/$tierId', params: { tierId: item.tierId } })
                      }
                      size="xs"
                      variant="light"
                      leftSection={<IconEdit size={14} />}
                    >
                      Edit {item.current.name}
                    </Button>
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sections(currency, money).map((section) => (
              <Fragment key={section.title}>
                <Table.Tr className={classes.section}>
                  <Table.Td colSpan={tiers.length + 1}>{section.title}</Table.Td>
                </Table.Tr>
                {section.rows.map((row) => (
                  <Table.Tr key={`${section.title}-${row.label}`}>
                    <Table.Th scope="row" className={classes.rowLabel}>
                      {row.label}
                    </Table.Th>
                    {tiers.map((tier) => (
                      <Table.Td key={tier.id}>{row.cell(tier)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  )
}
