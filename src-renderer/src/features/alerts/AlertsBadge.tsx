import { Badge, VisuallyHidden } from '@mantine/core'
import { useEffect } from 'react'
import { useInvoke } from '../../app/ipc-hooks'

const RECHECK_MS = 60_000

/** How many alerts wait in the inbox; shown beside "Alerts" in the navigation. */
export function AlertsBadge() {
  const count = useInvoke('alerts.count')
  const { refetch } = count
  // Snoozes run out with time, not with a write (which would announce itself): ask again.
  useEffect(() => {
    const timer = setInterval(() => void refetch(), RECHECK_MS)
    return () => clearInterval(timer)
  }, [refetch])
  const open = count.data?.open ?? 0
  if (open === 0) return null
  return (
    <Badge size="sm" color="red" variant="filled" data-testid="alerts-badge">
      {open > 999 ? '999+' : open}
      <VisuallyHidden> open alerts</VisuallyHidden>
    </Badge>
  )
}
