import { TierlineError } from '@shared/ipc/errors'
import type { Proposal, ProposalStatus } from '@shared/model/proposal'
import { canTransition, statusLabels } from '@shared/proposals/status-machine'
import { invalidInput } from '@shared/proposals/validation'
import type { CurrentUser } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'
import { isoDay, pricingFacts, requireAccount, tierVersion } from './proposal-facts'
import { priceContent } from './proposal-pricing'
import { contentAt, requireHead, writeHead } from './proposal-store'

/**
 * Moves a proposal through its workflow (status-machine.ts decides what is allowed) and records
 * who did it, when and why. Whether the current version needs approval is checked afresh, so a
 * threshold lowered in Settings since the last save still holds a version back from sending.
 */
export function createProposalStatus(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly me: { current(): Promise<CurrentUser> }
  readonly now: () => Date
}) {
  let queue: Promise<unknown> = Promise.resolve()

  async function approvalRequiredNow(db: TierlineDatabase, head: Proposal): Promise<boolean> {
    const content = await contentAt(db, head, head.currentVersion)
    const target = await tierVersion(db, content.targetTierVersionId)
    if (target === null) return head.approval.required
    const account = await requireAccount(db, head.accountId)
    const facts = await pricingFacts(db, account, target, head.fromTierVersionId)
    const outcome = priceContent(content, facts, isoDay(options.now()))
    return outcome.approval?.required ?? head.approval.required
  }

  async function setStatus(input: {
    id: string
    to: ProposalStatus
    note?: string | null | undefined
  }): Promise<Proposal> {
    const db = await options.rx()
    const head = await requireHead(db, input.id)
    if (head.status === input.to) {
      throw invalidInput('status change', [
        { field: 'to', message: `The proposal is ${statusLabels[input.to].toLowerCase()} already` },
      ])
    }
    const [me, required] = await Promise.all([options.me.current(), approvalRequiredNow(db, head)])
    const verdict = canTransition({
      from: head.status,
      to: input.to,
      role: me.role,
      approvalRequired: required,
      currentVersionApproved: head.approval.approvedVersion === head.currentVersion,
    })
    if (!verdict.allowed) {
      if (verdict.code === 'role') {
        throw new TierlineError(
          'forbidden',
          `${verdict.reason}; you are acting as ${me.name} (${me.role}).`,
          {
            role: me.role,
          },
        )
      }
      throw invalidInput('status change', [
        { field: verdict.code === 'needs-approval' ? 'status' : 'to', message: verdict.reason },
      ])
    }
    const at = options.now().toISOString()
    const decided = input.to === 'accepted' || input.to === 'lost'
    return writeHead(db, {
      ...head,
      status: input.to,
      statusHistory: [
        ...head.statusHistory,
        { status: input.to, byId: me.id, at, note: input.note?.trim() || null },
      ],
      approval:
        input.to === 'approved'
          ? {
              ...head.approval,
              required,
              approvedById: me.id,
              approvedAt: at,
              approvedVersion: head.currentVersion,
            }
          : { ...head.approval, required },
      sentAt: input.to === 'sent' ? at : head.sentAt,
      decidedAt: decided ? at : input.to === 'draft' ? null : head.decidedAt,
      updatedAt: at,
      updatedBy: me.id,
    })
  }

  return {
    setStatus(input: Parameters<typeof setStatus>[0]): Promise<Proposal> {
      const run = queue.then(
        () => setStatus(input),
        () => setStatus(input),
      )
      queue = run.catch(() => undefined)
      return run
    },
  }
}
