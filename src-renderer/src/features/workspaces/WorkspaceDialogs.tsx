import { Alert, Button, Group, Modal, Progress, Radio, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { WorkspaceContent, WorkspaceListItem } from '@shared/workspace/workspace'
import { useMutate } from '../../app/ipc-hooks'
import { notifyFailure, notifySuccess } from './notify'
import { useWorkspaceProgress } from './useWorkspaceProgress'

function ProgressLine({ task }: { readonly task: 'load-demo' | 'backup' | 'restore' }) {
  const progress = useWorkspaceProgress()
  if (progress?.task !== task || progress.total === 0) return null
  return (
    <Stack gap={4} aria-live="polite">
      <Progress
        value={(progress.done / progress.total) * 100}
        animated
        aria-label={progress.message}
      />
      <Text size="xs" c="dimmed">
        {progress.message}
      </Text>
    </Stack>
  )
}

export function CreateWorkspaceDialog({
  opened,
  onClose,
}: {
  readonly opened: boolean
  readonly onClose: () => void
}) {
  const [name, setName] = useState('')
  const [content, setContent] = useState<WorkspaceContent>('empty')
  const create = useMutate('workspaces.create')
  const fieldError = create.error?.details?.['issues'] as
    { field: string; message: string }[] | undefined
  const submit = () =>
    create.mutate(
      { name, content },
      {
        onSuccess: (workspace) => {
          notifySuccess('Workspace created', `"${workspace.name}" is now open.`)
          setName('')
          onClose()
        },
      },
    )
  return (
    <Modal
      opened={opened}
      onClose={create.isPending ? () => undefined : onClose}
      title="New workspace"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            placeholder="e.g. EMEA enterprise book"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError?.find((issue) => issue.field === 'name')?.message}
            data-autofocus
            required
          />
          <Radio.Group
            label="Start with"
            value={content}
            onChange={(value) => setContent(value === 'demo' ? 'demo' : 'empty')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="empty" label="An empty workspace" />
              <Radio value="demo" label="The demo book (300 accounts, 30,000 tickets)" />
            </Stack>
          </Radio.Group>
          {create.isPending && content === 'demo' && <ProgressLine task="load-demo" />}
          {create.isError && fieldError === undefined && (
            <Alert color="red">{create.error.message}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and open
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function RenameWorkspaceDialog({
  workspace,
  onClose,
}: {
  readonly workspace: WorkspaceListItem | undefined
  readonly onClose: () => void
}) {
  const [name, setName] = useState(workspace?.name ?? '')
  const rename = useMutate('workspaces.rename')
  return (
    <Modal opened={workspace !== undefined} onClose={onClose} title="Rename workspace">
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (workspace === undefined) return
          rename.mutate({ id: workspace.id, name }, { onSuccess: onClose })
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={rename.error?.message}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function DeleteWorkspaceDialog({
  workspace,
  onClose,
}: {
  readonly workspace: WorkspaceListItem | undefined
  readonly onClose: () => void
}) {
  const [typed, setTyped] = useState('')
  const remove = useMutate('workspaces.delete')
  const matches = workspace !== undefined && typed.trim() === workspace.name
  return (
    <Modal opened={workspace !== undefined} onClose={onClose} title="Delete workspace">
      <Stack>
        <Alert color="red" title="This cannot be undone">
          Deleting <b>{workspace?.name}</b> removes its database, backups and exports from this
          computer. Data that was synced to your team stays on the server.
        </Alert>
        <TextInput
          label={`Type "${workspace?.name ?? ''}" to confirm`}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          error={remove.error?.message}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button
            color="red"
            disabled={!matches}
            loading={remove.isPending}
            onClick={() =>
              workspace &&
              remove.mutate(
                { id: workspace.id, confirmName: typed },
                {
                  onSuccess: () => {
                    notifySuccess('Workspace deleted', `"${workspace.name}" was removed.`)
                    onClose()
                  },
                  onError: notifyFailure('Workspace not deleted'),
                },
              )
            }
          >
            Delete workspace
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function RestoreBackupDialog({
  target,
  onClose,
}: {
  readonly target:
    | { readonly workspace: WorkspaceListItem; readonly backupId: string; readonly label: string }
    | undefined
  readonly onClose: () => void
}) {
  const restore = useMutate('workspaces.restore')
  return (
    <Modal
      opened={target !== undefined}
      onClose={restore.isPending ? () => undefined : onClose}
      title="Restore backup"
    >
      <Stack>
        <Text>
          Replace the data of <b>{target?.workspace.name}</b> with the backup from{' '}
          <b>{target?.label}</b>? Changes made since then are not lost: the current database file is
          kept beside it.
        </Text>
        {restore.isPending && <ProgressLine task="restore" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={restore.isPending}>
            Cancel
          </Button>
          <Button
            loading={restore.isPending}
            onClick={() =>
              target &&
              restore.mutate(
                { id: target.workspace.id, backupId: target.backupId },
                {
                  onSuccess: () => {
                    notifySuccess(
                      'Backup restored',
                      `"${target.workspace.name}" is back to ${target.label}.`,
                    )
                    onClose()
                  },
                  onError: notifyFailure('Backup not restored'),
                },
              )
            }
          >
            Restore
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export { ProgressLine }
