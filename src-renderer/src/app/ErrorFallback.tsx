import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core'
import { useClipboard } from '@mantine/hooks'
import { IconAlertTriangle, IconCopy, IconRefresh } from '@tabler/icons-react'
import type { FallbackProps } from 'react-error-boundary'
import { TierlineError } from '@shared/ipc/errors'

function detailsOf(error: unknown): string {
  const lines = [`Time: ${new Date().toISOString()}`, `Location: ${window.location.href}`]
  if (error instanceof TierlineError) {
    lines.push(`Code: ${error.code}`, `Message: ${error.message}`)
    if (error.details !== undefined)
      lines.push(`Details: ${JSON.stringify(error.details, null, 2)}`)
  } else if (error instanceof Error) {
    lines.push(`Message: ${error.message}`, `Stack: ${error.stack ?? '(none)'}`)
  } else {
    lines.push(`Value: ${String(error)}`)
  }
  return lines.join('\n')
}

/** What a screen shows instead of crashing: a readable message, and details to send to support. */
export function ErrorFallback({ error, resetErrorBoundary }: FallbackProps) {
  const clipboard = useClipboard({ timeout: 2000 })
  const message = error instanceof Error ? error.message : String(error)
  return (
    <Stack p="xl" maw={720} role="alert">
      <Title order={2}>This screen ran into a problem</Title>
      <Alert color="red" icon={<IconAlertTriangle />} title="What happened">
        <Text>{message}</Text>
      </Alert>
      <Text c="dimmed" size="sm">
        Your saved data is not affected. Try again, or copy the details for support.
      </Text>
      <Code block>{detailsOf(error)}</Code>
      <Group>
        <Button leftSection={<IconRefresh size={16} />} onClick={resetErrorBoundary}>
          Try again
        </Button>
        <Button
          variant="default"
          leftSection={<IconCopy size={16} />}
          onClick={() => clipboard.copy(detailsOf(error))}
        >
          {clipboard.copied ? 'Copied' : 'Copy details'}
        </Button>
      </Group>
    </Stack>
  )
}
