import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { TierlineError } from '@shared/ipc/errors'
import {
  workspaceContentSchema,
  workspaceNameSchema,
  type WorkspaceContent,
} from '@shared/workspace/workspace'
import { writeJsonAtomic } from '../fs/atomic-file'
import { readJsonFile } from '../fs/json-file'

export const WORKSPACE_FILE = 'workspace.json'
export const WORKSPACES_DIR = 'workspaces'

const workspaceFileSchema = z.object({
  id: z.string().min(1),
  name: workspaceNameSchema,
  createdAt: z.string(),
  // Workspaces written before demo books existed were empty ones.
  content: workspaceContentSchema.default('empty'),
})

export interface WorkspaceRecord {
  readonly id: string
  readonly name: string
  readonly createdAt: string
  readonly content: WorkspaceContent
  readonly folder: string
}

export function workspaceFolder(dataRoot: string, id: string): string {
  return join(dataRoot, WORKSPACES_DIR, id)
}

/** Creation time first, so a listing of ids is also a listing by age. */
export function newWorkspaceId(now: Date): string {
  return `${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`
}

export async function readWorkspace(dataRoot: string, id: string): Promise<WorkspaceRecord> {
  const folder = workspaceFolder(dataRoot, id)
  const file = join(folder, WORKSPACE_FILE)
  const read = await readJsonFile(file)
  if (read.state === 'missing') {
    throw new TierlineError('not-found', `There is no workspace "${id}".`, { id })
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
  return { ...parsed.data, id, folder }
}

export async function createWorkspaceFolder(
  dataRoot: string,
  input: { readonly name: string; readonly content: WorkspaceContent },
  now: Date,
): Promise<WorkspaceRecord> {
  const id = newWorkspaceId(now)
  const folder = workspaceFolder(dataRoot, id)
  await mkdir(folder, { recursive: true })
  const record = { id, name: input.name, createdAt: now.toISOString(), content: input.content }
  await writeJsonAtomic(join(folder, WORKSPACE_FILE), record)
  return { ...record, folder }
}

/** Every readable workspace, oldest first; unreadable folders are skipped, never touched. */
export async function listWorkspaceRecords(dataRoot: string): Promise<WorkspaceRecord[]> {
  let entries: string[]
  try {
    entries = await readdir(join(dataRoot, WORKSPACES_DIR))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const records: WorkspaceRecord[] = []
  for (const id of entries.sort()) {
    try {
      records.push(await readWorkspace(dataRoot, id))
    } catch (error) {
      if (!(error instanceof TierlineError)) throw error
    }
  }
  return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

export async function renameWorkspaceFolder(
  dataRoot: string,
  id: string,
  name: string,
): Promise<WorkspaceRecord> {
  const record = await readWorkspace(dataRoot, id)
  const { folder, ...stored } = { ...record, name }
  await writeJsonAtomic(join(folder, WORKSPACE_FILE), stored)
  return { ...stored, folder }
}

export async function removeWorkspaceFolder(dataRoot: string, id: string): Promise<void> {
  const record = await readWorkspace(dataRoot, id)
  await rm(record.folder, { recursive: true, force: true })
}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch {
    return 0
  }
}
