import { TierlineError } from '@shared/ipc/errors'
import type { User } from '@shared/model/user'
import { pickCurrentUser, type CurrentUser } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'

/**
 * Resolves "me" in the open workspace (see pickCurrentUser for the rule). `preferred` is the
 * acting-as choice for this workspace, if any (session-switch.ts writes it).
 */
export function createCurrentUserSource(
  rx: () => Promise<TierlineDatabase>,
  preferred: () => Promise<string | null> = () => Promise.resolve(null),
) {
  return {
    async current(): Promise<CurrentUser> {
      const db = await rx()
      const [docs, preferredId] = await Promise.all([db.users.find().exec(), preferred()])
      const users = docs.map((doc) => doc.toJSON() as User)
      const user = pickCurrentUser(users, preferredId)
      if (user === null) {
        throw new TierlineError(
          'forbidden',
          'This workspace has no active user, so nothing can be written in anyone’s name.',
        )
      }
      return { id: user.id, name: user.name, role: user.role }
    },
  }
}

export type CurrentUserSource = ReturnType<typeof createCurrentUserSource>
