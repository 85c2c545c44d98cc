import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { TierlineError } from '@shared/ipc/errors'

/** Where the Electron-ABI build of better-sqlite3 is kept, relative to the project root. */
export const ELECTRON_NATIVE_DIR = join('build', 'electron-native')
export const SQLITE_ADDON = 'better_sqlite3.node'

/**
 * better-sqlite3 in node_modules is compiled for Node (tests, benchmarks, the sync server).
 * Electron has another ABI, so the app loads a second build kept apart by
 * scripts/prepare-electron.mjs (development) or shipped in resources/native (packaged app).
 * Returns undefined in plain Node, meaning "use the module's own binary".
 */
export function sqliteNativeBinding(runtime: {
  readonly electron: boolean
  readonly packaged: boolean
  readonly appRoot: string
  readonly resourcesPath: string
}): string | undefined {
  if (!runtime.electron) return undefined
  const file = runtime.packaged
    ? join(runtime.resourcesPath, 'native', SQLITE_ADDON)
    : join(runtime.appRoot, ELECTRON_NATIVE_DIR, SQLITE_ADDON)
  if (!existsSync(file)) {
    throw new TierlineError(
      'storage',
      `Tierline's SQLite module for Electron is missing at ${file}. Run "npm start" with internet access once; it builds it.`,
      { file },
    )
  }
  return file
}
