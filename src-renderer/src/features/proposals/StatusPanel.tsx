import { Alert, Button, Group, List, Stack, Text, Textarea, Timeline } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useState } from 'react'
import type { ProposalStatus } from '@shared/model/proposal'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import { statusLabels } from '@shared/proposals/status-machine'
import { useMutate } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { Panel } from '../account/Panel'
import { notifyFailure, notifySuccess } from '../workspaces/notify'
import { StatusBadge } from './StatusBadge'

/** Buttons say what they do; main's labels name the status they lead to. */
const moveLabels: Readonly<Record<ProposalStatus, string>> = {
  draft: 'Back to draft',
  'in-review': 'Submit for review',
  approved: 'Approve',
  'changes-requested': 'Request changes',
  sent: 'Mark as sent',
  accepted: 'Mark accepted',
  lost: 'Mark lost',
}

const percent = (share: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(share)

/** Why a version needs a manager, in main's words; shown above the builder and in this panel. */
export function ApprovalBanner(props: {
  readonly reasons: readonly {
    readonly code: string
    readonly field: string
    readonly message: string
  }[]
  readonly thresholdShare: number
  /** The reasons are about unsaved edits, not the saved version. */
  readonly draft: boolean
}) {
  const { locale } = useFormat()
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle />}
      title={props.draft ? 'Saving this would need manager approval' : 'Needs manager approval'}
      data-testid="approval-banner"
    >
      <Stack gap={4}>
        <List size="sm">
          {props.reasons.map((reason) => (
            <List.Item key={`${reason.code}-${reason.field}`}>{reason.message}</List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed">
          Discounts above {percent(props.thresholdShare, locale)} and terms outside the price book
          need a manager; until then exports carry a DRAFT watermark.
        </Text>
      </Stack>
    </Alert>
  )
}

/**
 * Where the proposal stands and who moved it: the moves main allows this user now (each
 * refused move says why), approval for managers, and the history with who and when.
 */
export function StatusPanel(props: { readonly detail: ProposalDetail; readonly dirty: boolean }) {
  const { detail } = props
  const format = useFormat()
  const setStatus = useMutate('proposals.setStatus')
  const [note, setNote] = useState('')
  const offered = detail.transitions.filter(
    (option) => option.verdict.allowed || option.verdict.code !== 'role',
  )
  const reviewerOnly = detail.transitions.length > offered.length
  const { approval } = detail

  return (
    <Panel
      title="Status & approval"
      testId="status-panel"
      actions={<StatusBadge status={detail.head.status} />}
    >
      <Stack gap="md">
        {approval.required && !approval.satisfied && (
          <ApprovalBanner
            reasons={approval.reasons}
            thresholdShare={approval.thresholdShare}
            draft={false}
          />
        )}
        {approval.required && approval.satisfied && (
          <Alert color="teal" icon={<IconCircleCheck />} title="Approved" data-testid="approved">
            Version {approval.approvedVersion} approved by {approval.approvedByName ?? 'a manager'}
            {approval.approvedAt === null ? '' : ` on ${format.dateTime(approval.approvedAt)}`}.
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          Acting as {detail.viewer.name} ({detail.viewer.role}).
          {reviewerOnly && ' A manager or an admin approves or requests changes.'}
        </Text>
        {offered.length > 0 && (
          <Textarea
            label="Note for the history"
            description="Optional: why it moves, what the customer said"
            autosize
            minRows={1}
            value={note}
            disabled={props.dirty}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
        )}
        <Group gap="xs">
          {offered.map((option) => (
            <Button
              key={option.to}
              variant={option.to === 'approved' ? 'filled' : 'default'}
              color={option.to === 'approved' ? 'teal' : option.to === 'lost' ? 'red' : undefined}
              disabled={props.dirty || !option.verdict.allowed}
              loading={setStatus.isPending && setStatus.variables.to === option.to}
              onClick={() =>
                setStatus.mutate(
                  { id: detail.head.id, to: option.to, note: note.trim() === '' ? null : note },
                  {
                    onSuccess: (head) => {
                      setNote('')
                      notifySuccess(
                        statusLabels[head.status],
                        `“${head.title}” is ${statusLabels[head.status].toLowerCase()}.`,
                      )
                    },
                    onError: notifyFailure('Status not changed'),
                  },
                )
              }
            >
              {moveLabels[option.to]}
            </Button>
          ))}
        </Group>
        {/* Said in words, not in a tooltip on a disabled button that keyboards cannot reach. */}
        {props.dirty && offered.length > 0 ? (
          <Text size="sm" c="dimmed">
            Save or discard your changes before moving the status.
          </Text>
        ) : (
          offered.map((option) =>
            option.verdict.allowed ? null : (
              <Text key={option.to} size="sm" c="dimmed" data-testid="transition-refused">
                {moveLabels[option.to]}: {option.verdict.reason}
              </Text>
            ),
          )
        )}
        <Timeline bulletSize={12} lineWidth={2} aria-label="Status history" reverseActive>
          {[...detail.statusHistory].reverse().map((change, index) => (
            <Timeline.Item
              key={`${change.status}-${change.at}-${index}`}
              title={`${statusLabels[change.status]} · ${change.byName}`}
              data-testid="status-change"
            >
              <Text size="xs" c="dimmed">
                {format.dateTime(change.at)}
              </Text>
              {change.note !== null && change.note !== '' && <Text size="sm">{change.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Panel>
  )
}
