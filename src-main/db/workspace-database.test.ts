import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/fixtures/temp-dir'
import { DATABASE_FILE, openWorkspaceDatabase } from './workspace-database'

describe('workspace database', () => {
  it('opens a new SQLite file in WAL mode and reports it ready', async () => {
    const folder = await tempDir()
    const database = openWorkspaceDatabase(folder)
    try {
      expect(database.status()).toMatchObject({
        state: 'ready',
        file: join(folder, DATABASE_FILE),
        journalMode: 'wal',
        schemaVersion: 0,
        sqliteVersion: expect.stringMatching(/^3\.\d+\.\d+$/),
      })
    } finally {
      database.close()
    }
  })

  it('reports a file that is not a database as an error and never overwrites it', async () => {
    const folder = await tempDir()
    const file = join(folder, DATABASE_FILE)
    const foreign = 'these are somebody else\u2019s notes, not a database'.repeat(200)
    await writeFile(file, foreign)
    const database = openWorkspaceDatabase(folder)
    expect(database.status()).toMatchObject({
      state: 'error',
      file,
      message: expect.stringMatching(/not a database/),
    })
    database.close()
    expect(await readFile(file, 'utf8')).toBe(foreign)
  })
})
