import { ActionIcon, Anchor, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core'
import { IconX } from '@tabler/icons-react'
import type { ProposalEvidenceItem, ProposalEvidenceKind } from '@shared/model/proposal-content'
import { Panel } from '../account/Panel'
import classes from './proposals.module.css'

const kindLabels: Readonly<Record<ProposalEvidenceKind, string>> = {
  'prevented-breaches': 'Breaches the target tier prevents',
  'sla-breaches': 'SLA breaches',
  'seat-overage': 'Seat overage',
  'usage-growth': 'Usage growth',
  's1-volume': 'S1 volume',
  'entitlement-overuse': 'Entitlement overuse',
  'arr-band': 'ARR band',
  'health-trend': 'Health trend',
}

/** What the proposal argues from: each item with its figures and the tickets that show it. */
export function EvidencePanel(props: {
  readonly evidence: readonly ProposalEvidenceItem[]
  readonly accountId: string
  readonly locale: string
  readonly disabled: boolean
  readonly onRemove: (index: number) => void
}) {
  const number = new Intl.NumberFormat(props.locale, { maximumFractionDigits: 2 })
  return (
    <Panel title="Evidence" testId="evidence-panel">
      {props.evidence.length === 0 ? (
        <Text c="dimmed" size="sm">
          No evidence on this version. The proposal can still go out, but it argues from nothing
          Tierline measured.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" className={classes.plainList}>
          {props.evidence.map((item, index) => (
            <Card
              key={`${item.kind}-${index}`}
              withBorder
              padding="sm"
              component="li"
              data-testid="evidence-item"
            >
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Badge variant="light" w="fit-content">
                    {kindLabels[item.kind]}
                  </Badge>
                  <Text size="sm">{item.summary}</Text>
                  {item.figures.length > 0 && (
                    <Group gap="md">
                      {item.figures.map((figure) => (
                        <Text key={figure.label} size="sm">
                          <Text span c="dimmed">
                            {figure.label}:
                          </Text>{' '}
                          <Text span fw={600}>
                            {number.format(figure.value)}
                            {figure.unit === '' ? '' : ` ${figure.unit}`}
                          </Text>
                        </Text>
                      ))}
                    </Group>
                  )}
                  {item.ticketIds.length > 0 && (
                    <Anchor href={`#/accounts/${props.accountId}`} size="sm">
                      {item.ticketIds.length} {item.ticketIds.length === 1 ? 'ticket' : 'tickets'}:
                      see the account’s SLA panel
                    </Anchor>
                  )}
                </Stack>
                <Tooltip label="Leave out of this version">
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Leave out: ${item.summary}`}
                    disabled={props.disabled}
                    onClick={() => props.onRemove(index)}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Panel>
  )
}
