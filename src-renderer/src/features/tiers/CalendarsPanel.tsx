import { Badge, Button, Card, Center, Grid, NavLink, Stack, Text } from '@mantine/core'
import { IconCalendarPlus, IconCalendarTime } from '@tabler/icons-react'
import { useState } from 'react'
import type { CalendarListItem } from '@shared/tiers/tier-queries'
import { CalendarEditor, draftOf, type Draft } from './CalendarEditor'

const NEW = 'new'

/** A starting point for a new calendar: weekdays 09:00–17:00 in this computer's zone. */
function newDraft(): Draft {
  const day = () => [{ start: '09:00', end: '17:00' }]
  return {
    name: 'New calendar',
    description: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    coverage: 'business-hours',
    weekly: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] },
    holidays: [],
  }
}

/** The workspace's support calendars: pick one on the left, edit it with its week preview. */
export function CalendarsPanel(props: {
  readonly calendars: readonly CalendarListItem[]
  readonly today: string
}) {
  const [selectedId, setSelectedId] = useState<string | null>(
    props.calendars[0]?.calendar.id ?? null,
  )
  const selected = props.calendars.find((item) => item.calendar.id === selectedId)
  const create = (
    <Button
      variant="light"
      size="xs"
      leftSection={<IconCalendarPlus size={16} />}
      onClick={() => setSelectedId(NEW)}
    >
      New calendar
    </Button>
  )
  const editor =
    selectedId === NEW ? (
      <CalendarEditor
        key={NEW}
        calendar={null}
        initial={newDraft()}
        today={props.today}
        onSaved={(saved) => setSelectedId(saved.id)}
      />
    ) : selected !== undefined ? (
      <CalendarEditor
        key={selected.calendar.id}
        calendar={selected.calendar}
        initial={draftOf(selected.calendar)}
        today={props.today}
        onSaved={() => undefined}
      />
    ) : null
  if (props.calendars.length === 0 && selectedId !== NEW) {
    return (
      <Center p="xl">
        <Stack align="center" gap="sm">
          <Text c="dimmed">This workspace has no support calendars yet.</Text>
          {create}
        </Stack>
      </Center>
    )
  }
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Card withBorder padding="xs" component="nav" aria-label="Calendars">
          <Stack gap={2}>
            {create}
            {props.calendars.map((item) => (
              <NavLink
                key={item.calendar.id}
                component="button"
                type="button"
                active={item.calendar.id === selectedId}
                label={item.calendar.name}
                description={`${item.calendar.timeZone} · ${item.accounts} accounts`}
                leftSection={<IconCalendarTime size={16} />}
                rightSection={item.isDefault ? <Badge size="xs">default</Badge> : undefined}
                onClick={() => setSelectedId(item.calendar.id)}
              />
            ))}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>{editor}</Grid.Col>
    </Grid>
  )
}
