import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/fixtures/temp-dir'
import { ELECTRON_NATIVE_DIR, SQLITE_ADDON, sqliteNativeBinding } from './native-binding'

describe('better-sqlite3 binary per runtime', () => {
  it("uses the module's own Node build outside Electron", () => {
    expect(
      sqliteNativeBinding({
        electron: false,
        packaged: false,
        appRoot: '/app',
        resourcesPath: '/r',
      }),
    ).toBeUndefined()
  })

  it('uses the separately built Electron binary in development and the shipped one when packaged', async () => {
    const appRoot = await tempDir()
    const resourcesPath = await tempDir()
    const devBinary = join(appRoot, ELECTRON_NATIVE_DIR, SQLITE_ADDON)
    const shipped = join(resourcesPath, 'native', SQLITE_ADDON)
    for (const file of [devBinary, shipped]) {
      await mkdir(join(file, '..'), { recursive: true })
      await writeFile(file, '')
    }
    expect(sqliteNativeBinding({ electron: true, packaged: false, appRoot, resourcesPath })).toBe(
      devBinary,
    )
    expect(sqliteNativeBinding({ electron: true, packaged: true, appRoot, resourcesPath })).toBe(
      shipped,
    )
  })

  it('explains how to get the Electron binary when it is missing', async () => {
    const appRoot = await tempDir()
    expect(() =>
      sqliteNativeBinding({ electron: true, packaged: false, appRoot, resourcesPath: appRoot }),
    ).toThrow(/missing at .*better_sqlite3\.node\. Run "npm start"/)
  })
})
