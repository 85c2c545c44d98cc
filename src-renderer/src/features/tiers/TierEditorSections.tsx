import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { currencyDigits } from '@shared/format/money'
import {
  cadenceSchema,
  channelSchema,
  severities,
  slaMetrics,
  type Severity,
  type SlaMetric,
  type TicketStatus,
} from '@shared/model/enums'
import {
  entitlementsSchema,
  escalationRoleSchema,
  governanceSchema,
  ownerRoleSchema,
  type SlaTarget,
} from '@shared/model/tier'
import {
  cadenceLabels,
  channelLabels,
  coverageLabels,
  escalationRoleLabels,
  metricLabels,
  ownerRoleLabels,
  residencyLabels,
  statusLabels,
} from '@shared/tiers/labels'
import type { FieldErrors } from './field-errors'
import { numberOf, type TierDraft, type UpdateDraft } from './tier-draft'
import classes from './tiers.module.css'

interface SectionProps {
  readonly draft: TierDraft
  readonly update: UpdateDraft
  /** Errors under `definition.` */
  readonly errors: FieldErrors
}

const options = (values: readonly string[], labels: Readonly<Record<string, string>>) =>
  values.map((value) => ({ value, label: labels[value] ?? value }))

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export function PricesSection({ draft, update, errors }: SectionProps) {
  return (
    <Stack gap="xs">
      <Title order={4}>Prices</Title>
      <Table aria-label="Prices">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Currency</Table.Th>
            <Table.Th>Per seat, monthly</Table.Th>
            <Table.Th>Platform fee, annual</Table.Th>
            <Table.Th>Minimum seats</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.definition.prices.map((price, index) => {
            const digits = currencyDigits(price.currency)
            const major = (minor: number) => minor / 10 ** digits
            const minor = (value: number | string) => Math.round(numberOf(value) * 10 ** digits)
            return (
              <Table.Tr key={price.currency}>
                <Table.Td>{price.currency}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${price.currency} price per seat a month`}
                    value={major(price.perSeatMonthlyMinor)}
                    decimalScale={digits}
                    min={0}
                    error={errors.under(`prices.${index}.perSeatMonthlyMinor`)}
                    onChange={(value) =>
                      update((d) => {
                        const target = d.definition.prices[index]
                        if (target !== undefined) target.perSeatMonthlyMinor = minor(value)
                      })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${price.currency} platform fee a year`}
                    value={major(price.platformFeeAnnualMinor)}
                    decimalScale={digits}
                    min={0}
                    error={errors.under(`prices.${index}.platformFeeAnnualMinor`)}
                    onChange={(value) =>
                      update((d) => {
                        const target = d.definition.prices[index]
                        if (target !== undefined) target.platformFeeAnnualMinor = minor(value)
                      })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${price.currency} minimum seats`}
                    value={price.minimumSeats}
                    allowDecimal={false}
                    min={0}
                    error={errors.under(`prices.${index}.minimumSeats`)}
                    onChange={(value) =>
                      update((d) => {
                        const target = d.definition.prices[index]
                        if (target !== undefined) target.minimumSeats = numberOf(value)
                      })
                    }
                  />
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

function TargetInput(props: {
  readonly severity: Severity
  readonly metric: SlaMetric
  readonly target: SlaTarget | null
  readonly onChange: (target: SlaTarget | null) => void
  readonly error: string | undefined
}) {
  const label = `${props.severity} ${metricLabels[props.metric]}`
  const { target } = props
  return (
    <Stack gap={4} className={classes.targetCell}>
      <Checkbox
        label="Committed"
        aria-label={`${label} committed`}
        checked={target !== null}
        onChange={(event) =>
          props.onChange(event.currentTarget.checked ? { minutes: 60, hours: 'business' } : null)
        }
      />
      {target !== null && (
        <Group gap={4} wrap="nowrap" align="flex-start">
          <NumberInput
            aria-label={`${label} minutes`}
            value={target.minutes}
            allowDecimal={false}
            hideControls
            min={0}
            w={96}
            suffix=" min"
            onChange={(value) => props.onChange({ ...target, minutes: numberOf(value) })}
          />
          <Select
            aria-label={`${label} hours`}
            w={110}
            allowDeselect={false}
            data={[
              { value: 'business', label: 'business' },
              { value: '24x7', label: '24x7' },
            ]}
            value={target.hours}
            onChange={(value) =>
              props.onChange({ ...target, hours: value === '24x7' ? '24x7' : 'business' })
            }
          />
        </Group>
      )}
      {props.error !== undefined && (
        <Text size="xs" c="red" role="alert">
          {props.error}
        </Text>
      )}
    </Stack>
  )
}

export function SlaSection({ draft, update, errors }: SectionProps) {
  return (
    <Stack gap="xs">
      <Title order={4}>SLA targets</Title>
      <Text size="sm" c="dimmed">
        Minutes per metric, measured in the account calendar&apos;s business hours or around the
        clock. Leave a metric uncommitted for no promise.
      </Text>
      <Table aria-label="SLA targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            {slaMetrics.map((metric) => (
              <Table.Th key={metric}>{capitalise(metricLabels[metric])}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {severities.map((severity) => (
            <Table.Tr key={severity}>
              <Table.Th scope="row">
                {severity}
                {errors.at(`sla.${severity}`) !== undefined && (
                  <Text size="xs" c="red" role="alert" fw={400}>
                    {errors.at(`sla.${severity}`)}
                  </Text>
                )}
              </Table.Th>
              {slaMetrics.map((metric) => (
                <Table.Td key={metric}>
                  <TargetInput
                    severity={severity}
                    metric={metric}
                    target={draft.definition.sla[severity][metric]}
                    error={errors.under(`sla.${severity}.${metric}`)}
                    onChange={(target) =>
                      update((d) => {
                        d.definition.sla[severity][metric] = target
                      })
                    }
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

/** Solved and closed stop every clock, so only these statuses take a pause rule. */
const pausableStatuses: readonly TicketStatus[] = [
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
]

export function PauseRulesSection({ draft, update, errors }: SectionProps) {
  return (
    <Stack gap="xs">
      <Title order={4}>Pause rules</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {pausableStatuses.map((status) => {
          const index = draft.definition.pauseRules.findIndex((rule) => rule.status === status)
          const rule = draft.definition.pauseRules[index]
          return (
            <MultiSelect
              key={status}
              label={`While ${statusLabels[status]}, pause`}
              placeholder={rule === undefined ? 'no clock' : undefined}
              data={options(slaMetrics, metricLabels)}
              value={rule?.metrics ?? []}
              error={index < 0 ? undefined : errors.under(`pauseRules.${index}`)}
              onChange={(values) =>
                update((d) => {
                  const metrics = slaMetrics.filter((metric) => values.includes(metric))
                  const at = d.definition.pauseRules.findIndex((r) => r.status === status)
                  if (metrics.length === 0) {
                    if (at >= 0) d.definition.pauseRules.splice(at, 1)
                  } else if (at >= 0) {
                    const existing = d.definition.pauseRules[at]
                    if (existing !== undefined) existing.metrics = metrics
                  } else d.definition.pauseRules.push({ status, metrics })
                })
              }
            />
          )
        })}
      </SimpleGrid>
    </Stack>
  )
}

export function EscalationSection({ draft, update, errors }: SectionProps) {
  const levels = draft.definition.escalation
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>Escalation path</Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            update((d) => {
              const last = d.definition.escalation[d.definition.escalation.length - 1]
              d.definition.escalation.push({
                level: d.definition.escalation.length + 1,
                role: 'support-manager',
                afterMinutes: (last?.afterMinutes ?? 0) + 60,
                severities: last?.severities ?? ['S1'],
              })
            })
          }
        >
          Add level
        </Button>
      </Group>
      {levels.length === 0 && (
        <Text size="sm" c="dimmed">
          No escalation path: tickets stay with the support team.
        </Text>
      )}
      {levels.map((level, index) => (
        <Group key={index} align="flex-start" wrap="nowrap">
          <Text fw={600} pt={8} w={24}>
            {level.level}.
          </Text>
          <Select
            aria-label={`Level ${level.level} role`}
            data={options(escalationRoleSchema.options, escalationRoleLabels)}
            allowDeselect={false}
            value={level.role}
            error={errors.under(`escalation.${index}.role`)}
            onChange={(value) =>
              update((d) => {
                const parsed = escalationRoleSchema.safeParse(value)
                const target = d.definition.escalation[index]
                if (parsed.success && target !== undefined) target.role = parsed.data
              })
            }
          />
          <NumberInput
            aria-label={`Level ${level.level} engaged after minutes`}
            value={level.afterMinutes}
            allowDecimal={false}
            min={0}
            suffix=" min"
            w={120}
            error={errors.under(`escalation.${index}.afterMinutes`)}
            onChange={(value) =>
              update((d) => {
                const target = d.definition.escalation[index]
                if (target !== undefined) target.afterMinutes = numberOf(value)
              })
            }
          />
          <MultiSelect
            aria-label={`Level ${level.level} severities`}
            data={[...severities]}
            value={[...level.severities]}
            error={errors.under(`escalation.${index}.severities`)}
            onChange={(values) =>
              update((d) => {
                const target = d.definition.escalation[index]
                if (target !== undefined) {
                  target.severities = severities.filter((s) => values.includes(s))
                }
              })
            }
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={4}
            aria-label={`Remove escalation level ${level.level}`}
            onClick={() =>
              update((d) => {
                d.definition.escalation.splice(index, 1)
                // Levels are numbered 1, 2, 3… in order (the model's rule).
                d.definition.escalation.forEach((l, i) => (l.level = i + 1))
              })
            }
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  )
}

type CountField =
  'architectureReviewsPerYear' | 'onboardingSessions' | 'healthChecksPerYear' | 'namedContacts'
const countFields: readonly [CountField, string][] = [
  ['architectureReviewsPerYear', 'Architecture reviews a year'],
  ['onboardingSessions', 'Onboarding sessions'],
  ['healthChecksPerYear', 'Health checks a year'],
  ['namedContacts', 'Named contacts'],
]

export function EntitlementsSection({ draft, update, errors }: SectionProps) {
  const entitlements = draft.definition.entitlements
  return (
    <Stack gap="xs">
      <Title order={4}>Entitlements</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <NumberInput
          label="TAM hours a month"
          value={entitlements.tamHoursPerMonth}
          decimalScale={2}
          step={0.25}
          min={0}
          error={errors.under('entitlements.tamHoursPerMonth')}
          onChange={(value) =>
            update((d) => void (d.definition.entitlements.tamHoursPerMonth = numberOf(value)))
          }
        />
        {countFields.map(([field, label]) => (
          <NumberInput
            key={field}
            label={label}
            value={entitlements[field]}
            allowDecimal={false}
            min={0}
            error={errors.under(`entitlements.${field}`)}
            onChange={(value) =>
              update((d) => void (d.definition.entitlements[field] = numberOf(value)))
            }
          />
        ))}
        <Select
          label="QBR cadence"
          data={options(cadenceSchema.options, cadenceLabels)}
          allowDeselect={false}
          value={entitlements.qbrCadence}
          error={errors.under('entitlements.qbrCadence')}
          onChange={(value) =>
            update((d) => {
              const parsed = cadenceSchema.safeParse(value)
              if (parsed.success) d.definition.entitlements.qbrCadence = parsed.data
            })
          }
        />
        <Select
          label="Coverage"
          data={options(entitlementsSchema.shape.coverage.options, coverageLabels)}
          allowDeselect={false}
          value={entitlements.coverage}
          error={errors.under('entitlements.coverage')}
          onChange={(value) =>
            update((d) => {
              const parsed = entitlementsSchema.shape.coverage.safeParse(value)
              if (parsed.success) d.definition.entitlements.coverage = parsed.data
            })
          }
        />
        <MultiSelect
          label="Channels"
          data={options(channelSchema.options, channelLabels)}
          value={[...entitlements.channels]}
          error={errors.under('entitlements.channels')}
          onChange={(values) =>
            update((d) => {
              d.definition.entitlements.channels = channelSchema.options.filter((c) =>
                values.includes(c),
              )
            })
          }
        />
      </SimpleGrid>
    </Stack>
  )
}

const ownerSteps = [
  ['onboarding', 'Onboarding owner'],
  ['qbr', 'QBR owner'],
  ['escalation', 'Escalation owner'],
] as const
const residencySchema = governanceSchema.shape.dataPrivacy.shape.dataResidency.element

export function GovernanceSection({ draft, update, errors }: SectionProps) {
  const governance = draft.definition.governance
  return (
    <Stack gap="xs">
      <Title order={4}>Governance and privacy</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {ownerSteps.map(([step, label]) => (
          <Select
            key={step}
            label={label}
            data={options(ownerRoleSchema.options, ownerRoleLabels)}
            allowDeselect={false}
            value={governance.owners[step]}
            error={errors.under(`governance.owners.${step}`)}
            onChange={(value) =>
              update((d) => {
                const parsed = ownerRoleSchema.safeParse(value)
                if (parsed.success) d.definition.governance.owners[step] = parsed.data
              })
            }
          />
        ))}
        <MultiSelect
          label="Data residency"
          data={options(residencySchema.options, residencyLabels)}
          value={[...governance.dataPrivacy.dataResidency]}
          error={errors.under('governance.dataPrivacy.dataResidency')}
          onChange={(values) =>
            update((d) => {
              d.definition.governance.dataPrivacy.dataResidency = residencySchema.options.filter(
                (region) => values.includes(region),
              )
            })
          }
        />
        {(['accessReviewCadence', 'securityReviewCadence'] as const).map((field) => (
          <Select
            key={field}
            label={field === 'accessReviewCadence' ? 'Access reviews' : 'Security reviews'}
            data={options(cadenceSchema.options, cadenceLabels)}
            allowDeselect={false}
            value={governance.dataPrivacy[field]}
            error={errors.under(`governance.dataPrivacy.${field}`)}
            onChange={(value) =>
              update((d) => {
                const parsed = cadenceSchema.safeParse(value)
                if (parsed.success) d.definition.governance.dataPrivacy[field] = parsed.data
              })
            }
          />
        ))}
        <Switch
          label="DPA included"
          mt="xl"
          checked={governance.dataPrivacy.dpaIncluded}
          onChange={(event) => {
            const checked = event.currentTarget.checked
            update((d) => void (d.definition.governance.dataPrivacy.dpaIncluded = checked))
          }}
        />
      </SimpleGrid>
    </Stack>
  )
}
