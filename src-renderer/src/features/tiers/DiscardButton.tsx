import { Button, Group, Popover, Stack, Text } from '@mantine/core'
import { useState } from 'react'

/** "Discard changes" asks once before throwing away an unsaved draft. */
export function DiscardButton(props: {
  readonly disabled: boolean
  readonly onDiscard: () => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <Popover opened={open} onChange={setOpen} trapFocus withArrow position="top">
      <Popover.Target>
        <Button variant="default" disabled={props.disabled} onClick={() => setOpen((o) => !o)}>
          Discard changes
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">Throw away every unsaved change?</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              Keep editing
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                setOpen(false)
                props.onDiscard()
              }}
            >
              Discard
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
