import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import {
  createWorkspaceFolder,
  listWorkspaceRecords,
  readWorkspace,
  removeWorkspaceFolder,
  renameWorkspaceFolder,
  WORKSPACE_FILE,
} from './workspace-folder'

const at = (iso: string) => new Date(iso)

describe('workspace folders', () => {
  it('creates one folder per workspace under the data root, listed oldest first', async () => {
    const dataRoot = await tempDir()
    const second = await createWorkspaceFolder(
      dataRoot,
      { name: 'ACME book', content: 'empty' },
      at('2026-02-01T00:00:00Z'),
    )
    const first = await createWorkspaceFolder(
      dataRoot,
      { name: 'Demo book', content: 'demo' },
      at('2026-01-01T00:00:00Z'),
    )
    expect(first.folder).toBe(join(dataRoot, 'workspaces', first.id))
    expect(JSON.parse(await readFile(join(first.folder, WORKSPACE_FILE), 'utf8'))).toEqual({
      id: first.id,
      name: 'Demo book',
      createdAt: '2026-01-01T00:00:00.000Z',
      content: 'demo',
    })
    expect((await listWorkspaceRecords(dataRoot)).map((record) => record.name)).toEqual([
      'Demo book',
      'ACME book',
    ])
    expect(second.id).not.toBe(first.id)
  })

  it('renames and removes workspaces', async () => {
    const dataRoot = await tempDir()
    const record = await createWorkspaceFolder(
      dataRoot,
      { name: 'Old name', content: 'empty' },
      new Date(),
    )
    await renameWorkspaceFolder(dataRoot, record.id, 'New name')
    expect((await readWorkspace(dataRoot, record.id)).name).toBe('New name')
    await removeWorkspaceFolder(dataRoot, record.id)
    expect(await listWorkspaceRecords(dataRoot)).toEqual([])
    await expect(readWorkspace(dataRoot, record.id)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('refuses a damaged workspace description, leaves it untouched and skips it in listings', async () => {
    const dataRoot = await tempDir()
    const record = await createWorkspaceFolder(
      dataRoot,
      { name: 'Book', content: 'empty' },
      new Date(),
    )
    const file = join(record.folder, WORKSPACE_FILE)
    await writeFile(file, '{"id": ')
    await expect(readWorkspace(dataRoot, record.id)).rejects.toMatchObject({
      code: 'storage',
      details: { file },
    })
    expect(await listWorkspaceRecords(dataRoot)).toEqual([])
    expect(await readFile(file, 'utf8')).toBe('{"id": ')
  })
})
