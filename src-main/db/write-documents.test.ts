import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exampleDocuments, exampleId } from '@shared/model/examples'
import { recordingLogger } from '../../test/fixtures/recording-logger'
import { tempDir } from '../../test/fixtures/temp-dir'
import { insertDocuments } from './write-documents'
import { openWorkspaceStore } from './workspace-store'

describe('insertDocuments', () => {
  it('writes the valid rows, and names the row and field of every refused one', async () => {
    const store = await openWorkspaceStore({
      file: join(await tempDir(), 'tierline.sqlite'),
      log: recordingLogger(),
      onChange: () => undefined,
    })
    const user = exampleDocuments.users[0]
    if (user === undefined) throw new Error('no example user')
    const rows = [
      { ...user, id: exampleId(801), email: 'a@example.test' },
      { ...user, id: exampleId(802), email: 'b@example.test', role: 'superuser' },
      { ...user, id: exampleId(803), email: 'c@example.test' },
    ]
    const first = await insertDocuments(store.rx(), 'users', rows)
    expect(first.written).toBe(2)
    expect(first.failures).toHaveLength(1)
    expect(first.failures[0]).toMatchObject({
      index: 1,
      id: exampleId(802),
      error: { code: 'validation' },
    })
    expect(first.failures[0]?.error.message).toContain('role')

    // The same ids again: the storage refuses them as conflicts, and says which.
    const again = await insertDocuments(store.rx(), 'users', [rows[0], rows[2]])
    expect(again.written).toBe(0)
    expect(again.failures.map((failure) => [failure.index, failure.error.code])).toEqual([
      [0, 'conflict'],
      [1, 'conflict'],
    ])
    const stored = await store.rx().users.find().exec()
    expect(stored.map((doc) => doc.id).sort()).toEqual([exampleId(801), exampleId(803)])
    await store.close()
  })
})
