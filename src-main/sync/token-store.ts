import { chmod, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../services/fs/atomic-file'

/**
 * Where the sync token lives between runs. The app passes Electron's `safeStorage`
 * implementation (src-main/electron/safe-token-store.ts); tests and plain-Node hosts use the
 * file one below. Passed in through the main-services options, like the DesktopPort.
 */
export interface TokenStore {
  save(token: string): Promise<void>
  /** The saved token, or null when none is saved (or it can no longer be decrypted). */
  load(): Promise<string | null>
  clear(): Promise<void>
  /** Why the token is not as safe as it should be (e.g. stored as plain text), if it is not. */
  warning(): string | null
}

export const PLAIN_TOKEN_FILE = 'sync-token'

/**
 * The token in a file only this user may read (0600), in the data folder. Not encrypted: for
 * tests and hosts without an OS keychain; the warning says so.
 */
export function createFileTokenStore(dataRoot: string): TokenStore {
  const file = join(dataRoot, PLAIN_TOKEN_FILE)
  return {
    async save(token) {
      await writeFileAtomic(file, token)
      await chmod(file, 0o600)
    },
    async load() {
      try {
        const text = (await readFile(file, 'utf8')).trim()
        return text === '' ? null : text
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    clear: () => rm(file, { force: true }),
    warning: () =>
      'The sync token is stored unencrypted in the data folder (readable only by your user).',
  }
}
