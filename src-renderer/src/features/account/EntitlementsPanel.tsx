import '@mantine/charts/styles.css'
import { BarChart } from '@mantine/charts'
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import type { LedgerFlag, LedgerLine } from '@shared/engines/ledger/ledger'
import { currentPeriodLines } from '@shared/ledger/ledger-log'
import type { EntitlementKey } from '@shared/model/ledger'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import { Panel } from './Panel'

const entitlementOptions: { value: EntitlementKey; label: string }[] = [
  { value: 'tamHours', label: 'TAM hours' },
  { value: 'architectureReview', label: 'Architecture reviews' },
  { value: 'onboardingSession', label: 'Onboarding sessions' },
  { value: 'healthCheck', label: 'Health checks' },
]
const flagLabel: Readonly<Record<LedgerFlag, string>> = {
  over: 'Over',
  under: 'Under-used',
  'on-track': 'On track',
  'not-entitled': 'Not in plan',
}
const flagColor: Readonly<Record<LedgerFlag, string>> = {
  over: 'red',
  under: 'yellow',
  'on-track': 'teal',
  'not-entitled': 'gray',
}

function LogUsageForm({ accountId }: { readonly accountId: string }) {
  const [entitlement, setEntitlement] = useState<EntitlementKey>('tamHours')
  const [quantity, setQuantity] = useState<number | string>(1)
  const [description, setDescription] = useState('')
  const log = useMutate('ledger.log')
  const hours = entitlement === 'tamHours'
  const submit = (event: FormEvent) => {
    event.preventDefault()
    log.mutate(
      {
        accountId,
        entitlement,
        quantity: typeof quantity === 'number' ? quantity : Number.NaN,
        description,
      },
      {
        onSuccess: () => {
          setDescription('')
          notifications.show({ color: 'teal', message: 'Usage logged.' })
        },
      },
    )
  }
  return (
    <form onSubmit={submit} aria-label="Log usage">
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" grow>
          <Select
            label="Entitlement"
            data={entitlementOptions}
            value={entitlement}
            allowDeselect={false}
            onChange={(value) =>
              setEntitlement(entitlementOptions.find((o) => o.value === value)?.value ?? 'tamHours')
            }
          />
          <NumberInput
            label={hours ? 'Hours' : 'Count'}
            min={hours ? 0.25 : 1}
            step={hours ? 0.25 : 1}
            decimalScale={hours ? 2 : 0}
            value={quantity}
            onChange={setQuantity}
          />
        </Group>
        <TextInput
          label="What was delivered"
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          maxLength={500}
        />
        {log.error !== null && (
          <Text size="sm" c="red" role="alert">
            {log.error.message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={log.isPending}>
            Log usage
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** TAM hours used against available, month by month, from the engine's monthly lines. */
function TamHoursChart({ lines }: { readonly lines: readonly LedgerLine[] }) {
  const format = useFormat()
  const months = lines.filter((line) => line.item === 'tamHours' && line.period.kind === 'month')
  if (months.length < 2 || months.every((line) => line.available === 0)) return null
  return (
    <Stack gap={4} component="figure" m={0}>
      <Text size="sm" fw={500} component="figcaption">
        TAM hours by month, last {months.length}
      </Text>
      <BarChart
        h={160}
        data={months.map((line) => ({
          month: line.period.label,
          Used: line.consumed,
          Available: line.available,
        }))}
        dataKey="month"
        withLegend
        series={[
          { name: 'Used', color: 'teal.7' },
          { name: 'Available', color: 'gray.5' },
        ]}
        valueFormatter={format.number}
      />
    </Stack>
  )
}

function LedgerRow({ line }: { readonly line: LedgerLine }) {
  const format = useFormat()
  const used = line.available > 0 ? Math.min(100, (line.consumed / line.available) * 100) : 0
  return (
    <Table.Tr data-testid="entitlement-line" data-item={line.item}>
      <Table.Td>
        <Text fw={500} size="sm">
          {line.label}
        </Text>
        <Text size="xs" c="dimmed">
          {line.period.label}
          {line.entitledFrom === 'custom-term' ? ' · custom term' : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="entitlement-used">
          {format.number(line.consumed)} / {format.number(line.available)}
        </Text>
        <Progress
          value={used}
          color={flagColor[line.flag]}
          size="sm"
          aria-label={`${line.label}: ${line.reason}`}
        />
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={flagColor[line.flag]}>
          {flagLabel[line.flag]}
        </Badge>
      </Table.Td>
    </Table.Tr>
  )
}

/** Premium resources used against what the signed tier (or a custom term) entitles, this period. */
export function EntitlementsPanel({ accountId }: { readonly accountId: string }) {
  const ledger = useInvoke('ledger.forAccount', { accountId })
  return (
    <Panel title="Entitlements" testId="entitlements-panel">
      <Stack gap="md">
        <SectionState query={ledger}>
          {(view) => {
            const lines = currentPeriodLines(view.lines, view.asOf)
            return lines.length === 0 ? (
              <Text c="dimmed">This account&apos;s plan has no premium resources to track.</Text>
            ) : (
              <Stack gap={4}>
                <Text size="xs" c="dimmed">
                  As signed: {view.tierName}, version {view.tierVersion}
                </Text>
                <Table aria-label="Entitlements this period" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Resource</Table.Th>
                      <Table.Th>Used / entitled</Table.Th>
                      <Table.Th miw={120}>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {lines.map((line) => (
                      <LedgerRow key={`${line.item}-${line.period.from}`} line={line} />
                    ))}
                  </Table.Tbody>
                </Table>
                <TamHoursChart lines={view.lines} />
              </Stack>
            )
          }}
        </SectionState>
        <LogUsageForm accountId={accountId} />
      </Stack>
    </Panel>
  )
}
