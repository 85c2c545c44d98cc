import { Button, type ButtonProps } from '@mantine/core'
import { IconFileDollar } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useMutate } from '../../app/ipc-hooks'
import { notifyFailure } from '../workspaces/notify'

/**
 * Starts a proposal for an account (from an upgrade-signal alert when `alertId` is given):
 * main pre-fills version 1 from the account, its tier, the evidence and the price book, and
 * the builder opens on it.
 */
export function StartProposalButton(props: {
  readonly accountId: string
  readonly alertId?: string
  readonly label: string
  readonly size?: ButtonProps['size']
  readonly variant?: ButtonProps['variant']
}) {
  const navigate = useNavigate()
  const start = useMutate('proposals.start')
  return (
    <Button
      size={props.size ?? 'sm'}
      variant={props.variant ?? 'light'}
      leftSection={<IconFileDollar size={16} />}
      loading={start.isPending}
      onClick={() =>
        start.mutate(
          { accountId: props.accountId, alertId: props.alertId ?? null },
          {
            onSuccess: (proposal) =>
              void navigate({ to: '/proposals/$proposalId', params: { proposalId: proposal.id } }),
            onError: notifyFailure('Proposal not started'),
          },
        )
      }
    >
      {props.label}
    </Button>
  )
}
