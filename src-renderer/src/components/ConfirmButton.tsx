import { Button, Group, Popover, Stack, Text, type ButtonProps } from '@mantine/core'
import { useState, type ReactNode } from 'react'

/** A button that asks once before doing something that cannot be taken back. */
export function ConfirmButton(
  props: ButtonProps & {
    readonly children: ReactNode
    readonly question: string
    readonly confirmLabel: string
    readonly onConfirm: () => void
    /** Skip the question (e.g. nothing would be lost). */
    readonly skip?: boolean
  },
) {
  const { question, confirmLabel, onConfirm, skip, children, ...button } = props
  const [open, setOpen] = useState(false)
  return (
    <Popover opened={open} onChange={setOpen} trapFocus withArrow position="top">
      <Popover.Target>
        <Button {...button} onClick={() => (skip === true ? onConfirm() : setOpen((o) => !o))}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" maw={280}>
          <Text size="sm">{question}</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                setOpen(false)
                onConfirm()
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
