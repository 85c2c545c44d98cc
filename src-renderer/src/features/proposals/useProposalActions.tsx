import { useNavigate } from '@tanstack/react-router'
import { useMutate } from '../../app/ipc-hooks'
import { showUndoNotification } from '../../components/undo-notification'
import { notifyFailure, notifySuccess } from '../workspaces/notify'

export interface ProposalRef {
  readonly id: string
  readonly title: string
}

/**
 * Duplicate and archive, with Undo for an archive. Lives on the page, not in a row: an archived
 * row leaves the list, and a mutation's callbacks must outlive it to offer the Undo.
 */
export function useProposalActions() {
  const navigate = useNavigate()
  const duplicate = useMutate('proposals.duplicate')
  const archive = useMutate('proposals.archive')

  const openCopy = (proposal: ProposalRef) =>
    duplicate.mutate(
      { id: proposal.id },
      {
        onSuccess: (copy) => {
          notifySuccess('Duplicated', `“${copy.title}” is a new draft.`)
          void navigate({ to: '/proposals/$proposalId', params: { proposalId: copy.id } })
        },
        onError: notifyFailure('Not duplicated'),
      },
    )

  const setArchived = (proposal: ProposalRef, archived: boolean) =>
    archive.mutate(
      { id: proposal.id, archived },
      {
        onError: notifyFailure(archived ? 'Not archived' : 'Not restored'),
        onSuccess: () => {
          if (!archived) {
            notifySuccess('Restored', `“${proposal.title}” is back in the list.`)
            return
          }
          showUndoNotification({
            id: `undo-archive-${proposal.id}`,
            title: 'Proposal archived',
            subject: proposal.title,
            onUndo: () => setArchived(proposal, false),
          })
        },
      },
    )

  return {
    duplicate: openCopy,
    duplicating: duplicate.isPending ? duplicate.variables.id : null,
    archive: (proposal: ProposalRef) => setArchived(proposal, true),
    unarchive: (proposal: ProposalRef) => setArchived(proposal, false),
    archiving: archive.isPending ? archive.variables.id : null,
  }
}
