import { join } from 'node:path'
import { changedTopic } from '@shared/ipc/contract'
import { validationError } from '@shared/ipc/errors'
import {
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '@shared/settings/settings'
import type { EventBus } from '../events/event-bus'
import { writeJsonAtomic } from '../fs/atomic-file'
import { quarantineCopy, readJsonFile } from '../fs/json-file'
import type { Logger } from '../log/logger'

export const SETTINGS_FILE = 'settings.json'

export interface SettingsStore {
  get(): Settings
  /** Validates, writes to disk, then announces `changed:settings`. Invalid patches change nothing. */
  set(patch: unknown): Promise<Settings>
}

/**
 * Keeps whatever fields of a stored settings file are still valid; a field that fails its
 * schema (hand edit, older version) falls back to its default instead of losing the rest.
 */
function salvage(stored: unknown): { settings: Settings; damaged: boolean } {
  const whole = settingsSchema.safeParse(stored)
  if (whole.success) return { settings: whole.data, damaged: false }
  const record =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  const settings = { ...defaultSettings }
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse(record[key])
    if (field.success) Object.assign(settings, { [key]: field.data })
  }
  return { settings, damaged: true }
}

export async function openSettingsStore(options: {
  readonly dataRoot: string
  readonly events: EventBus
  readonly log: Logger
}): Promise<SettingsStore> {
  const file = join(options.dataRoot, SETTINGS_FILE)
  const read = await readJsonFile(file)
  let current: Settings = defaultSettings
  if (read.state !== 'missing') {
    const { settings, damaged } =
      read.state === 'ok' ? salvage(read.value) : { settings: defaultSettings, damaged: true }
    current = settings
    if (damaged) {
      const copy = await quarantineCopy(file)
      options.log.warn('settings file was damaged; kept a copy and used defaults for bad fields', {
        copy,
      })
    }
  }

  // Writes are serialised so two quick changes land on disk in the order they were made.
  let queue: Promise<unknown> = Promise.resolve()

  return {
    get: () => current,
    set(patch) {
      const parsed = settingsPatchSchema.safeParse(patch)
      if (!parsed.success) return Promise.reject(validationError(parsed.error, 'settings'))
      const write = queue.then(async () => {
        const next: Settings = { ...current, ...(parsed.data satisfies SettingsPatch) }
        await writeJsonAtomic(file, next)
        current = next
        options.events.publish(changedTopic('settings'), { collection: 'settings' })
        return next
      })
      queue = write.catch(() => undefined)
      return write
    },
  }
}
