import { Center, Loader, MantineProvider, useMantineColorScheme } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { RouterProvider } from '@tanstack/react-router'
import { useEffect } from 'react'
import { defaultSettings } from '@shared/settings/settings'
import { useChangeInvalidation, useInvoke } from './ipc-hooks'
import { router } from './router'
import {
  colorSchemeOf,
  createTierlineTheme,
  settingsColorSchemeManager,
  tierlineCssVariables,
} from './theme'

/** Applies the persisted colour scheme whenever settings change (here or from the menu). */
function ColorSchemeSync({ scheme }: { readonly scheme: ReturnType<typeof colorSchemeOf> }) {
  const { setColorScheme } = useMantineColorScheme()
  useEffect(() => setColorScheme(scheme), [scheme, setColorScheme])
  return null
}

export function App() {
  useChangeInvalidation()
  const settings = useInvoke('settings.get')
  // Until settings arrive we keep defaults; if they cannot load, the app still works on defaults.
  const current = settings.data ?? defaultSettings
  const scheme = colorSchemeOf(current.theme)
  return (
    <MantineProvider
      theme={createTierlineTheme(current.density)}
      colorSchemeManager={settingsColorSchemeManager}
      cssVariablesResolver={tierlineCssVariables}
      defaultColorScheme={scheme}
    >
      <ColorSchemeSync scheme={scheme} />
      <Notifications position="bottom-right" />
      {settings.isPending ? (
        <Center h="100vh" aria-label="Loading Tierline">
          <Loader />
        </Center>
      ) : (
        <RouterProvider router={router} />
      )}
    </MantineProvider>
  )
}
