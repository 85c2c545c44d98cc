import { Card, Group, Title } from '@mantine/core'
import { useId, type ReactNode } from 'react'
import classes from './account.module.css'

/** One Account 360 panel: a bordered card that is a labelled region for screen readers. */
export function Panel({
  title,
  actions,
  children,
  testId,
}: {
  readonly title: string
  readonly actions?: ReactNode
  readonly children: ReactNode
  readonly testId?: string
}) {
  const headingId = useId()
  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-labelledby={headingId}
      className={classes.panel}
      data-testid={testId}
    >
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={3} id={headingId}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  )
}
