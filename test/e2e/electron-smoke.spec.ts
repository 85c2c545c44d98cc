import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ELECTRON_NATIVE_DIR, SQLITE_ADDON } from '../../src-main/db/native-binding'

const projectRoot = resolve(import.meta.dirname, '../..')

/**
 * The Electron binary is fetched on first `npm start`, not at install time; reading its path
 * file avoids `require('electron')`, which would try to download it in the middle of a test.
 */
function installedElectronBinary(): string | undefined {
  const packageDir = join(projectRoot, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

const binary = installedElectronBinary()
const nativeSqlite = join(projectRoot, ELECTRON_NATIVE_DIR, SQLITE_ADDON)
const skipReason =
  binary === undefined
    ? 'skipped: Electron binary not installed (its download is blocked on this machine; `npm start` fetches it where the internet is reachable)'
    : !existsSync(nativeSqlite)
      ? 'skipped: better-sqlite3 is not built for Electron yet (`npm start` builds it where Electron headers can be downloaded)'
      : undefined

test('Electron smoke: the built app opens its window and answers app.info', async ({}, testInfo) => {
  if (skipReason !== undefined) console.log(skipReason)
  test.skip(skipReason !== undefined, skipReason)

  // The unpackaged build: Playwright needs the inspect fuse that release builds turn off.
  const app = await electron.launch({
    executablePath: binary,
    args: [join(projectRoot, 'out/main/index.js')],
    env: { ...process.env, TIERLINE_DATA_ROOT: testInfo.outputPath('electron-data') },
  })
  try {
    const page = await app.firstWindow()
    await expect(page.getByRole('heading', { name: 'Tierline', level: 1 })).toBeVisible()
    const info = await page.evaluate(() => window.tierline.invoke('app.info'))
    expect(info).toMatchObject({ ok: true, value: { database: { state: 'ready' } } })
    expect(info.ok && info.value.runtime.electron).toBeTruthy()
  } finally {
    await app.close()
  }
})
