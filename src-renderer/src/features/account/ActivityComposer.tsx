import {
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconMessageCircle, IconNotes } from '@tabler/icons-react'
import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { NOTE_MAX_CHARS } from '@shared/activities/activity-inputs'
import type { Sentiment } from '@shared/model/activity'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'

const sentiments: { value: Sentiment; label: string }[] = [
  { value: 'positive', label: 'Positive' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'negative', label: 'Negative' },
]

/** Ctrl/Cmd+Enter submits the form the text field is in. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault()
    event.currentTarget.form?.requestSubmit()
  }
}

function Counter({ length }: { readonly length: number }) {
  const format = useFormat()
  return (
    <Text size="xs" c={length > NOTE_MAX_CHARS ? 'red' : 'dimmed'}>
      {format.number(length)} / {format.number(NOTE_MAX_CHARS)}
    </Text>
  )
}

function NoteForm({ accountId }: { readonly accountId: string }) {
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const addNote = useMutate('activities.addNote')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    // The text stays in the form until main confirms it is stored; a refusal loses nothing.
    addNote.mutate(
      { accountId, title, bodyMarkdown: body },
      {
        onSuccess: () => {
          setTitle('')
          setBody('')
          notifications.show({ color: 'teal', message: 'Note saved.' })
        },
      },
    )
  }
  return (
    <form onSubmit={submit} aria-label="Add a note">
      <Stack gap="xs">
        <TextInput
          label="Title"
          description="Optional; the first line is used otherwise."
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          maxLength={200}
        />
        <Textarea
          label="Note (Markdown)"
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={submitOnModEnter}
          autosize
          minRows={3}
          maxRows={12}
          error={addNote.error?.message}
        />
        <Group justify="space-between">
          <Counter length={body.length} />
          <Button type="submit" loading={addNote.isPending}>
            Save note
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function CheckInForm({ accountId }: { readonly accountId: string }) {
  const [sentiment, setSentiment] = useState<Sentiment>('neutral')
  const [nps, setNps] = useState<number | string>('')
  const [body, setBody] = useState('')
  const logCheckIn = useMutate('activities.logCheckIn')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    logCheckIn.mutate(
      { accountId, sentiment, nps: typeof nps === 'number' ? nps : null, bodyMarkdown: body },
      {
        onSuccess: () => {
          setNps('')
          setBody('')
          setSentiment('neutral')
          notifications.show({ color: 'teal', message: 'Check-in logged.' })
        },
      },
    )
  }
  return (
    <form onSubmit={submit} aria-label="Log a check-in">
      <Stack gap="xs">
        <Group align="flex-end" gap="lg">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="check-in-sentiment">
              Sentiment
            </Text>
            <SegmentedControl
              aria-labelledby="check-in-sentiment"
              value={sentiment}
              onChange={(value) =>
                setSentiment(sentiments.find((s) => s.value === value)?.value ?? 'neutral')
              }
              data={sentiments}
            />
          </Stack>
          <NumberInput
            label="NPS (0–10)"
            description="If the customer gave one"
            min={0}
            max={10}
            allowDecimal={false}
            value={nps}
            onChange={setNps}
            w={160}
          />
        </Group>
        <Textarea
          label="Summary (Markdown)"
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={submitOnModEnter}
          autosize
          minRows={2}
          maxRows={10}
          error={logCheckIn.error?.message}
        />
        <Group justify="space-between">
          <Counter length={body.length} />
          <Button type="submit" loading={logCheckIn.isPending}>
            Log check-in
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Add a note or log a check-in as the current user; both are local writes, so they work offline. */
export function ActivityComposer({ accountId }: { readonly accountId: string }) {
  const me = useInvoke('session.currentUser')
  return (
    <Stack gap="xs">
      {/* Both forms stay mounted, so switching tabs keeps a half-written draft. */}
      <Tabs defaultValue="note">
        <Tabs.List>
          <Tabs.Tab value="note" leftSection={<IconNotes size={16} />}>
            Note
          </Tabs.Tab>
          <Tabs.Tab value="check-in" leftSection={<IconMessageCircle size={16} />}>
            Check-in
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="note" pt="sm">
          <NoteForm accountId={accountId} />
        </Tabs.Panel>
        <Tabs.Panel value="check-in" pt="sm">
          <CheckInForm accountId={accountId} />
        </Tabs.Panel>
      </Tabs>
      <Text size="xs" c="dimmed">
        {me.isError
          ? `Cannot tell who is signed in: ${me.error.message}`
          : me.data === undefined
            ? ' '
            : `Writing as ${me.data.name}. Saved on this device; it syncs when you are online.`}
      </Text>
    </Stack>
  )
}
