import { TierlineError } from '@shared/ipc/errors'
import type { User } from '@shared/model/user'
import { pickCurrentUser, type CurrentUser } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'

/** Resolves "me" in the open workspace (see pickCurrentUser for the rule). */
export function createCurrentUserSource(rx: () => Promise<TierlineDatabase>) {
  return {
    async current(): Promise<CurrentUser> {
      const db = await rx()
      const users = (await db.users.find().exec()).map((doc) => doc.toJSON() as User)
      const user = pickCurrentUser(users)
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
