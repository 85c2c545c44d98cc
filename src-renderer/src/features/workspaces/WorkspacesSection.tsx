import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import {
  IconArchive,
  IconDots,
  IconFolderOpen,
  IconHistory,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react'
import { useState } from 'react'
import type { WorkspaceListItem } from '@shared/workspace/workspace'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { SectionState } from '../settings/SectionState'
import { useSettings } from '../settings/useSettings'
import { notifyFailure, notifySuccess } from './notify'
import {
  CreateWorkspaceDialog,
  DeleteWorkspaceDialog,
  ProgressLine,
  RenameWorkspaceDialog,
  RestoreBackupDialog,
} from './WorkspaceDialogs'

function useFormatters() {
  const locale = useSettings().settings.data?.locale ?? 'en-US'
  return {
    date: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(iso),
      ),
    size: (bytes: number) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'megabyte',
        maximumFractionDigits: 1,
      }).format(bytes / 1_048_576),
  }
}

function BackupsPanel({ workspace }: { readonly workspace: WorkspaceListItem }) {
  const backups = useInvoke('workspaces.backups', { id: workspace.id })
  const backup = useMutate('workspaces.backup')
  const format = useFormatters()
  const [restoring, setRestoring] = useState<{
    workspace: WorkspaceListItem
    backupId: string
    label: string
  }>()
  return (
    <Card withBorder padding="lg" aria-label={`Backups of ${workspace.name}`}>
      <Group justify="space-between" mb="md">
        <Title order={4}>Backups of {workspace.name}</Title>
        {workspace.active && (
          <Button
            leftSection={<IconArchive size={16} />}
            loading={backup.isPending}
            onClick={() =>
              backup.mutate(undefined, {
                onSuccess: (made) =>
                  notifySuccess('Backup made', `Saved ${format.date(made.createdAt)}.`),
                onError: notifyFailure('Backup failed'),
              })
            }
          >
            Back up now
          </Button>
        )}
      </Group>
      {backup.isPending && <ProgressLine task="backup" />}
      <SectionState query={backups}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">
              No backups yet.{' '}
              {workspace.active
                ? 'Back up now to keep a copy you can restore.'
                : 'Open this workspace to back it up.'}
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Made</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{format.date(item.createdAt)}</Table.Td>
                    <Table.Td>{format.size(item.sizeBytes)}</Table.Td>
                    <Table.Td align="right">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconHistory size={14} />}
                        onClick={() =>
                          setRestoring({
                            workspace,
                            backupId: item.id,
                            label: format.date(item.createdAt),
                          })
                        }
                      >
                        Restore
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </SectionState>
      <RestoreBackupDialog
        key={restoring?.backupId}
        target={restoring}
        onClose={() => setRestoring(undefined)}
      />
    </Card>
  )
}

export function WorkspacesSection() {
  const workspaces = useInvoke('workspaces.list')
  const open = useMutate('workspaces.open')
  const format = useFormatters()
  const [creating, setCreating] = useState(false)
  const [renaming, setRenaming] = useState<WorkspaceListItem>()
  const [deleting, setDeleting] = useState<WorkspaceListItem>()
  const [showingBackupsOf, setShowingBackupsOf] = useState<string>()

  return (
    <Stack>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="md">
          <Title order={3}>Workspaces</Title>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New workspace
          </Button>
        </Group>
        <SectionState query={workspaces}>
          {(list) => (
            <Table highlightOnHover aria-label="Workspaces">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((workspace) => (
                  <Table.Tr key={workspace.id} data-testid={`workspace-row-${workspace.name}`}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={workspace.active ? 600 : 400}>{workspace.name}</Text>
                        {workspace.active && (
                          <Badge size="sm" variant="light">
                            Open
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{format.date(workspace.createdAt)}</Table.Td>
                    <Table.Td>{format.size(workspace.sizeBytes)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {!workspace.active && (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconFolderOpen size={14} />}
                            loading={open.isPending && open.variables?.id === workspace.id}
                            onClick={() =>
                              open.mutate(
                                { id: workspace.id },
                                { onError: notifyFailure('Workspace not opened') },
                              )
                            }
                          >
                            Open
                          </Button>
                        )}
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`More actions for ${workspace.name}`}
                            >
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconPencil size={14} />}
                              onClick={() => setRenaming(workspace)}
                            >
                              Rename
                            </Menu.Item>
                            <Menu.Item
                              leftSection={<IconArchive size={14} />}
                              onClick={() => setShowingBackupsOf(workspace.id)}
                            >
                              Backups
                            </Menu.Item>
                            <Menu.Divider />
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              disabled={workspace.active}
                              onClick={() => setDeleting(workspace)}
                            >
                              {workspace.active ? 'Delete (open another first)' : 'Delete…'}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </SectionState>
      </Card>
      {(() => {
        const list = workspaces.data ?? []
        const selected =
          list.find((item) => item.id === showingBackupsOf) ?? list.find((item) => item.active)
        return selected === undefined ? null : (
          <BackupsPanel key={selected.id} workspace={selected} />
        )
      })()}
      <CreateWorkspaceDialog opened={creating} onClose={() => setCreating(false)} />
      <RenameWorkspaceDialog
        key={renaming?.id}
        workspace={renaming}
        onClose={() => setRenaming(undefined)}
      />
      <DeleteWorkspaceDialog
        key={deleting?.id}
        workspace={deleting}
        onClose={() => setDeleting(undefined)}
      />
    </Stack>
  )
}
