import { Badge, Loader, Tooltip, UnstyledButton } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCloudCheck,
  IconCloudOff,
  IconCloudUpload,
  IconRefresh,
} from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import type { SyncState } from '@shared/sync/sync-state'
import { useSyncState } from '../features/settings/useSyncState'

const looks = {
  'signed-out': { color: 'gray', label: 'Local only', icon: <IconCloudOff size={14} /> },
  offline: { color: 'orange', label: 'Offline', icon: <IconCloudOff size={14} /> },
  syncing: { color: 'blue', label: 'Syncing', icon: <Loader size={10} color="blue" /> },
  'up-to-date': { color: 'teal', label: 'Up to date', icon: <IconCloudCheck size={14} /> },
  error: { color: 'red', label: 'Sync error', icon: <IconAlertTriangle size={14} /> },
} as const

function pendingText(state: SyncState): string {
  if (state.pending === 0) return ''
  return ` · ${state.pending}${state.pendingCapped ? '+' : ''} pending`
}

function tooltipOf(state: SyncState): string {
  const parts = [state.message]
  if (state.progress) {
    parts.push(
      `${state.progress.done} of ${state.progress.total} collections, ${state.progress.documents} documents so far.`,
    )
  }
  if (state.lastSyncedAt)
    parts.push(`Last synced ${new Date(state.lastSyncedAt).toLocaleString()}.`)
  if (state.pending > 0) parts.push(`${state.pending} local change(s) waiting for the server.`)
  if (state.conflicts > 0)
    parts.push(`${state.conflicts} conflict copy(ies) to review in Settings → Data.`)
  return parts.join(' ')
}

/** The header's sync slot: the real state from main; opens the Team sync settings. */
export function SyncStatus() {
  const status = useSyncState()
  const navigate = useNavigate()
  if (status.isPending) {
    return (
      <Badge
        variant="light"
        color="gray"
        leftSection={<IconRefresh size={14} />}
        data-testid="sync-status"
      >
        Sync…
      </Badge>
    )
  }
  if (status.isError) {
    return (
      <Tooltip label={status.error.message}>
        <Badge variant="light" color="red" data-testid="sync-status">
          Sync unavailable
        </Badge>
      </Tooltip>
    )
  }
  const state = status.data
  const look = looks[state.phase]
  const progress =
    state.phase === 'syncing' && state.progress
      ? ` ${state.progress.done}/${state.progress.total}`
      : ''
  return (
    <Tooltip label={tooltipOf(state)} multiline w={320}>
      <UnstyledButton
        onClick={() => void navigate({ to: '/settings/data' })}
        aria-label={`Team sync: ${look.label}${progress}${pendingText(state)}. Open sync settings`}
      >
        <Badge
          variant="light"
          color={state.conflicts > 0 && state.phase !== 'error' ? 'yellow' : look.color}
          leftSection={
            state.pending > 0 && state.phase !== 'syncing' ? (
              <IconCloudUpload size={14} />
            ) : (
              look.icon
            )
          }
          data-testid="sync-status"
          data-phase={state.phase}
        >
          {look.label}
          {progress}
          {pendingText(state)}
          {state.conflicts > 0
            ? ` · ${state.conflicts} conflict${state.conflicts === 1 ? '' : 's'}`
            : ''}
        </Badge>
      </UnstyledButton>
    </Tooltip>
  )
}
