import { Alert, Button, Skeleton, Stack } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { TierlineError } from '@shared/ipc/errors'

/** Loading skeleton, readable error with retry, or the section itself once its data arrived. */
export function SectionState<T>({
  query,
  children,
  loading,
}: {
  readonly query: UseQueryResult<T, TierlineError>
  readonly children: (data: T) => ReactNode
  /** A placeholder the size of the section, so what is below does not jump when it loads. */
  readonly loading?: ReactNode
}) {
  if (query.isPending) {
    if (loading !== undefined) return <>{loading}</>
    return (
      <Stack aria-busy="true" aria-label="Loading">
        <Skeleton height={24} width="40%" />
        <Skeleton height={72} />
      </Stack>
    )
  }
  if (query.isError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title="Could not load this section">
        {query.error.message}
        <Button variant="subtle" size="xs" mt="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Alert>
    )
  }
  return <>{children(query.data)}</>
}
