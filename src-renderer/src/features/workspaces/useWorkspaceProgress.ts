import { useCallback, useState } from 'react'
import type { WorkspaceProgressEvent } from '@shared/workspace/workspace'
import { useSubscription } from '../../app/ipc-hooks'

/** The latest progress report of long workspace work, for a progress bar. */
export function useWorkspaceProgress(): WorkspaceProgressEvent | undefined {
  const [latest, setLatest] = useState<WorkspaceProgressEvent>()
  const onProgress = useCallback((event: WorkspaceProgressEvent) => setLatest(event), [])
  useSubscription('workspaces.progress', onProgress)
  return latest
}
