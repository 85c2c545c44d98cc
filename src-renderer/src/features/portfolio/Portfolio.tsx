import { Alert, Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useCallback } from 'react'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import { ColumnChooser } from './ColumnChooser'
import { ExportButton } from './ExportButton'
import { PortfolioFilters } from './PortfolioFilters'
import { PortfolioTable } from './PortfolioTable'
import type { PortfolioView } from './usePortfolioView'
import { ViewMenu } from './ViewMenu'

/** The accounts table with its views, filters, column chooser and export. */
export function Portfolio({ view }: { readonly view: PortfolioView }) {
  const navigate = useNavigate()
  const format = useFormat()
  const open = useCallback(
    (accountId: string) => void navigate({ to: '/accounts/$accountId', params: { accountId } }),
    [navigate],
  )
  const result = view.rows.data
  const unsupported = view.active.summary?.unsupportedFilters ?? 0

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <ViewMenu view={view} />
        <Group gap="xs">
          <ColumnChooser columns={view.state.columns} onChange={view.setColumns} />
          <ExportButton view={view} />
        </Group>
      </Group>
      {unsupported > 0 && (
        <Alert color="yellow" icon={<IconInfoCircle />}>
          This view has {unsupported} filter{unsupported === 1 ? '' : 's'} that this screen cannot
          apply; the rows shown ignore {unsupported === 1 ? 'it' : 'them'}.
        </Alert>
      )}
      <PortfolioFilters view={view} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {result === undefined ? (
            'Loading accounts…'
          ) : (
            <>
              <span data-testid="accounts-total">{format.number(result.total)} accounts</span>
              {result.total !== result.bookTotal &&
                ` of ${format.number(result.bookTotal)} in the book`}
            </>
          )}
        </Text>
        {result !== undefined && result.sources.pending && (
          <Group gap={6}>
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              Computing health trends, SLA compliance and upgrade signals…
            </Text>
          </Group>
        )}
      </Group>
      <Card withBorder padding={0}>
        <SectionState query={view.rows}>
          {(data) =>
            data.total === 0 ? (
              <Center p="xl">
                <Stack align="center" gap="xs">
                  <Text c="dimmed">
                    {data.bookTotal === 0
                      ? 'This workspace has no accounts yet.'
                      : 'No accounts match these filters.'}
                  </Text>
                  {data.bookTotal > 0 && (
                    <Button variant="light" onClick={view.clearFilters}>
                      Clear filters
                    </Button>
                  )}
                </Stack>
              </Center>
            ) : (
              <PortfolioTable
                rows={view.tableRows}
                onShowPages={view.showPages}
                columns={view.state.columns}
                sort={view.state.sort}
                onSort={view.setSort}
                onOpen={open}
              />
            )
          }
        </SectionState>
      </Card>
    </Stack>
  )
}
