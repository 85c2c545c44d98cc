import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { ensureWorkspace, WORKSPACE_FILE, workspaceFolder } from './workspace-folder'

describe('workspace folders', () => {
  it('creates a folder per workspace under the data root on first run, then reuses it', async () => {
    const dataRoot = await tempDir()
    const created = await ensureWorkspace(
      dataRoot,
      'default',
      () => new Date('2026-01-02T03:04:05Z'),
    )
    expect(created).toEqual({
      id: 'default',
      name: 'My workspace',
      folder: join(dataRoot, 'workspaces', 'default'),
    })
    const file = join(workspaceFolder(dataRoot, 'default'), WORKSPACE_FILE)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      id: 'default',
      name: 'My workspace',
      createdAt: '2026-01-02T03:04:05.000Z',
    })
    await writeFile(file, JSON.stringify({ id: 'default', name: 'ACME book', createdAt: 'x' }))
    expect((await ensureWorkspace(dataRoot)).name).toBe('ACME book')
  })

  it('refuses a damaged workspace description and leaves it untouched', async () => {
    const dataRoot = await tempDir()
    await ensureWorkspace(dataRoot)
    const file = join(workspaceFolder(dataRoot, 'default'), WORKSPACE_FILE)
    await writeFile(file, '{"id": ')
    await expect(ensureWorkspace(dataRoot)).rejects.toMatchObject({
      code: 'storage',
      details: { file },
    })
    expect(await readFile(file, 'utf8')).toBe('{"id": ')
  })
})
