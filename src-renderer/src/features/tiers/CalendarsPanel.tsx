import { Badge, Card, Center, Grid, NavLink, Stack, Text } from '@mantine/core'
import { IconCalendarTime } from '@tabler/icons-react'
import { useState } from 'react'
import type { CalendarListItem } from '@shared/tiers/tier-queries'
import { CalendarEditor } from './CalendarEditor'

/** The workspace's support calendars: pick one on the left, edit it with its week preview. */
export function CalendarsPanel(props: {
  readonly calendars: readonly CalendarListItem[]
  readonly today: string
}) {
  const [selectedId, setSelectedId] = useState<string | null>(
    props.calendars[0]?.calendar.id ?? null,
  )
  const selected = props.calendars.find((item) => item.calendar.id === selectedId)
  if (props.calendars.length === 0) {
    return (
      <Center p="xl">
        <Text c="dimmed">This workspace has no support calendars yet.</Text>
      </Center>
    )
  }
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Card withBorder padding="xs" component="nav" aria-label="Calendars">
          <Stack gap={2}>
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
      <Grid.Col span={{ base: 12, md: 9 }}>
        {selected !== undefined && (
          <CalendarEditor
            key={`${selected.calendar.id}-${selected.calendar.updatedAt}`}
            calendar={selected.calendar}
            today={props.today}
          />
        )}
      </Grid.Col>
    </Grid>
  )
}
