import type { HandlerMap } from '../ipc/router'
import type { SyncService } from '../../sync/sync-service'

/** Team sync channels (issue #6); `sync.state` events come from the service's onState. */
export function syncHandlers(sync: SyncService) {
  return {
    'sync.status': async () => sync.state(),
    'sync.signIn': (input) => sync.signIn(input),
    'sync.signOut': (input) => sync.signOut(input),
    'sync.conflicts': () => sync.conflicts(),
    'sync.resolveConflict': (input) => sync.resolveConflict(input),
  } satisfies Partial<HandlerMap>
}
