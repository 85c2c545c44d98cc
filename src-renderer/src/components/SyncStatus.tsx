import { Badge, Tooltip } from '@mantine/core'
import { IconCloudOff } from '@tabler/icons-react'

/**
 * The header's sync slot. Team sync does not exist yet in this build, so it says plainly that
 * this workspace lives only on this computer.
 */
// TODO(#6): show offline / syncing / up to date / error and pending changes from the sync client.
export function SyncStatus() {
  return (
    <Tooltip label="This workspace is stored only on this computer. Team sync is not set up.">
      <Badge
        variant="light"
        color="gray"
        leftSection={<IconCloudOff size={14} />}
        data-testid="sync-status"
      >
        Local only
      </Badge>
    </Tooltip>
  )
}
