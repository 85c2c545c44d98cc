import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { safeStorage } from 'electron'
import { writeFileAtomic } from '../services/fs/atomic-file'
import type { Logger } from '../services/log/logger'
import type { TokenStore } from '../sync/token-store'

export const SAFE_TOKEN_FILE = 'sync-token.enc'

/**
 * The sync token encrypted with Electron's `safeStorage` (Keychain, DPAPI, libsecret/kwallet),
 * kept base64 in the data folder (0600). On Linux without a keyring Electron falls back to
 * `basic_text`, which is not really encrypted: the user is told so.
 */
export function createSafeTokenStore(dataRoot: string, log: Logger): TokenStore {
  const file = join(dataRoot, SAFE_TOKEN_FILE)
  const plainOnLinux = () =>
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
  return {
    async save(token) {
      if (plainOnLinux()) log.warn('safeStorage uses basic_text: the sync token is not encrypted')
      const encrypted = await safeStorage.encryptStringAsync(token)
      await writeFileAtomic(file, encrypted.toString('base64'))
    },
    async load() {
      let text: string
      try {
        text = (await readFile(file, 'utf8')).trim()
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
          Buffer.from(text, 'base64'),
        )
        // The keychain rotated its key: store the token under the new one.
        if (shouldReEncrypt) {
          await writeFileAtomic(
            file,
            (await safeStorage.encryptStringAsync(result)).toString('base64'),
          )
        }
        return result
      } catch (error) {
        // Another user's or machine's keychain: signing in again is the only way back.
        log.warn('the saved sync token could not be decrypted', { error: String(error) })
        return null
      }
    },
    clear: () => rm(file, { force: true }),
    warning: () =>
      plainOnLinux()
        ? 'No system keyring was found, so the sync token is stored without real encryption (Electron safeStorage "basic_text").'
        : null,
  }
}
