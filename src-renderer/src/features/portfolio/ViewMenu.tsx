import { ActionIcon, Badge, Button, Group, Menu, Select, Tooltip } from '@mantine/core'
import { IconDeviceFloppy, IconDots, IconPencil, IconShare, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { myBookState } from '@shared/portfolio/portfolio-view'
import { useMutate } from '../../app/ipc-hooks'
import { notifyFailure, notifySuccess } from '../workspaces/notify'
import { MY_BOOK_ID, type PortfolioView } from './usePortfolioView'
import { DeleteViewDialog, ViewNameDialog } from './ViewDialogs'

type Dialog = 'save-as' | 'rename' | null

/** Pick a saved view; save, rename, share or delete the one on screen. */
export function ViewMenu({ view }: { readonly view: PortfolioView }) {
  const [dialog, setDialog] = useState<Dialog>(null)
  const [deleting, setDeleting] = useState<string | null>(null)
  const save = useMutate('views.save')
  const rename = useMutate('views.rename')
  const share = useMutate('views.share')
  const remove = useMutate('views.delete')
  const summary = view.active.summary
  const mine = summary?.mine === true
  const list = view.views.data ?? []
  const data = [
    { group: 'Built in', items: [{ value: MY_BOOK_ID, label: 'My book' }] },
    {
      group: 'My views',
      items: list.filter((v) => v.mine).map((v) => ({ value: v.id, label: v.name })),
    },
    {
      group: 'Shared with the team',
      items: list
        .filter((v) => !v.mine)
        .map((v) => ({ value: v.id, label: `${v.name} (${v.ownerName})` })),
    },
  ].filter((group) => group.items.length > 0)

  const closeDialog = () => {
    setDialog(null)
    save.reset()
    rename.reset()
  }

  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        label="View"
        data={data}
        value={view.active.id}
        onChange={(id) => {
          if (id === null) return
          const picked = list.find((v) => v.id === id)
          view.apply(
            picked === undefined
              ? { id: MY_BOOK_ID, name: 'My book', state: myBookState, summary: null }
              : { id: picked.id, name: picked.name, state: picked.state, summary: picked },
          )
        }}
        allowDeselect={false}
        searchable
        w={240}
      />
      {view.dirty && (
        <Badge variant="light" color="yellow" mt={24}>
          Unsaved changes
        </Badge>
      )}
      {summary !== null && summary.shared && (
        <Badge variant="light" color="blue" mt={24}>
          Shared
        </Badge>
      )}
      <Group gap={4} mt={24} wrap="nowrap">
        {mine && view.dirty && (
          <Button
            variant="light"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  id: summary.id,
                  screen: 'portfolio',
                  name: summary.name,
                  shared: summary.shared,
                  state: view.state,
                },
                {
                  onSuccess: (saved) =>
                    notifySuccess('View saved', `“${saved.name}” is up to date.`),
                  onError: notifyFailure('View not saved'),
                },
              )
            }
          >
            Save
          </Button>
        )}
        <Button variant="default" onClick={() => setDialog('save-as')}>
          Save as…
        </Button>
        {mine && (
          <Menu position="bottom-end">
            <Menu.Target>
              <Tooltip label="View actions">
                <ActionIcon variant="default" size="lg" aria-label="View actions">
                  <IconDots size={16} />
                </ActionIcon>
              </Tooltip>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setDialog('rename')}>
                Rename…
              </Menu.Item>
              <Menu.Item
                leftSection={<IconShare size={14} />}
                onClick={() =>
                  share.mutate(
                    { id: summary.id, shared: !summary.shared },
                    {
                      onSuccess: (shared) =>
                        notifySuccess(
                          shared.shared ? 'View shared' : 'View no longer shared',
                          shared.shared
                            ? `The team sees “${shared.name}” once you are in sync.`
                            : `Only you see “${shared.name}” now.`,
                        ),
                      onError: notifyFailure('Sharing not changed'),
                    },
                  )
                }
              >
                {summary.shared ? 'Stop sharing' : 'Share with the team'}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setDeleting(summary.id)}
              >
                Delete…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>

      <ViewNameDialog
        opened={dialog === 'save-as'}
        title="Save as a new view"
        submitLabel="Save view"
        initialName={summary === null ? '' : `${summary.name} (copy)`}
        withShare
        pending={save.isPending}
        error={save.error}
        onClose={closeDialog}
        onSubmit={({ name, shared }) =>
          save.mutate(
            { id: null, screen: 'portfolio', name, shared, state: view.state },
            {
              onSuccess: (saved) => {
                view.select(saved.id)
                closeDialog()
                notifySuccess('View saved', `“${saved.name}” is in your views.`)
              },
            },
          )
        }
      />
      <ViewNameDialog
        opened={dialog === 'rename'}
        title="Rename view"
        submitLabel="Rename"
        initialName={summary?.name ?? ''}
        withShare={false}
        pending={rename.isPending}
        error={rename.error}
        onClose={closeDialog}
        onSubmit={({ name }) => {
          if (summary === null) return
          rename.mutate({ id: summary.id, name }, { onSuccess: closeDialog })
        }}
      />
      <DeleteViewDialog
        name={deleting === null ? null : (list.find((v) => v.id === deleting)?.name ?? null)}
        pending={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting === null) return
          remove.mutate(
            { id: deleting },
            {
              onSuccess: (deleted) => {
                setDeleting(null)
                view.apply({ id: MY_BOOK_ID, name: 'My book', state: view.state, summary: null })
                notifySuccess('View deleted', `“${deleted.name}” was deleted.`)
              },
              onError: notifyFailure('View not deleted'),
            },
          )
        }}
      />
    </Group>
  )
}
