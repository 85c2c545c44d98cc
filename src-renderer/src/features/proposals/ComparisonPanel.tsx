import { Badge, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { formatMoney } from '@shared/format/money'
import type { TierPrice } from '@shared/model/tier'
import type { TierSideBySide } from '@shared/proposals/proposal-queries'
import type { TierVersionRef } from '@shared/sla/sla-queries'
import { Panel } from '../account/Panel'
import { metricLabels } from '../accounts/sla-format'

function priceText(price: TierPrice | null, locale: string): string {
  if (price === null) return 'No price list in this currency'
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: price.currency }, locale, { whole: true })
  return `${money(price.perSeatMonthlyMinor)} a seat a month + ${money(price.platformFeeAnnualMinor)} a year, from ${price.minimumSeats} seats`
}

/** Current vs target tier as main compares them: SLA targets, entitlements, price. */
export function ComparisonPanel(props: {
  readonly comparison: TierSideBySide
  readonly currentTier: TierVersionRef
  readonly targetTier: TierVersionRef
  readonly locale: string
  /** The draft's target differs from the saved one: this compares the saved target. */
  readonly stale: boolean
}) {
  const { comparison, currentTier, targetTier, locale } = props
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: comparison.price.currency }, locale, { whole: true })
  const current = `${currentTier.name} (v${currentTier.version})`
  const target = `${targetTier.name} (v${targetTier.version})`
  return (
    <Panel title="Comparison" testId="comparison-panel">
      <Stack gap="md">
        {props.stale && (
          <Text size="sm" c="orange.8" role="status">
            Compares the saved target tier; save to compare the one you picked.
          </Text>
        )}
        <Title order={4}>SLA targets</Title>
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label="SLA targets compared" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Clock</Table.Th>
                <Table.Th>{current}</Table.Th>
                <Table.Th>{target}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.sla.map((row) => (
                <Table.Tr key={`${row.severity}-${row.metric}`}>
                  <Table.Td>{row.severity}</Table.Td>
                  <Table.Td>{metricLabels[row.metric]}</Table.Td>
                  <Table.Td>{row.currentText}</Table.Td>
                  <Table.Td>
                    {row.targetText}{' '}
                    {row.better && (
                      <Badge size="xs" color="teal" variant="light">
                        better
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Title order={4}>Entitlements</Title>
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label="Entitlements compared" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Entitlement</Table.Th>
                <Table.Th>{current}</Table.Th>
                <Table.Th>{target}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.entitlements.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{row.label}</Table.Td>
                  <Table.Td>{row.currentText}</Table.Td>
                  <Table.Td fw={row.changed ? 600 : undefined}>{row.targetText}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Title order={4}>Price</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {current}
            </Text>
            <Text size="sm">{priceText(comparison.price.current, locale)}</Text>
            <Text fw={600}>{money(comparison.price.currentAnnualMinor)} a year today</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {target}
            </Text>
            <Text size="sm">{priceText(comparison.price.target, locale)}</Text>
            <Text fw={600}>
              {comparison.price.proposedAnnualMinor === null
                ? 'Not priced yet'
                : `${money(comparison.price.proposedAnnualMinor)} a year proposed`}
            </Text>
          </Stack>
        </SimpleGrid>
      </Stack>
    </Panel>
  )
}
