import {
  createTheme,
  darken,
  type CSSVariablesResolver,
  type MantineColorScheme,
  type MantineColorSchemeManager,
} from '@mantine/core'
import type { Density, Theme } from '@shared/settings/settings'

/** Compact density shrinks every rem-based size (spacing, fonts, controls) together. */
const scaleByDensity: Readonly<Record<Density, number>> = { comfortable: 1, compact: 0.875 }

export function createTierlineTheme(density: Density) {
  return createTheme({
    primaryColor: 'teal',
    // Shade 9 (and dark text on light fills) keeps text on coloured backgrounds — buttons,
    // links — at WCAG AA contrast in both schemes; Mantine's default shade 6 is not.
    primaryShade: { light: 9, dark: 9 },
    autoContrast: true,
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

/**
 * WCAG AA (4.5:1 for small text) in the light scheme, where Mantine's defaults fall short:
 * `dimmed` text (gray 6 on white) and the text of light and outline variants (badges, the
 * active navigation link: shade 9 on a pale tint of itself is about 4:1, orange and yellow
 * less) get one step darker. The dark scheme's defaults are light text on dark and pass, except
 * `dimmed`, which moves up one shade as well.
 */
export const tierlineCssVariables: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7] ?? '#495057',
    ...Object.fromEntries(
      Object.entries(theme.colors).flatMap(([name, shades]) => {
        const strongest = shades[9]
        if (strongest === undefined || name === 'dark') return []
        return [
          [`--mantine-color-${name}-light-color`, darken(strongest, 0.35)],
          [`--mantine-color-${name}-outline`, darken(strongest, 0.25)],
        ]
      }),
    ),
  },
  dark: { '--mantine-color-dimmed': theme.colors.dark[1] ?? '#b8b8b8' },
})
