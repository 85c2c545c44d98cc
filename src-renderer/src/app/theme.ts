import { createTheme, type MantineColorScheme, type MantineColorSchemeManager } from '@mantine/core'
import type { Density, Theme } from '@shared/settings/settings'

/** Compact density shrinks every rem-based size (spacing, fonts, controls) together. */
const scaleByDensity: Readonly<Record<Density, number>> = { comfortable: 1, compact: 0.875 }

export function createTierlineTheme(density: Density) {
  return createTheme({
    primaryColor: 'teal',
    defaultRadius: 'md',
    scale: scaleByDensity[density],
    fontFamily:
      'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  })
}

export function colorSchemeOf(theme: Theme): MantineColorScheme {
  return theme === 'system' ? 'auto' : theme
}

/**
 * The colour scheme lives in settings (main process, on disk), not in localStorage, so this
 * manager stores nothing: ColorSchemeSync applies the persisted value.
 */
export const settingsColorSchemeManager: MantineColorSchemeManager = {
  get: (defaultValue) => defaultValue,
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
}
