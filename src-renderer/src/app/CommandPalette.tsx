import { Spotlight, type SpotlightActionData } from '@mantine/spotlight'
import { notifications } from '@mantine/notifications'
import { IconDeviceDesktop, IconMoon, IconSearch, IconSun } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { Theme } from '@shared/settings/settings'
import { describeError } from './ipc-client'
import { useMutate } from './ipc-hooks'
import { navigation } from './navigation'
import { useAccountActions } from './useAccountActions'

const themeCommands: readonly { theme: Theme; label: string; icon: typeof IconSun }[] = [
  { theme: 'light', label: 'Use light theme', icon: IconSun },
  { theme: 'dark', label: 'Use dark theme', icon: IconMoon },
  { theme: 'system', label: 'Use system theme', icon: IconDeviceDesktop },
]

/** Mod+K: jump to any screen or run a command without leaving the keyboard. */
export function CommandPalette() {
  const navigate = useNavigate()
  const setSettings = useMutate('settings.set')
  const [query, setQuery] = useState('')
  const accounts = useAccountActions(query)

  const actions: SpotlightActionData[] = [
    ...navigation.flatMap((section) =>
      section.items.map((item) => ({
        id: `go:${item.to}`,
        group: 'Go to',
        label: `${section.label}: ${item.label}`,
        description: item.description,
        leftSection: <item.icon size={18} stroke={1.5} />,
        onClick: () => void navigate({ to: item.to }),
      })),
    ),
    ...themeCommands.map((command) => ({
      id: `theme:${command.theme}`,
      group: 'Commands',
      label: command.label,
      keywords: ['theme', 'appearance', 'colour', 'color', 'dark', 'light'],
      leftSection: <command.icon size={18} stroke={1.5} />,
      onClick: () =>
        setSettings.mutate(
          { theme: command.theme },
          {
            onError: (error) =>
              notifications.show({
                color: 'red',
                title: 'Theme not changed',
                message: describeError(error),
              }),
          },
        ),
    })),
    // Last, so a screen or command whose name matches stays the first choice.
    ...accounts,
  ]

  return (
    <Spotlight
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      nothingFound="No screen, command or account matches"
      highlightQuery
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.5} />,
        placeholder: 'Go to a screen or an account, or run a command…',
        'aria-label': 'Search screens and commands',
      }}
    />
  )
}
