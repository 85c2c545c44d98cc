import { ActionIcon, Badge, Button, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core'
import { IconPencil, IconTrash } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type {
  ActivityEntry,
  TicketMilestone,
  TicketMilestoneEntry,
  TierChangeEntry,
  TimelineEntry,
} from '@shared/activities/timeline'
import type { Activity, Sentiment } from '@shared/model/activity'
import { useMutate } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import classes from './account.module.css'
import { Markdown } from './Markdown'

const kindLabel: Readonly<Record<Activity['kind'], string>> = {
  note: 'Note',
  call: 'Call',
  'check-in': 'Check-in',
  qbr: 'QBR',
}
const sentimentColor: Readonly<Record<Sentiment, string>> = {
  positive: 'teal',
  neutral: 'gray',
  negative: 'red',
}
const milestoneLabel: Readonly<Record<TicketMilestone, string>> = {
  opened: 'Ticket opened',
  solved: 'Ticket solved',
  reopened: 'Ticket reopened',
  'severity-changed': 'Severity changed',
  escalated: 'Ticket escalated',
}

function When({ at }: { readonly at: string }) {
  const format = useFormat()
  return (
    <Text size="xs" c="dimmed" component="time" dateTime={at}>
      {format.dateTime(at)}
    </Text>
  )
}

function ActivityFacts({ activity }: { readonly activity: Activity }) {
  switch (activity.kind) {
    case 'check-in':
      return (
        <Group gap={6}>
          <Badge size="sm" variant="outline" color={sentimentColor[activity.sentiment]}>
            {activity.sentiment}
          </Badge>
          {activity.nps !== null && (
            <Badge size="sm" variant="outline" color="gray">
              NPS {activity.nps}
            </Badge>
          )}
        </Group>
      )
    case 'call':
      return (
        <Text size="xs" c="dimmed">
          {activity.direction} · {activity.outcome} · {activity.durationMinutes} min
        </Text>
      )
    case 'qbr':
      return (
        <Text size="xs" c="dimmed">
          {activity.quarter} · {activity.status}
        </Text>
      )
    default:
      return null
  }
}

function EditForm({
  entry,
  onDone,
}: {
  readonly entry: ActivityEntry
  readonly onDone: () => void
}) {
  const [body, setBody] = useState(entry.activity.bodyMarkdown)
  const update = useMutate('activities.update')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      {
        id: entry.activity.id,
        expectedUpdatedAt: entry.activity.updatedAt,
        bodyMarkdown: body,
      },
      { onSuccess: onDone },
    )
  }
  return (
    <form onSubmit={submit} aria-label={`Edit ${entry.activity.title}`}>
      <Stack gap="xs">
        <Textarea
          label="Text (Markdown)"
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onDone()
          }}
          autosize
          minRows={3}
          maxRows={14}
          error={update.error?.message}
          data-autofocus
        />
        <Group gap="xs" justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function ActivityItem({
  entry,
  onDelete,
}: {
  readonly entry: ActivityEntry
  readonly onDelete: (entry: ActivityEntry) => void
}) {
  const [editing, setEditing] = useState(false)
  const { activity } = entry
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Badge size="sm" variant="default">
              {kindLabel[activity.kind]}
            </Badge>
            <Text fw={600}>{activity.title}</Text>
          </Group>
          <Group gap="xs">
            <Text size="xs">{entry.authorName}</Text>
            <When at={entry.at} />
            <ActivityFacts activity={activity} />
          </Group>
        </Stack>
        {entry.editable && !editing && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Edit">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Edit ${activity.title}`}
                onClick={() => setEditing(true)}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete (you can undo)">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete ${activity.title}`}
                onClick={() => onDelete(entry)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      {editing ? (
        <EditForm entry={entry} onDone={() => setEditing(false)} />
      ) : (
        <Markdown>{activity.bodyMarkdown}</Markdown>
      )}
    </Stack>
  )
}

function TicketItem({ entry }: { readonly entry: TicketMilestoneEntry }) {
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge size="sm" variant="default">
          {milestoneLabel[entry.milestone]}
        </Badge>
        <Text fw={500} lineClamp={1}>
          #{entry.ticketNumber} · {entry.subject}
        </Text>
      </Group>
      <Group gap="xs">
        <When at={entry.at} />
        <Text size="xs">{entry.detail}</Text>
      </Group>
    </Stack>
  )
}

function TierItem({ entry }: { readonly entry: TierChangeEntry }) {
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge size="sm" variant="default">
          Tier change
        </Badge>
        <Text fw={500}>
          {entry.fromTier} → {entry.toTier}
        </Text>
      </Group>
      <Group gap="xs">
        <When at={entry.at} />
        <Text size="xs">{entry.proposalTitle}</Text>
      </Group>
    </Stack>
  )
}

/** One entry of the account timeline, drawn according to what it is. */
export function TimelineItem({
  entry,
  onDelete,
}: {
  readonly entry: TimelineEntry
  readonly onDelete: (entry: ActivityEntry) => void
}) {
  const kind = entry.kind === 'activity' ? entry.activity.kind : entry.kind
  return (
    <li className={classes.entry} data-kind={kind} data-testid="timeline-entry" data-id={entry.id}>
      {entry.kind === 'activity' ? (
        <ActivityItem entry={entry} onDelete={onDelete} />
      ) : entry.kind === 'ticket' ? (
        <TicketItem entry={entry} />
      ) : (
        <TierItem entry={entry} />
      )}
    </li>
  )
}
