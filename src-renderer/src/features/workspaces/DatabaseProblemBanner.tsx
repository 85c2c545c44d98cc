import { Alert, Button, Group, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useInvoke } from '../../app/ipc-hooks'

/** Shown on every screen while the open workspace's database cannot be used. */
export function DatabaseProblemBanner() {
  const info = useInvoke('app.info')
  const database = info.data?.database
  if (database?.state !== 'error') return null
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle />}
      title="This workspace's data cannot be opened"
      mb="lg"
      role="alert"
    >
      <Text size="sm">{database.message}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        The file was left exactly as it is: {database.file}
      </Text>
      <Group mt="sm">
        <Button size="xs" component={Link} to="/settings/workspaces">
          Restore from a backup
        </Button>
      </Group>
    </Alert>
  )
}
