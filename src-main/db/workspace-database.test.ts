import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/fixtures/temp-dir'
import { openWorkspaceDatabase } from './workspace-database'

describe('workspace database', () => {
  it('opens a new SQLite file in WAL mode and reports it ready', async () => {
    const file = join(await tempDir(), 'tierline.sqlite')
    const database = await openWorkspaceDatabase(file)
    try {
      expect(database.status()).toMatchObject({
        state: 'ready',
        file,
        journalMode: 'wal',
        schemaVersion: 0,
        sqliteVersion: expect.stringMatching(/^3\.\d+\.\d+$/),
      })
      expect(database.connection()).toBeDefined()
    } finally {
      await database.close()
    }
  })

  it('reports a file that is not a database as an error and never overwrites it', async () => {
    const file = join(await tempDir(), 'tierline.sqlite')
    const foreign = 'these are somebody else\u2019s notes, not a database'.repeat(200)
    await writeFile(file, foreign)
    const database = await openWorkspaceDatabase(file)
    expect(database.status()).toMatchObject({
      state: 'error',
      file,
      message: expect.stringMatching(/not a database/),
    })
    expect(database.connection()).toBeUndefined()
    await database.close()
    expect(await readFile(file, 'utf8')).toBe(foreign)
  })
})
