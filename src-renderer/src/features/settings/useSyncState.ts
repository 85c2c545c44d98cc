import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { SyncState } from '@shared/sync/sync-state'
import { queryKeyOf, useInvoke, useSubscription } from '../../app/ipc-hooks'

/**
 * Team sync's state: `sync.status` once, then every `sync.state` event main sends. A change in
 * the conflict count refetches the conflict list.
 */
export function useSyncState() {
  const queryClient = useQueryClient()
  const status = useInvoke('sync.status')
  const onState = useCallback(
    (next: SyncState) => {
      const key = queryKeyOf('sync.status', undefined)
      const previous = queryClient.getQueryData<SyncState>(key)
      queryClient.setQueryData(key, next)
      if (previous?.conflicts !== next.conflicts) {
        void queryClient.invalidateQueries({ queryKey: queryKeyOf('sync.conflicts', undefined) })
      }
    },
    [queryClient],
  )
  useSubscription('sync.state', onState)
  return status
}
