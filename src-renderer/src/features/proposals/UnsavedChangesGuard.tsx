import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useBlocker } from '@tanstack/react-router'

/**
 * Asks before leaving a screen with unsaved edits: in-app navigation gets a dialog (stay, or
 * leave and lose them). Not on closing the window: in Electron a `beforeunload` that objects
 * cancels the close with no prompt at all (main would have to answer `will-prevent-unload`),
 * which would leave a window that silently refuses to close.
 */
export function UnsavedChangesGuard(props: { readonly dirty: boolean; readonly what: string }) {
  const blocker = useBlocker({
    shouldBlockFn: () => props.dirty,
    enableBeforeUnload: false,
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
