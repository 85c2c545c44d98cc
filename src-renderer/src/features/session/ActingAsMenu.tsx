import { Button, Menu, ScrollArea, Text } from '@mantine/core'
import { IconCheck, IconChevronDown, IconUserCircle } from '@tabler/icons-react'
import { Fragment } from 'react'
import type { UserRole } from '@shared/model/enums'
import type { SessionUser } from '@shared/session/current-user'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { notifyFailure, notifySuccess } from '../workspaces/notify'

const roleLabels: Readonly<Record<UserRole, string>> = {
  admin: 'Admins',
  manager: 'Managers',
  csm: 'CSMs',
  tam: 'TAMs',
}
const roleOrder: readonly UserRole[] = ['manager', 'csm', 'tam', 'admin']

/**
 * "Acting as": a local workspace has no sign-in, so whoever uses it picks whose hat they wear
 * (a manager to approve a proposal). Signed in to team sync, the server says who you are and
 * the menu says so instead of offering a switch.
 */
export function ActingAsMenu() {
  const me = useInvoke('session.currentUser')
  const people = useInvoke('session.users')
  const switchUser = useMutate('session.switchUser')
  const name = me.data?.name ?? 'Someone'
  const byRole = (role: UserRole): readonly SessionUser[] =>
    (people.data?.users ?? []).filter((user) => user.role === role)

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconUserCircle size={18} />}
          rightSection={<IconChevronDown size={14} />}
          loading={switchUser.isPending}
          aria-label={`Acting as ${name}${me.data === undefined ? '' : `, ${me.data.role}`}: switch user`}
          data-testid="acting-as"
        >
          {name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={420}>
          {people.data === undefined ? (
            <Menu.Label>{people.isError ? people.error.message : 'Loading people…'}</Menu.Label>
          ) : !people.data.canSwitch ? (
            <Menu.Label>{people.data.reason ?? 'Switching user is not possible here.'}</Menu.Label>
          ) : (
            roleOrder.map((role) =>
              byRole(role).length === 0 ? null : (
                <Fragment key={role}>
                  <Menu.Label>{roleLabels[role]}</Menu.Label>
                  {byRole(role).map((user) => (
                    <Menu.Item
                      key={user.id}
                      leftSection={user.isCurrent ? <IconCheck size={14} /> : <span aria-hidden />}
                      disabled={user.isCurrent}
                      onClick={() =>
                        switchUser.mutate(
                          { userId: user.id },
                          {
                            onSuccess: (now) =>
                              notifySuccess(
                                'Acting as someone else',
                                `You are now ${now.name} (${now.role}).`,
                              ),
                            onError: notifyFailure('Not switched'),
                          },
                        )
                      }
                    >
                      <Text size="sm">{user.name}</Text>
                      <Text size="xs" c="dimmed">
                        {user.title}
                      </Text>
                    </Menu.Item>
                  ))}
                </Fragment>
              ),
            )
          )}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  )
}
