import Database from 'better-sqlite3'
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { TierlineError } from '@shared/ipc/errors'
import type { BackupInfo } from '@shared/workspace/workspace'

export const BACKUPS_DIR = 'backups'

/** `2026-11-25T14-03-09-123Z.sqlite`: sorts by time and is safe on every file system. */
export function backupIdFor(now: Date): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}.sqlite`
}

function createdAtOf(backupId: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/.exec(backupId)
  return match === null ? '' : `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`
}

/**
 * Online backup through SQLite's backup API on the live connection: the copy is consistent
 * even while the app keeps writing. It is written under a temporary name and renamed when
 * complete, so a half-written backup never appears in the list.
 */
export async function backupDatabase(
  connection: Database.Database,
  workspaceFolder: string,
  now: Date,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<BackupInfo> {
  const folder = join(workspaceFolder, BACKUPS_DIR)
  await mkdir(folder, { recursive: true })
  const id = backupIdFor(now)
  const target = join(folder, id)
  const partial = `${target}.partial`
  try {
    await connection.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress(totalPages - remainingPages, totalPages)
        return 256
      },
    })
    await rename(partial, target)
  } catch (error) {
    await rm(partial, { force: true })
    throw new TierlineError(
      'storage',
      `The backup could not be written: ${(error as Error).message}`,
      { target },
    )
  }
  return { id, createdAt: createdAtOf(id), sizeBytes: (await stat(target)).size }
}

export async function listBackups(workspaceFolder: string): Promise<BackupInfo[]> {
  const folder = join(workspaceFolder, BACKUPS_DIR)
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const backups = await Promise.all(
    names
      .filter((name) => createdAtOf(name) !== '')
      .map(async (id) => ({
        id,
        createdAt: createdAtOf(id),
        sizeBytes: (await stat(join(folder, id))).size,
      })),
  )
  return backups.sort((a, b) => b.id.localeCompare(a.id))
}

/** Opens a file read-only and proves it is an intact SQLite database before we trust it. */
export function verifySqliteFile(file: string, nativeBinding?: string): void {
  let db: Database.Database | undefined
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
    const result = db.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new Error(`integrity check reported: ${String(result)}`)
  } catch (error) {
    throw new TierlineError(
      'storage',
      `${file} is not an intact Tierline database: ${(error as Error).message}`,
      {
        file,
      },
    )
  } finally {
    db?.close()
  }
}

/**
 * Puts a backup in place of a workspace's database file, which must be closed. The file being
 * replaced (and its WAL) is moved aside, not deleted: a restore can itself be undone by hand.
 */
export async function replaceDatabaseFile(
  databaseFile: string,
  backupFile: string,
  now: Date,
): Promise<{ readonly movedAside: string }> {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const aside = `${databaseFile}.before-restore-${stamp}`
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      await rename(`${databaseFile}${suffix}`, `${aside}${suffix}`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  const incoming = `${databaseFile}.restoring`
  await copyFile(backupFile, incoming)
  await rename(incoming, databaseFile)
  return { movedAside: aside }
}
