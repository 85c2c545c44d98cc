import { Badge, SimpleGrid, Stack, Text } from '@mantine/core'
import type { WeekPreview } from '@shared/tiers/tier-queries'
import { weekdayNames } from '@shared/tiers/calendar-rules'
import classes from './tiers.module.css'

/** Open time in hours, to the minute: "12.5 hours", "7 hours 20 minutes" reads worse in a column. */
const hours = (minutes: number) => {
  const value = Math.round((minutes / 60) * 100) / 100
  return `${value} ${value === 1 ? 'hour' : 'hours'}`
}

/** Seven day columns with the open intervals main computed for each local date. */
export function WeekPreviewView({ preview }: { readonly preview: WeekPreview }) {
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="week-total">
        {hours(preview.openMinutes)} open this week ({preview.timeZone})
      </Text>
      <SimpleGrid
        cols={{ base: 2, sm: 4, lg: 7 }}
        spacing="xs"
        role="list"
        aria-label="Week preview"
      >
        {preview.days.map((day) => (
          <div
            key={day.date}
            className={classes.dayColumn}
            role="listitem"
            aria-label={`${weekdayNames[day.weekday]} ${day.date}`}
            data-testid="preview-day"
          >
            <Text size="sm" fw={600}>
              {weekdayNames[day.weekday].slice(0, 3)} {day.date.slice(5)}
            </Text>
            {day.holiday !== null && (
              <Badge size="xs" color="orange" variant="light">
                {day.holiday}
              </Badge>
            )}
            {day.intervals.length === 0 ? (
              <Text size="xs" c="dimmed">
                closed
              </Text>
            ) : (
              day.intervals.map((interval) => (
                <Text size="xs" key={interval.start} className={classes.interval}>
                  {interval.start}–{interval.end}
                </Text>
              ))
            )}
            <Text size="xs" c="dimmed">
              {hours(day.openMinutes)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  )
}
