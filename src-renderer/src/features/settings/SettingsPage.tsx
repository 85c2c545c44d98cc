import { Stack, Title } from '@mantine/core'
import { Outlet } from '@tanstack/react-router'

export function SettingsPage() {
  return (
    <Stack gap="lg" maw={760}>
      <Title order={2}>Settings</Title>
      <Outlet />
    </Stack>
  )
}
