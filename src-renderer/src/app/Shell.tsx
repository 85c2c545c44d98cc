import {
  AppShell,
  Burger,
  Group,
  Kbd,
  NavLink,
  ScrollArea,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { spotlight } from '@mantine/spotlight'
import { IconSearch } from '@tabler/icons-react'
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router'
import { useCallback } from 'react'
import { ErrorBoundary } from 'react-error-boundary'
import type { NavigateEvent } from '@shared/ipc/contract'
import { SyncStatus } from '../components/SyncStatus'
import { ActingAsMenu } from '../features/session/ActingAsMenu'
import { DatabaseProblemBanner } from '../features/workspaces/DatabaseProblemBanner'
import { WorkspaceLoadingNotice } from '../features/workspaces/WorkspaceLoadingNotice'
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher'
import { CommandPalette } from './CommandPalette'
import { ErrorFallback } from './ErrorFallback'
import { useSubscription } from './ipc-hooks'
import { navigation } from './navigation'

export function Shell() {
  const [navbarOpen, { toggle }] = useDisclosure()
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  const navigate = useNavigate()
  const followMenu = useCallback(
    (event: NavigateEvent) => void navigate({ to: event.to }),
    [navigate],
  )
  useSubscription('app.navigate', followMenu)

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navbarOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navbarOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h4">
              Tierline
            </Title>
            <Text c="dimmed" aria-hidden>
              /
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* Named by its visible text (WCAG 2.5.3); the shortcut is announced, not read out. */}
            <UnstyledButton onClick={() => spotlight.open()} aria-keyshortcuts="Control+K Meta+K">
              <Group gap={6} c="dimmed">
                <IconSearch size={16} aria-hidden />
                <Text size="sm">Search</Text>
                <Kbd size="xs" aria-hidden>
                  Ctrl/⌘ K
                </Kbd>
              </Group>
            </UnstyledButton>
            <SyncStatus />
            <ActingAsMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {navigation.map((section) => (
            <NavLink key={section.label} label={section.label} defaultOpened childrenOffset={12}>
              {section.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  leftSection={<item.icon size={18} stroke={1.5} />}
                  rightSection={item.badge === undefined ? undefined : <item.badge />}
                  active={pathname === item.to}
                />
              ))}
            </NavLink>
          ))}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        <ErrorBoundary FallbackComponent={ErrorFallback} resetKeys={[pathname]}>
          <WorkspaceLoadingNotice />
          <DatabaseProblemBanner />
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
      <CommandPalette />
    </AppShell>
  )
}
