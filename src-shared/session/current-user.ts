import { z } from 'zod'
import { idSchema } from '../model/primitives'
import type { User } from '../model/user'

/**
 * Who "me" is on this machine: the person whose notes are editable, who logs check-ins and
 * entitlement usage. Until sign-in to the sync server names the signed-in user, it is the
 * workspace's first active CSM (in the demo book, its first CSM), otherwise its first active
 * user of any role — unless someone chose to act as another active user (`session.switchUser`).
 * Ids are ULIDs, so "first" is the earliest created.
 */
export function pickCurrentUser(
  users: readonly User[],
  /** The acting-as choice of a local workspace; ignored when that user is gone or inactive. */
  preferredId: string | null = null,
): User | null {
  const active = users.filter((user) => user.active).sort((a, b) => (a.id < b.id ? -1 : 1))
  const preferred = active.find((user) => user.id === preferredId)
  return preferred ?? active.find((user) => user.role === 'csm') ?? active[0] ?? null
}

export interface CurrentUser {
  readonly id: string
  readonly name: string
  readonly role: User['role']
}

/** `session.switchUser`: act as another active user of this workspace (local workspaces only). */
export const switchUserInput = z.strictObject({ userId: idSchema })

/** One person the user can act as, for the "acting as" picker. */
export interface SessionUser {
  readonly id: string
  readonly name: string
  readonly role: User['role']
  readonly title: string
  readonly isCurrent: boolean
}

export interface SessionUsers {
  readonly users: readonly SessionUser[]
  /** False while signed in to team sync: the server says who you are. */
  readonly canSwitch: boolean
  /** Why switching is not possible, in the UI's words; null when it is. */
  readonly reason: string | null
}
