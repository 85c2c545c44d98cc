import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconAlertTriangle,
  IconChevronLeft,
  IconChevronRight,
  IconDeviceFloppy,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { weekdays, type Calendar, type Holiday } from '@shared/model/calendar'
import { weekdayNames, type CalendarDraft } from '@shared/tiers/calendar-rules'
import { useInvokeKeepingPrevious, useMutate } from '../../app/ipc-hooks'
import { notifySuccess } from '../workspaces/notify'
import { DiscardButton } from './DiscardButton'
import { fieldErrors, issuesOf, type FieldErrors } from './field-errors'
import { SaveProblemAlert } from './SaveProblemAlert'
import { WeekPreviewView } from './WeekPreviewView'

/** The editor's working copy: the stored calendar's editable fields, writable. */
export type Draft = { -readonly [K in keyof CalendarDraft]: CalendarDraft[K] }

export const draftOf = (calendar: Calendar): Draft =>
  structuredClone({
    name: calendar.name,
    description: calendar.description,
    timeZone: calendar.timeZone,
    coverage: calendar.coverage,
    weekly: calendar.weekly,
    holidays: calendar.holidays,
  })

type Update = (change: (draft: Draft) => void) => void

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return []
  }
}

function WeeklyHours(props: {
  readonly draft: Draft
  readonly update: Update
  readonly errors: FieldErrors
}) {
  return (
    <Stack gap="xs">
      <Title order={4}>Working hours</Title>
      <Text size="sm" c="dimmed">
        Times in the calendar&apos;s zone. An interval whose end is not after its start runs past
        midnight into the next day (22:00–06:00); 24:00 closes at midnight.
      </Text>
      {props.errors.at('weekly') !== undefined && (
        <Text size="sm" c="red" role="alert">
          {props.errors.at('weekly')}
        </Text>
      )}
      {weekdays.map((day) => (
        <Group key={day} align="flex-start" wrap="nowrap" data-testid={`weekday-${day}`}>
          <Text w={100} pt={6} fw={500}>
            {weekdayNames[day]}
          </Text>
          <Stack gap={6}>
            {props.draft.weekly[day].length === 0 && (
              <Text size="sm" c="dimmed" pt={6}>
                closed
              </Text>
            )}
            {props.draft.weekly[day].map((interval, index) => {
              const label = `${weekdayNames[day]} interval ${index + 1}`
              const error = props.errors.under(`weekly.${day}.${index}`)
              return (
                <Group key={index} gap={6} align="flex-start" wrap="nowrap">
                  <TextInput
                    aria-label={`${label} start`}
                    placeholder="09:00"
                    w={80}
                    value={interval.start}
                    error={error !== undefined}
                    onChange={(event) => {
                      const value = event.currentTarget.value
                      props.update((d) => {
                        const target = d.weekly[day][index]
                        if (target !== undefined) target.start = value
                      })
                    }}
                  />
                  <Text pt={6}>–</Text>
                  <TextInput
                    aria-label={`${label} end`}
                    placeholder="17:00"
                    w={80}
                    value={interval.end}
                    error={error !== undefined}
                    onChange={(event) => {
                      const value = event.currentTarget.value
                      props.update((d) => {
                        const target = d.weekly[day][index]
                        if (target !== undefined) target.end = value
                      })
                    }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={4}
                    aria-label={`Remove ${label}`}
                    onClick={() => props.update((d) => void d.weekly[day].splice(index, 1))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                  {error !== undefined && (
                    <Text size="xs" c="red" pt={8} role="alert">
                      {error}
                    </Text>
                  )}
                </Group>
              )
            })}
          </Stack>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            aria-label={`Add an interval on ${weekdayNames[day]}`}
            onClick={() =>
              props.update((d) => {
                const last = d.weekly[day][d.weekly[day].length - 1]
                d.weekly[day].push(
                  last === undefined
                    ? { start: '09:00', end: '17:00' }
                    : { start: last.end, end: '24:00' },
                )
              })
            }
          >
            Interval
          </Button>
        </Group>
      ))}
    </Stack>
  )
}

function Holidays(props: {
  readonly draft: Draft
  readonly update: Update
  readonly errors: FieldErrors
}) {
  const setHoliday = (index: number, change: (holiday: Holiday) => Holiday) =>
    props.update((d) => {
      const holiday = d.holidays[index]
      if (holiday !== undefined) d.holidays[index] = change(holiday)
    })
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>Holidays</Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            props.update((d) => void d.holidays.push({ kind: 'full-day', date: '', name: '' }))
          }
        >
          Add holiday
        </Button>
      </Group>
      {props.errors.at('holidays') !== undefined && (
        <Text size="sm" c="red" role="alert">
          {props.errors.at('holidays')}
        </Text>
      )}
      {props.draft.holidays.length === 0 ? (
        <Text size="sm" c="dimmed">
          No holidays.
        </Text>
      ) : (
        <Table aria-label="Holidays">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Closed</Table.Th>
              <Table.Th>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.draft.holidays.map((holiday, index) => (
              <Table.Tr key={index}>
                <Table.Td>
                  <TextInput
                    aria-label={`Holiday ${index + 1} date`}
                    type="date"
                    value={holiday.date}
                    error={props.errors.under(`holidays.${index}.date`)}
                    onChange={(event) => {
                      const date = event.currentTarget.value
                      setHoliday(index, (h) => ({ ...h, date }))
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Holiday ${index + 1} name`}
                    value={holiday.name}
                    error={props.errors.under(`holidays.${index}.name`)}
                    onChange={(event) => {
                      const name = event.currentTarget.value
                      setHoliday(index, (h) => ({ ...h, name }))
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Select
                      aria-label={`Holiday ${index + 1} closed`}
                      w={120}
                      allowDeselect={false}
                      data={[
                        { value: 'full-day', label: 'all day' },
                        { value: 'partial', label: 'part of it' },
                      ]}
                      value={holiday.kind}
                      onChange={(kind) =>
                        setHoliday(index, (h) =>
                          kind === 'partial'
                            ? {
                                kind: 'partial',
                                date: h.date,
                                name: h.name,
                                closedFrom: '13:00',
                                closedUntil: '24:00',
                              }
                            : { kind: 'full-day', date: h.date, name: h.name },
                        )
                      }
                    />
                    {holiday.kind === 'partial' && (
                      <>
                        <TextInput
                          aria-label={`Holiday ${index + 1} closed from`}
                          w={80}
                          value={holiday.closedFrom}
                          error={props.errors.under(`holidays.${index}.closedFrom`)}
                          onChange={(event) => {
                            const closedFrom = event.currentTarget.value
                            setHoliday(index, (h) =>
                              h.kind === 'partial' ? { ...h, closedFrom } : h,
                            )
                          }}
                        />
                        <TextInput
                          aria-label={`Holiday ${index + 1} closed until`}
                          w={80}
                          value={holiday.closedUntil}
                          error={props.errors.under(`holidays.${index}.closedUntil`)}
                          onChange={(event) => {
                            const closedUntil = event.currentTarget.value
                            setHoliday(index, (h) =>
                              h.kind === 'partial' ? { ...h, closedUntil } : h,
                            )
                          }}
                        />
                      </>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove holiday ${index + 1}`}
                    onClick={() => props.update((d) => void d.holidays.splice(index, 1))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

/**
 * Edits one calendar (or a new one); the week preview is main's answer for the draft as typed
 * (debounced), so a mistake shows under its field before saving.
 */
export function CalendarEditor(props: {
  /** The stored calendar being edited; null for a new one. */
  readonly calendar: Calendar | null
  readonly initial: Draft
  readonly today: string
  readonly onSaved: (calendar: Calendar) => void
}) {
  // The stored version the draft started from: a change made elsewhere since does not replace
  // the draft under the user's hands; the editor says so and offers to reload.
  const [loaded, setLoaded] = useState(props.calendar)
  const startOf = (calendar: Calendar | null) =>
    calendar === null ? structuredClone(props.initial) : draftOf(calendar)
  const [draft, setDraft] = useState(() => startOf(props.calendar))
  const changedElsewhere =
    props.calendar !== null && loaded !== null && props.calendar.updatedAt > loaded.updatedAt
  const [week, setWeek] = useState(props.today)
  const [debounced] = useDebouncedValue(draft, 250)
  const preview = useInvokeKeepingPrevious('calendars.preview', { calendar: debounced, date: week })
  const save = useMutate('calendars.save')
  const zoneOptions = useMemo(() => {
    const all = zones()
    return all.includes(draft.timeZone) ? all : [draft.timeZone, ...all]
  }, [draft.timeZone])
  const update: Update = (change) => {
    // A save's refusal describes the draft it was given; from the next edit the preview speaks.
    if (save.error !== null) save.reset()
    setDraft((current) => {
      const next = structuredClone(current)
      change(next)
      return next
    })
  }
  // Saving reports the draft's problems; until then the preview's answer does.
  const source = save.error ?? (preview.isError ? preview.error : null)
  const issues = issuesOf(source)
  const errors = fieldErrors(issues, 'calendar.')

  return (
    <form
      aria-label={props.calendar === null ? 'New calendar' : `Edit calendar ${props.calendar.name}`}
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(
          {
            id: loaded?.id ?? null,
            baseUpdatedAt: loaded?.updatedAt ?? null,
            calendar: draft,
          },
          {
            onSuccess: (saved) => {
              notifySuccess(loaded === null ? 'Calendar created' : 'Calendar saved', saved.name)
              setLoaded(saved)
              setDraft(draftOf(saved))
              props.onSaved(saved)
            },
          },
        )
      }}
    >
      <Stack gap="md">
        {changedElsewhere && props.calendar !== null && (
          <Alert color="orange" icon={<IconAlertTriangle />} title="Changed elsewhere" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                This calendar was saved elsewhere while you were editing it; saving your draft would
                be refused.
              </Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  const latest = props.calendar
                  setLoaded(latest)
                  setDraft(startOf(latest))
                  save.reset()
                }}
              >
                Load the saved calendar
              </Button>
            </Stack>
          </Alert>
        )}
        {source !== null && (
          <SaveProblemAlert
            problem={source}
            issues={issues}
            title={
              save.error !== null ? 'This calendar was not saved' : 'This calendar has a problem'
            }
          />
        )}
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput
              label="Name"
              value={draft.name}
              error={errors.at('name')}
              onChange={(event) => {
                const value = event.currentTarget.value
                update((d) => void (d.name = value))
              }}
            />
            <Select
              label="Time zone"
              searchable
              allowDeselect={false}
              data={zoneOptions}
              value={draft.timeZone}
              error={errors.at('timeZone')}
              onChange={(value) => update((d) => void (d.timeZone = value ?? d.timeZone))}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="coverage-label">
                Coverage
              </Text>
              <SegmentedControl
                aria-labelledby="coverage-label"
                data={[
                  { value: 'business-hours', label: 'Business hours' },
                  { value: '24x7', label: '24x7' },
                ]}
                value={draft.coverage}
                onChange={(value) =>
                  update((d) => void (d.coverage = value === '24x7' ? '24x7' : 'business-hours'))
                }
              />
            </Stack>
          </SimpleGrid>
          <Textarea
            mt="sm"
            label="Description"
            autosize
            value={draft.description}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((d) => void (d.description = value))
            }}
          />
        </Card>
        <Card withBorder>
          <WeeklyHours draft={draft} update={update} errors={errors} />
        </Card>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={4}>Week preview</Title>
            <Group gap={4}>
              <ActionIcon
                variant="default"
                aria-label="Previous week"
                onClick={() => setWeek(shiftDate(week, -7))}
              >
                <IconChevronLeft size={16} />
              </ActionIcon>
              <Text size="sm" data-testid="preview-week">
                Week of {preview.data?.weekStart ?? week}
              </Text>
              <ActionIcon
                variant="default"
                aria-label="Next week"
                onClick={() => setWeek(shiftDate(week, 7))}
              >
                <IconChevronRight size={16} />
              </ActionIcon>
            </Group>
          </Group>
          {preview.data === undefined ? (
            <Text size="sm" c="dimmed" aria-busy={preview.isPending}>
              {preview.isPending ? 'Computing the week…' : 'No preview: fix the problems above.'}
            </Text>
          ) : (
            <WeekPreviewView preview={preview.data} />
          )}
        </Card>
        <Card withBorder>
          <Holidays draft={draft} update={update} errors={errors} />
        </Card>
        <Group justify="flex-end">
          <DiscardButton
            disabled={save.isPending}
            onDiscard={() => {
              setDraft(startOf(loaded))
              save.reset()
            }}
          />
          <Button
            type="submit"
            loading={save.isPending}
            leftSection={<IconDeviceFloppy size={16} />}
          >
            {loaded === null ? 'Create calendar' : 'Save calendar'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
