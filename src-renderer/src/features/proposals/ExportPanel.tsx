import { Button, Group, Progress, Stack, Text } from '@mantine/core'
import { IconFileTypeDocx, IconFileTypePdf, IconMarkdown } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { ExportFormat, ProposalExportProgress } from '@shared/proposals/document/export-input'
import { useMutate, useSubscription } from '../../app/ipc-hooks'
import { Panel } from '../account/Panel'
import { notifyFailure, notifySuccess } from '../workspaces/notify'

const formats: readonly { format: ExportFormat; label: string; icon: typeof IconMarkdown }[] = [
  { format: 'pdf', label: 'Export PDF', icon: IconFileTypePdf },
  { format: 'docx', label: 'Export DOCX', icon: IconFileTypeDocx },
  { format: 'markdown', label: 'Export Markdown', icon: IconMarkdown },
]

/**
 * PDF, DOCX and Markdown of the saved current version, made in main and written where the user
 * chooses; main reports progress on `proposals.exportProgress`, drawn here as a bar.
 */
export function ExportPanel(props: {
  readonly id: string
  readonly dirty: boolean
  /** Unapproved versions export with a DRAFT watermark. */
  readonly watermarked: boolean
}) {
  const run = useMutate('proposals.export')
  const [progress, setProgress] = useState<ProposalExportProgress | null>(null)
  const follow = useCallback(
    (event: ProposalExportProgress) => {
      if (event.proposalId === props.id) setProgress(event.done ? null : event)
    },
    [props.id],
  )
  useSubscription('proposals.exportProgress', follow)
  const busy = run.isPending ? run.variables.format : null

  return (
    <Panel title="Export" testId="export-panel">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {props.dirty
            ? 'Exports are made from the saved version: save first to include your changes.'
            : props.watermarked
              ? 'This version is not approved: exports carry a DRAFT watermark.'
              : 'Exports of the current version.'}
        </Text>
        <Group gap="xs">
          {formats.map(({ format, label, icon: Icon }) => (
            <Button
              key={format}
              variant="default"
              leftSection={<Icon size={16} />}
              loading={busy === format}
              disabled={busy !== null && busy !== format}
              onClick={() =>
                run.mutate(
                  { id: props.id, format },
                  {
                    onSuccess: (result) => {
                      setProgress(null)
                      if (result.saved) notifySuccess('Exported', `Written to ${result.path}`)
                    },
                    onError: (error) => {
                      setProgress(null)
                      notifyFailure('Not exported')(error)
                    },
                  },
                )
              }
            >
              {label}
            </Button>
          ))}
        </Group>
        {busy !== null && (
          <Stack gap={4} aria-live="polite">
            <Progress
              value={Math.round((progress?.share ?? 0) * 100)}
              aria-label={`Export progress`}
              animated
            />
            <Text size="xs" c="dimmed" data-testid="export-step">
              {progress?.step ?? 'Starting…'}
            </Text>
          </Stack>
        )}
      </Stack>
    </Panel>
  )
}
