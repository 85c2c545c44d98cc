import type { HandlerMap } from '../ipc/router'
import type { CurrentUserSource } from './current-user'

export function sessionHandlers(currentUser: CurrentUserSource) {
  return {
    'session.currentUser': () => currentUser.current(),
  } satisfies Partial<HandlerMap>
}
