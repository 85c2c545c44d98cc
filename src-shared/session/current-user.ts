import type { User } from '../model/user'

/**
 * Who "me" is on this machine: the person whose notes are editable, who logs check-ins and
 * entitlement usage. Until sign-in to the sync server names the signed-in user, it is the
 * workspace's first active CSM (in the demo book, its first CSM), otherwise its first active
 * user of any role. Ids are ULIDs, so "first" is the earliest created.
 */
export function pickCurrentUser(users: readonly User[]): User | null {
  const active = users.filter((user) => user.active).sort((a, b) => (a.id < b.id ? -1 : 1))
  return active.find((user) => user.role === 'csm') ?? active[0] ?? null
}

export interface CurrentUser {
  readonly id: string
  readonly name: string
  readonly role: User['role']
}
