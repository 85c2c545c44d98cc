import type { HandlerMap } from '../ipc/router'
import type { SettingsStore } from './settings-store'

export function settingsHandlers(settings: SettingsStore) {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  } satisfies Partial<HandlerMap>
}
