import { createUlidFactory } from '@shared/model/ids'
import type { SyncRole } from '@shared/sync/protocol'
import type { SqlExecutor } from '../db/database'
import { SyncError } from '../errors'
import { hashToken, mintToken } from './tokens'

/** Who is calling: the user behind a valid token. */
export interface Principal {
  readonly userId: string
  readonly email: string
  readonly name: string
  readonly role: SyncRole
  readonly tokenId: string
  readonly expiresAt: string
}

export interface ServerUser {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: SyncRole
  readonly managerId: string | null
  readonly disabledAt: string | null
}

interface UserRow {
  id: string
  email: string
  name: string
  role: SyncRole
  manager_id: string | null
  disabled_at: Date | string | null
}

const newId = createUlidFactory()

function toUser(row: UserRow): ServerUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    managerId: row.manager_id,
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
  }
}

export interface AddUserInput {
  /** The user's id in the `users` collection (accounts' ownerId/tamId point at it). */
  readonly id?: string
  readonly email: string
  readonly name: string
  readonly role: SyncRole
  readonly managerId?: string | null
}

/** Creates a user, or updates name/role/manager of the one with that id or email. */
export async function upsertUser(db: SqlExecutor, input: AddUserInput): Promise<ServerUser> {
  const email = input.email.trim().toLowerCase()
  const existing = await db.query<UserRow>(
    'SELECT * FROM server_users WHERE email = $1 OR id = $2',
    [email, input.id ?? ''],
  )
  if (existing.length > 1) {
    throw new SyncError('validation', 'That id and that email belong to two different users')
  }
  if (input.managerId) {
    const manager = await db.query<UserRow>('SELECT * FROM server_users WHERE id = $1', [
      input.managerId,
    ])
    if (manager.length === 0) throw new SyncError('validation', 'No such manager')
  }
  const id = existing[0]?.id ?? input.id ?? newId()
  const rows = await db.query<UserRow>(
    `INSERT INTO server_users (id, email, name, role, manager_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name,
       role = excluded.role, manager_id = excluded.manager_id
     RETURNING *`,
    [id, email, input.name, input.role, input.managerId ?? null],
  )
  const row = rows[0]
  if (row === undefined) throw new Error('user upsert returned no row')
  return toUser(row)
}

export async function findUser(db: SqlExecutor, idOrEmail: string): Promise<ServerUser> {
  const rows = await db.query<UserRow>('SELECT * FROM server_users WHERE id = $1 OR email = $2', [
    idOrEmail,
    idOrEmail.trim().toLowerCase(),
  ])
  const row = rows[0]
  if (row === undefined) throw new SyncError('not-found', `No user ${idOrEmail}`)
  return toUser(row)
}

/** Disabling a user stops every one of their tokens at once (authenticate checks it). */
export async function setUserDisabled(
  db: SqlExecutor,
  userId: string,
  disabled: boolean,
  now: Date,
): Promise<void> {
  await db.query('UPDATE server_users SET disabled_at = $2 WHERE id = $1', [
    userId,
    disabled ? now.toISOString() : null,
  ])
}

export interface IssuedToken {
  readonly id: string
  /** Shown once; only its hash is stored. */
  readonly token: string
  readonly expiresAt: string
}

export async function issueToken(
  db: SqlExecutor,
  input: { userId: string; label: string; validForDays: number; now: Date },
): Promise<IssuedToken> {
  if (!(input.validForDays > 0 && input.validForDays <= 3660)) {
    throw new SyncError('validation', 'A token is valid for 1 to 3660 days')
  }
  const token = mintToken()
  const id = newId()
  const expiresAt = new Date(input.now.getTime() + input.validForDays * 86_400_000).toISOString()
  await db.query(
    `INSERT INTO auth_tokens (id, user_id, token_hash, label, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, input.userId, hashToken(token), input.label, input.now.toISOString(), expiresAt],
  )
  return { id, token, expiresAt }
}

/** Revokes one token by id, or every live token of a user; returns how many it revoked. */
export async function revokeTokens(
  db: SqlExecutor,
  target: { tokenId: string } | { userId: string },
  now: Date,
): Promise<number> {
  const [column, value] = 'tokenId' in target ? ['id', target.tokenId] : ['user_id', target.userId]
  const rows = await db.query(
    `UPDATE auth_tokens SET revoked_at = $2 WHERE ${column} = $1 AND revoked_at IS NULL
     RETURNING id`,
    [value, now.toISOString()],
  )
  return rows.length
}

/**
 * The principal for a presented token, or undefined when the token is unknown, expired,
 * revoked or its user disabled — all four look the same to the caller (401).
 */
export async function authenticate(
  db: SqlExecutor,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const rows = await db.query<{
    token_id: string
    expires_at: Date | string
    id: string
    email: string
    name: string
    role: SyncRole
  }>(
    `SELECT t.id AS token_id, t.expires_at, u.id, u.email, u.name, u.role
       FROM auth_tokens t JOIN server_users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2
        AND u.disabled_at IS NULL`,
    [hashToken(token), now.toISOString()],
  )
  const row = rows[0]
  if (row === undefined) return undefined
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    tokenId: row.token_id,
    expiresAt: new Date(row.expires_at).toISOString(),
  }
}

/** The users a principal acts for: themselves, and for a manager their direct reports. */
export async function teamOf(db: SqlExecutor, principal: Principal): Promise<string[]> {
  if (principal.role !== 'manager') return [principal.userId]
  const rows = await db.query<{ id: string }>('SELECT id FROM server_users WHERE manager_id = $1', [
    principal.userId,
  ])
  return [principal.userId, ...rows.map((row) => row.id)]
}
