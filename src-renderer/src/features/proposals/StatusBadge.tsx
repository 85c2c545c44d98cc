import { Badge } from '@mantine/core'
import type { ProposalStatus } from '@shared/model/proposal'
import { statusLabels } from '@shared/proposals/status-machine'

const statusColors: Readonly<Record<ProposalStatus, string>> = {
  draft: 'gray',
  'in-review': 'blue',
  approved: 'teal',
  'changes-requested': 'orange',
  sent: 'indigo',
  accepted: 'green',
  lost: 'red',
}

/** A proposal's status in the workflow's words, coloured by how far along it is. */
export function StatusBadge({ status }: { readonly status: ProposalStatus }) {
  return (
    <Badge color={statusColors[status]} variant="light" data-testid="proposal-status">
      {statusLabels[status]}
    </Badge>
  )
}
