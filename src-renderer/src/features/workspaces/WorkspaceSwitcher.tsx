import { Button, Menu, Skeleton } from '@mantine/core'
import { IconCheck, IconChevronDown, IconSettings } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { notifyFailure } from './notify'

/** The header's workspace name, which is also the quickest way to switch workspaces. */
export function WorkspaceSwitcher() {
  const info = useInvoke('app.info')
  const workspaces = useInvoke('workspaces.list')
  const open = useMutate('workspaces.open')
  if (info.isPending) return <Skeleton height={18} width={140} />
  return (
    <Menu position="bottom-start" width={260}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          rightSection={<IconChevronDown size={14} />}
          loading={open.isPending}
          data-testid="workspace-name"
          aria-label={`Workspace: ${info.data?.workspace.name ?? 'unavailable'}. Switch workspace`}
        >
          {info.data?.workspace.name ?? 'Workspace unavailable'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Switch workspace</Menu.Label>
        {(workspaces.data ?? []).map((workspace) => (
          <Menu.Item
            key={workspace.id}
            leftSection={
              workspace.active ? (
                <IconCheck size={14} />
              ) : (
                <IconCheck size={14} visibility="hidden" />
              )
            }
            disabled={workspace.active}
            onClick={() =>
              open.mutate({ id: workspace.id }, { onError: notifyFailure('Workspace not opened') })
            }
          >
            {workspace.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          component={Link}
          to="/settings/workspaces"
          leftSection={<IconSettings size={14} />}
        >
          Manage workspaces…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
