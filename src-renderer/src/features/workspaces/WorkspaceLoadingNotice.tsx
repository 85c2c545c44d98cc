import { Alert, Progress, Text } from '@mantine/core'
import { useWorkspaceProgress } from './useWorkspaceProgress'

/**
 * On a new machine the demo book loads while the window is already open: say so, with
 * progress, instead of leaving every screen on a skeleton.
 */
export function WorkspaceLoadingNotice() {
  const progress = useWorkspaceProgress()
  if (progress?.task !== 'load-demo' || progress.done >= progress.total) return null
  return (
    <Alert color="blue" title="Preparing the demo book" mb="lg" aria-live="polite">
      <Text size="sm" mb="xs">
        {progress.message}… Your screens fill in as soon as it is ready.
      </Text>
      <Progress
        value={(progress.done / progress.total) * 100}
        animated
        aria-label="Demo book loading"
      />
    </Alert>
  )
}
