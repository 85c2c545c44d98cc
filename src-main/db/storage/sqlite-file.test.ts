import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { TierlineError } from '@shared/ipc/errors'
import { account, openAccounts, storageIn } from './test-kit'
import {
  PAGE_CACHE_KIB,
  STORAGE_FORMAT_VERSION,
  TIERLINE_APPLICATION_ID,
  openStorageFile,
} from './sqlite-file'

const fingerprint = async (file: string) => {
  const [bytes, info] = await Promise.all([readFile(file), stat(file)])
  return { sha: createHash('sha256').update(bytes).digest('hex'), mtime: info.mtimeMs }
}

/** Opening through the storage must fail with a typed error and leave the file as it was. */
async function expectRefused(folder: string, reason: string) {
  const file = join(folder, 'workspace.sqlite')
  const before = await fingerprint(file)
  const error = await openAccounts(storageIn(folder)).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TierlineError)
  expect(error).toMatchObject({
    code: 'storage',
    message: expect.stringContaining(file),
    details: { file, reason },
  })
  expect(await fingerprint(file)).toEqual(before)
  return error as TierlineError
}

describe('opening the file', () => {
  it('creates a new file (and its folder), marked as ours, in WAL mode', async () => {
    const folder = join(await tempDir(), 'workspaces', 'w1')
    const instance = await openAccounts(storageIn(folder))
    await instance.bulkWrite([{ document: account(1) }], 'test')
    await instance.close()
    const db = new Database(join(folder, 'workspace.sqlite'), { readonly: true })
    expect(db.pragma('application_id', { simple: true })).toBe(TIERLINE_APPLICATION_ID)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(
      db
        .prepare(`select value from tierline_storage_meta where key = 'format_version'`)
        .pluck()
        .get(),
    ).toBe(String(STORAGE_FORMAT_VERSION))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('gives its connection the durability settings and a page cache large enough for a pull page', async () => {
    const instance = await openAccounts(storageIn(await tempDir()))
    const db = instance.internals.database
    // synchronous NORMAL is 1; a negative cache_size is in KiB.
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB)
    expect(PAGE_CACHE_KIB).toBeGreaterThanOrEqual(32 * 1024)
    await instance.close()
  })

  it('takes over an SQLite file with no schema, like the one a workspace folder already has', async () => {
    const folder = await tempDir()
    // What the workspace service created before this storage: WAL mode, no tables.
    const blank = new Database(join(folder, 'workspace.sqlite'))
    blank.pragma('journal_mode = WAL')
    blank.close()
    const instance = await openAccounts(storageIn(folder))
    await instance.bulkWrite([{ document: account(1) }], 'test')
    await instance.close()
    const reopened = await openAccounts(storageIn(folder))
    expect(await reopened.findDocumentsById(['acc-00001'], false)).toHaveLength(1)
    await reopened.close()
  })

  it('takes over a zero-byte file', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'workspace.sqlite'), '')
    const instance = await openAccounts(storageIn(folder))
    await instance.close()
  })
})

describe('refusing files that are not ours', () => {
  it('refuses a file that is not SQLite', async () => {
    const folder = await tempDir()
    await writeFile(
      join(folder, 'workspace.sqlite'),
      'Dear diary, today I opened the wrong file.\n'.repeat(300),
    )
    const error = await expectRefused(folder, 'not-sqlite')
    expect(error.message).toMatch(/not an SQLite database.*left untouched/)
  })

  it('refuses a file shorter than the SQLite header', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'workspace.sqlite'), 'SQLite')
    await expectRefused(folder, 'not-sqlite')
  })

  it("refuses another program's SQLite database, even an un-checkpointed WAL one", async () => {
    const folder = await tempDir()
    const file = join(folder, 'workspace.sqlite')
    const other = new Database(file)
    other.pragma('journal_mode = WAL')
    other.exec('create table notes (id integer primary key, body text)')
    other.prepare('insert into notes (body) values (?)').run('keep me')
    // Leave committed data in the -wal file, as a crashed program would: closing would checkpoint.
    const walBefore = await (async () => {
      const copy = new Database(file, { readonly: true })
      const rows = copy.prepare('select count(*) from notes').pluck().get()
      copy.close()
      return rows
    })()
    expect(walBefore).toBe(1)
    const walFile = `${file}-wal`
    const walPrint = await fingerprint(walFile)
    await expectRefused(folder, 'foreign')
    expect(await fingerprint(walFile)).toEqual(walPrint)
    other.close()
  })

  it('refuses an SQLite file with an empty schema but another application id', async () => {
    const folder = await tempDir()
    const db = new Database(join(folder, 'workspace.sqlite'))
    db.pragma('application_id = 1234')
    db.close()
    await expectRefused(folder, 'foreign')
  })

  it('refuses a damaged database and leaves it for recovery', async () => {
    const folder = await tempDir()
    const file = join(folder, 'workspace.sqlite')
    const instance = await openAccounts(storageIn(folder))
    await instance.bulkWrite(
      Array.from({ length: 2000 }, (_, i) => ({ document: account(i) })),
      'test',
    )
    await instance.close()
    // Scribble over pages in the middle of the file, keeping the header intact.
    const bytes = await readFile(file)
    bytes.fill(0x5a, 8 * 4096, 12 * 4096)
    await writeFile(file, bytes)
    const error = await expectRefused(folder, 'damaged')
    expect(error.message).toMatch(/damaged|integrity|malformed|could not read/i)
  })

  it('refuses a file written by a newer storage format', async () => {
    const folder = await tempDir()
    const instance = await openAccounts(storageIn(folder))
    await instance.close()
    const db = new Database(join(folder, 'workspace.sqlite'))
    db.prepare(`update tierline_storage_meta set value = ? where key = 'format_version'`).run(
      String(STORAGE_FORMAT_VERSION + 1),
    )
    db.close()
    const error = await expectRefused(folder, 'newer-format')
    expect(error.message).toMatch(/newer Tierline/)
  })

  it('refuses a folder where the file should be', async () => {
    const folder = await tempDir()
    await mkdir(join(folder, 'workspace.sqlite'))
    await expect(openAccounts(storageIn(folder))).rejects.toMatchObject({ code: 'storage' })
  })

  it('reports the refusal from openStorageFile directly too', async () => {
    const folder = await tempDir()
    const file = join(folder, 'x.sqlite')
    await writeFile(file, 'nope'.repeat(100))
    expect(() => openStorageFile(file)).toThrow(TierlineError)
  })
})
