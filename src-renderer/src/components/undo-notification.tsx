import { Button, Group, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'

/** How long a removal can be undone from its notification. */
const UNDO_WINDOW_MS = 10_000

/**
 * Says that something was removed (deleted, archived) and offers Undo while the notification
 * shows. Destructive actions in Tierline take effect at once and are undone rather than
 * confirmed first, so every such action tells the user the same way.
 */
export function showUndoNotification(options: {
  /** Unique per removed item, so two removals show two notifications. */
  readonly id: string
  readonly title: string
  /** What was removed, in one line (a name or title). */
  readonly subject: string
  readonly onUndo: () => void
}): void {
  notifications.show({
    id: options.id,
    title: options.title,
    autoClose: UNDO_WINDOW_MS,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm" lineClamp={1}>
          {options.subject}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(options.id)
            options.onUndo()
          }}
        >
          Undo
        </Button>
      </Group>
    ),
  })
}
