import type Database from 'better-sqlite3'
import { join } from 'node:path'
import { z } from 'zod'
import type { DatabaseStatus } from '@shared/app/app-info'
import { changedTopic, collections } from '@shared/ipc/contract'
import { TierlineError } from '@shared/ipc/errors'
import type {
  BackupInfo,
  WorkspaceContent,
  WorkspaceListItem,
  WorkspaceProgressEvent,
} from '@shared/workspace/workspace'
import type { EventBus } from '../events/event-bus'
import { writeJsonAtomic } from '../fs/atomic-file'
import { readJsonFile } from '../fs/json-file'
import type { Logger } from '../log/logger'
import {
  backupDatabase,
  listBackups,
  replaceDatabaseFile,
  verifySqliteFile,
  BACKUPS_DIR,
} from './workspace-backup'
import {
  createWorkspaceFolder,
  fileSize,
  listWorkspaceRecords,
  readWorkspace,
  removeWorkspaceFolder,
  renameWorkspaceFolder,
  type WorkspaceRecord,
} from './workspace-folder'

export const APP_STATE_FILE = 'app-state.json'
export const DATABASE_FILE = 'tierline.sqlite'
const appStateSchema = z.object({ activeWorkspaceId: z.string().optional() })

/** A workspace's open database, whatever sits on top of the SQLite connection. */
export interface OpenedDatabase {
  status(): DatabaseStatus
  /** The live connection, for the online backup API; undefined when the file could not open. */
  connection(): Database.Database | undefined
  close(): Promise<void>
}

export interface ActiveWorkspace<D extends OpenedDatabase> {
  readonly record: WorkspaceRecord
  readonly database: D
}

export interface WorkspaceManagerOptions<D extends OpenedDatabase> {
  readonly dataRoot: string
  readonly events: EventBus
  readonly log: Logger
  readonly now?: () => Date
  /** Opens (creating if new) the database of a workspace. Must not throw for a damaged file. */
  readonly openDatabase: (record: WorkspaceRecord, databaseFile: string) => Promise<D>
  /** Fills a newly created workspace (e.g. with the demo book), reporting progress. */
  readonly populate?: (
    active: ActiveWorkspace<D>,
    progress: (done: number, total: number, message: string) => void,
  ) => Promise<void>
  readonly sqliteNativeBinding?: string
}

export type WorkspaceManager<D extends OpenedDatabase> = ReturnType<
  typeof createWorkspaceManager<D>
>

/**
 * Owns which workspace is open. Every operation runs one at a time, so a backup never races a
 * restore and nobody reads a database that is being swapped.
 */
