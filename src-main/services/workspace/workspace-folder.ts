import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { WorkspaceSummary } from '@shared/app/app-info'
import { TierlineError } from '@shared/ipc/errors'
import { writeJsonAtomic } from '../fs/atomic-file'
import { readJsonFile } from '../fs/json-file'

export const WORKSPACE_FILE = 'workspace.json'
export const DEFAULT_WORKSPACE_ID = 'default'

const workspaceFileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(120),
  createdAt: z.string(),
})

export function workspaceFolder(dataRoot: string, id: string): string {
  return join(dataRoot, 'workspaces', id)
}

/**
 * Opens (creating on first run) the folder that holds one workspace's files: its database,
 * backups and exports. Each workspace has its own folder so one can be backed up or removed
 * without touching the others.
 */
export async function ensureWorkspace(
  dataRoot: string,
  id: string = DEFAULT_WORKSPACE_ID,
  now: () => Date = () => new Date(),
): Promise<WorkspaceSummary> {
  const folder = workspaceFolder(dataRoot, id)
  await mkdir(folder, { recursive: true })
  const file = join(folder, WORKSPACE_FILE)
  const read = await readJsonFile(file)
  if (read.state === 'missing') {
    const created = { id, name: 'My workspace', createdAt: now().toISOString() }
    await writeJsonAtomic(file, created)
    return { id, name: created.name, folder }
  }
  const parsed = read.state === 'ok' ? workspaceFileSchema.safeParse(read.value) : undefined
  if (!parsed?.success) {
    // Never rewrite a file we cannot read: it may be the only record of the workspace.
    throw new TierlineError(
      'storage',
      `The workspace description ${file} is damaged and was left untouched.`,
      {
        file,
      },
    )
  }
  return { id: parsed.data.id, name: parsed.data.name, folder }
}
