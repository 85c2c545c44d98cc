import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { TierlineError } from '@shared/ipc/errors'

interface NameDialogProps {
  readonly opened: boolean
  readonly title: string
  readonly submitLabel: string
  readonly initialName: string
  readonly withShare: boolean
  readonly pending: boolean
  readonly error: TierlineError | null
  readonly onClose: () => void
  readonly onSubmit: (value: { name: string; shared: boolean }) => void
}

/** Name (and, for a new view, sharing) of a view; errors from main are shown on the field. */
export function ViewNameDialog(props: NameDialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      {/* Mounted only while open, so each opening starts from the initial name. */}
      <NameForm {...props} />
    </Modal>
  )
}

function NameForm(props: NameDialogProps) {
  const [name, setName] = useState(props.initialName)
  const [shared, setShared] = useState(false)
  const empty = name.trim() === ''
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        if (!empty) props.onSubmit({ name: name.trim(), shared })
      }}
    >
      <Stack>
        <TextInput
          label="View name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={80}
          required
          data-autofocus
          error={props.error?.message}
        />
        {props.withShare && (
          <Checkbox
            label="Share with the team (syncs when you are online)"
            checked={shared}
            onChange={(event) => setShared(event.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={props.pending} disabled={empty}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function DeleteViewDialog(props: {
  readonly name: string | null
  readonly pending: boolean
  readonly onClose: () => void
  readonly onConfirm: () => void
}) {
  return (
    <Modal opened={props.name !== null} onClose={props.onClose} title="Delete this view?">
      <Stack>
        <Text>
          “{props.name}” will be deleted for you and, if you shared it, for everyone on the team.
          The accounts are not affected.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-autofocus>
            Keep it
          </Button>
          <Button color="red" loading={props.pending} onClick={props.onConfirm}>
            Delete view
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
