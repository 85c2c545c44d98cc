import { TierlineError } from '@shared/ipc/errors'
import type { User } from '@shared/model/user'
import type { CurrentUser, SessionUsers } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { ActingAsStore } from './acting-as-store'
import type { CurrentUserSource } from './current-user'

const SIGNED_IN_REASON =
  'You are signed in to team sync, so the server says who you are. Sign out to act as someone else.'

/**
 * "Acting as": a local workspace has no sign-in, so a manager who shares the machine (or a
 * demo) picks who they are to approve a proposal. Refused while signed in to team sync, where
 * the identity comes from the server and a switch would write in someone else's name.
 */
export function createSessionSwitch(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly currentUser: CurrentUserSource
  readonly actingAs: ActingAsStore
  /** Whether team sync is signed in for the open workspace. */
  readonly signedInToSync: () => boolean
  /** Tells the renderer "me" changed, so queries that depend on it refetch. */
  readonly announce: () => void
}) {
  async function activeUsers(): Promise<User[]> {
    const db = await options.rx()
    const docs = await db.users.find({ selector: { active: true } }).exec()
    return docs
      .map((doc) => doc.toJSON() as User)
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
  }

  return {
    async users(): Promise<SessionUsers> {
      const [users, me] = await Promise.all([activeUsers(), options.currentUser.current()])
      const signedIn = options.signedInToSync()
      return {
        users: users.map((user) => ({
          id: user.id,
          name: user.name,
          role: user.role,
          title: user.title,
          isCurrent: user.id === me.id,
        })),
        canSwitch: !signedIn,
        reason: signedIn ? SIGNED_IN_REASON : null,
      }
    },

    async switchUser(userId: string): Promise<CurrentUser> {
      if (options.signedInToSync()) throw new TierlineError('forbidden', SIGNED_IN_REASON)
      const user = (await activeUsers()).find((candidate) => candidate.id === userId)
      if (user === undefined) {
        throw new TierlineError(
          'not-found',
          'There is no active user with this id in this workspace.',
          { userId },
        )
      }
      await options.actingAs.write(user.id)
      options.announce()
      return { id: user.id, name: user.name, role: user.role }
    },
  }
}

export type SessionSwitch = ReturnType<typeof createSessionSwitch>
