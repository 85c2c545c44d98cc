import type { SyncRole } from '@shared/sync/protocol'
import type { SqlDatabase } from '../db/database'
import { tableOf } from '../db/tables'
import { importDocuments } from '../sync/documents'
import type { ServerUser } from './users'

const roleTitles: Readonly<Record<SyncRole, string>> = {
  admin: 'Administrator',
  manager: 'CS manager',
  csm: 'Customer success manager',
  tam: 'Technical account manager',
}

/**
 * Keeps a sign-in user's document in the replicated `users` collection in step with the
 * server's own record (who signs in, their role, manager and whether they are disabled), so
 * clients show the person an account's `ownerId` points at, with the role that decides access.
 * Fields only the app edits (title, time zone) are kept; a user that did not change is not
 * written again, so clients are sent nothing new.
 */
export async function publishUserDocument(
  db: SqlDatabase,
  user: ServerUser,
  now: Date,
): Promise<void> {
  const rows = await db.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM ${tableOf('users')} WHERE id = $1`,
    [user.id],
  )
  const existing = rows[0]?.data
  const fromServer = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    managerId: user.managerId,
    active: user.disabledAt === null,
  }
  if (
    existing !== undefined &&
    Object.entries(fromServer).every(([key, value]) => existing[key] === value)
  ) {
    return
  }
  await importDocuments(db, 'users', [
    {
      title: roleTitles[user.role],
      timeZone: 'UTC',
      createdAt: now.toISOString(),
      ...existing,
      ...fromServer,
      updatedAt: now.toISOString(),
      updatedBy: 'system:server-cli',
    },
  ])
}
