import { Button } from '@mantine/core'
import { IconFileExport } from '@tabler/icons-react'
import { useMutate } from '../../app/ipc-hooks'
import { notifyFailure, notifySuccess } from '../workspaces/notify'
import type { PortfolioView } from './usePortfolioView'

/** Exports what is on screen (filters, sort, columns) as CSV; main writes the file. */
export function ExportButton({ view }: { readonly view: PortfolioView }) {
  const exportCsv = useMutate('portfolio.exportCsv')
  return (
    <Button
      variant="default"
      leftSection={<IconFileExport size={16} />}
      loading={exportCsv.isPending}
      onClick={() =>
        exportCsv.mutate(
          {
            filters: view.state.filters,
            sort: view.state.sort,
            columns: [...view.state.columns],
            viewName: view.active.name,
          },
          {
            onSuccess: (result) => {
              if (result.saved) {
                notifySuccess('Exported', `${result.rows} accounts written to ${result.path}`)
              }
            },
            onError: notifyFailure('Export failed'),
          },
        )
      }
    >
      Export CSV
    </Button>
  )
}