export function createWorkspaceManager<D extends OpenedDatabase>(
  options: WorkspaceManagerOptions<D>,
) {
  const now = options.now ?? (() => new Date())
  const stateFile = join(options.dataRoot, APP_STATE_FILE)
  let active: ActiveWorkspace<D> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task)
    queue = run.catch(() => undefined)
    return run
  }

  const announceAll = () => {
    for (const collection of collections)
      options.events.publish(changedTopic(collection), { collection })
  }
  const progress =
    (workspaceId: string, task: WorkspaceProgressEvent['task']) =>
    (done: number, total: number, message: string) =>
      options.events.publish('workspaces.progress', { workspaceId, task, done, total, message })

  async function activate(record: WorkspaceRecord): Promise<ActiveWorkspace<D>> {
    await active?.database.close()
    active = undefined
    const database = await options.openDatabase(record, join(record.folder, DATABASE_FILE))
    active = { record, database }
    await writeJsonAtomic(stateFile, { activeWorkspaceId: record.id })
    announceAll()
    return active
  }

  async function create(name: string, content: WorkspaceContent): Promise<ActiveWorkspace<D>> {
    const record = await createWorkspaceFolder(options.dataRoot, { name, content }, now())
    const opened = await activate(record)
    if (content === 'demo' && options.populate !== undefined) {
      await options.populate(opened, progress(record.id, 'load-demo'))
      announceAll()
    }
    return opened
  }

  function requireActive(): ActiveWorkspace<D> {
    if (active === undefined) throw new TierlineError('not-found', 'No workspace is open.')
    return active
  }

  return {
    /** Opens the last used workspace; on a new machine, creates the demo book. */
    start: () =>
      serially(async () => {
        const read = await readJsonFile(stateFile)
        const state = read.state === 'ok' ? appStateSchema.safeParse(read.value) : undefined
        const records = await listWorkspaceRecords(options.dataRoot)
        const remembered = records.find((record) => record.id === state?.data?.activeWorkspaceId)
        const first = remembered ?? records[0]
        return first === undefined ? create('Demo book', 'demo') : activate(first)
      }),

    active: requireActive,

    /** The open workspace once queued work (first start, demo loading, restore) has finished. */
    current: () => serially(async () => requireActive()),

    list: async (): Promise<WorkspaceListItem[]> => {
      const records = await listWorkspaceRecords(options.dataRoot)
      return Promise.all(
        records.map(async (record) => ({
          id: record.id,
          name: record.name,
          createdAt: record.createdAt,
          content: record.content,
          folder: record.folder,
          active: record.id === active?.record.id,
          sizeBytes: await fileSize(join(record.folder, DATABASE_FILE)),
        })),
      )
    },

    create: (input: { readonly name: string; readonly content: WorkspaceContent }) =>
      serially(async () => (await create(input.name, input.content)).record),

    open: (id: string) =>
      serially(async () => (await activate(await readWorkspace(options.dataRoot, id))).record),

    rename: (id: string, name: string) =>
      serially(async () => {
        const record = await renameWorkspaceFolder(options.dataRoot, id, name)
        if (active?.record.id === id) active = { ...active, record }
        options.events.publish(changedTopic('workspace'), { collection: 'workspace', ids: [id] })
        return record
      }),

    remove: (id: string, confirmName: string) =>
      serially(async () => {
        const record = await readWorkspace(options.dataRoot, id)
        if (active?.record.id === id) {
          throw new TierlineError(
            'conflict',
            `"${record.name}" is open. Open another workspace before deleting it.`,
          )
        }
        if (confirmName.trim() !== record.name) {
          throw new TierlineError(
            'validation',
            'Type the workspace name exactly to confirm deleting it.',
            {
              issues: [{ field: 'confirmName', message: `must be "${record.name}"` }],
            },
          )
        }
        await removeWorkspaceFolder(options.dataRoot, id)
        options.events.publish(changedTopic('workspace'), { collection: 'workspace', ids: [id] })
      }),

    backup: (): Promise<BackupInfo> =>
      serially(async () => {
        const { record, database } = requireActive()
        const connection = database.connection()
        if (connection === undefined) {
          throw new TierlineError(
            'storage',
            `"${record.name}" cannot be backed up: its database did not open.`,
          )
        }
        const report = progress(record.id, 'backup')
        const backup = await backupDatabase(connection, record.folder, now(), (done, total) =>
          report(done, total, 'Copying the database'),
        )
        options.events.publish(changedTopic('workspace'), {
          collection: 'workspace',
          ids: [record.id],
        })
        return backup
      }),

    backups: async (id: string) => listBackups((await readWorkspace(options.dataRoot, id)).folder),

    /** Replaces a workspace's data with a backup; the replaced file is kept beside it. */
    restore: (id: string, backupId: string) =>
      serially(async () => {
        const record = await readWorkspace(options.dataRoot, id)
        const backupFile = join(record.folder, BACKUPS_DIR, backupId)
        const known = await listBackups(record.folder)
        if (!known.some((backup) => backup.id === backupId)) {
          throw new TierlineError(
            'not-found',
            `There is no backup "${backupId}" of "${record.name}".`,
          )
        }
        verifySqliteFile(backupFile, options.sqliteNativeBinding)
        const report = progress(id, 'restore')
        report(0, 2, 'Closing the workspace')
        if (active?.record.id === id) {
          await active.database.close()
          active = undefined
        }
        const { movedAside } = await replaceDatabaseFile(
          join(record.folder, DATABASE_FILE),
          backupFile,
          now(),
        )
        options.log.info('workspace restored from backup', { workspace: id, backupId, movedAside })
        report(1, 2, 'Opening the restored data')
        await activate(record)
        report(2, 2, 'Restored')
        return { movedAside }
      }),

    close: () =>
      serially(async () => {
        await active?.database.close()
        active = undefined
      }),
  }
}
