import type { HandlerMap } from '../ipc/router'
import type { CurrentUserSource } from './current-user'
import type { SessionSwitch } from './session-switch'

export function sessionHandlers(currentUser: CurrentUserSource, session: SessionSwitch) {
  return {
    'session.currentUser': () => currentUser.current(),
    'session.users': () => session.users(),
    'session.switchUser': ({ userId }) => session.switchUser(userId),
  } satisfies Partial<HandlerMap>
}
