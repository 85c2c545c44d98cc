import { z } from 'zod'

export const themeSchema = z.enum(['light', 'dark', 'system'])
export const densitySchema = z.enum(['comfortable', 'compact'])

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1
  } catch {
    return false
  }
}

export const localeSchema = z
  .string()
  .min(2)
  .max(35)
  .refine(isLanguageTag, { message: 'must be a BCP 47 language tag such as en-US' })

export const settingsSchema = z.object({
  theme: themeSchema,
  locale: localeSchema,
  density: densitySchema,
})

/** A change to some settings; unknown keys are refused so a typo never silently does nothing. */
export const settingsPatchSchema = settingsSchema.partial().strict()

export type Theme = z.infer<typeof themeSchema>
export type Density = z.infer<typeof densitySchema>
export type Settings = Readonly<z.infer<typeof settingsSchema>>
export type SettingsPatch = Readonly<z.infer<typeof settingsPatchSchema>>

export const defaultSettings: Settings = {
  theme: 'system',
  locale: 'en-US',
  density: 'comfortable',
}

/** Locales offered in the settings screen; any valid tag is accepted through the contract. */
export const offeredLocales: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'en-US', label: 'English (United States)' },
  { value: 'en-GB', label: 'English (United Kingdom)' },
  { value: 'de-DE', label: 'Deutsch (Deutschland)' },
  { value: 'fr-FR', label: 'Français (France)' },
  { value: 'es-ES', label: 'Español (España)' },
  { value: 'ja-JP', label: '日本語 (日本)' },
]
