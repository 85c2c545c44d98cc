import { z } from 'zod'

export const workspaceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, {
  message: 'must be a workspace id (lower-case letters, digits and dashes)',
})

// Names become folder-independent labels, so anything printable goes; control characters would
// break file dialogs and logs.
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(80, { message: 'must be at most 80 characters' })
  .refine((name) => !/\p{Cc}/u.test(name), { message: 'must not contain control characters' })

export const workspaceContentSchema = z.enum(['demo', 'empty'])

export const createWorkspaceInput = z
  .object({ name: workspaceNameSchema, content: workspaceContentSchema })
  .strict()
export const workspaceRefInput = z.object({ id: workspaceIdSchema }).strict()
export const renameWorkspaceInput = z
  .object({ id: workspaceIdSchema, name: workspaceNameSchema })
  .strict()
export const deleteWorkspaceInput = z
  .object({
    id: workspaceIdSchema,
    /** The workspace's name, typed by the user: a stray call can never delete a workspace. */
    confirmName: z.string(),
  })
  .strict()
export const backupIdSchema = z
  .string()
  .regex(/^[0-9TZ-]+\.sqlite$/, { message: 'must be a backup file name' })
export const restoreWorkspaceInput = z
  .object({ id: workspaceIdSchema, backupId: backupIdSchema })
  .strict()

export type WorkspaceContent = z.infer<typeof workspaceContentSchema>

export interface WorkspaceListItem {
  readonly id: string
  readonly name: string
  readonly createdAt: string
  readonly content: WorkspaceContent
  readonly active: boolean
  readonly folder: string
  /** Size of the workspace's database file in bytes (0 before it is first opened). */
  readonly sizeBytes: number
}

export interface BackupInfo {
  /** File name inside the workspace's backups folder; also its id. */
  readonly id: string
  readonly createdAt: string
  readonly sizeBytes: number
}

/** Progress of long workspace work (demo book loading, backup, restore), 0–1. */
export interface WorkspaceProgressEvent {
  readonly workspaceId: string
  readonly task: 'load-demo' | 'backup' | 'restore'
  readonly done: number
  readonly total: number
  readonly message: string
}
