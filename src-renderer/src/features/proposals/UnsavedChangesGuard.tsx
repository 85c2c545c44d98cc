import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useBlocker } from '@tanstack/react-router'

/**
 * Asks before leaving a screen with unsaved edits: in-app navigation gets a dialog (stay, or
 * leave and lose them), closing or reloading the window the browser's own prompt.
 */
export function UnsavedChangesGuard(props: { readonly dirty: boolean; readonly what: string }) {
  const blocker = useBlocker({
    shouldBlockFn: () => props.dirty,
    enableBeforeUnload: () => props.dirty,
    withResolver: true,
  })
  const open = blocker.status === 'blocked'
  return (
    <Modal opened={open} onClose={() => blocker.reset?.()} title="Leave without saving?" centered>
      <Stack gap="md">
        <Text size="sm">
          {props.what} has changes that are not saved yet. Leaving throws them away.
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            Stay and keep editing
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Leave without saving
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
