import type { UserRole } from '../model/enums'
import type { ProposalStatus } from '../model/proposal'

/**
 * Where a proposal may go from each status, and who may move it:
 *
 *   draft ──▶ in-review ──▶ approved ──▶ sent ──▶ accepted
 *     ▲  │        │    └──▶ changes-requested      └──▶ lost
 *     │  └──────────────────────────────────────▶ sent (when no approval is needed)
 *
 * - approving or requesting changes is for a manager or an admin;
 * - a version that needs approval cannot be sent until that version is approved;
 * - any open proposal can be marked lost; a lost one can be reopened as a draft; accepted is final;
 * - a reviewer's request or a customer's feedback sends it back to draft for another version.
 */

export const transitions: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  draft: ['in-review', 'sent', 'lost'],
  'in-review': ['approved', 'changes-requested', 'draft', 'lost'],
  'changes-requested': ['draft', 'in-review', 'lost'],
  approved: ['sent', 'draft', 'lost'],
  sent: ['accepted', 'lost', 'draft'],
  accepted: [],
  lost: ['draft'],
}

/** Moves only a manager or an admin may make. */
const REVIEWER_MOVES: readonly ProposalStatus[] = ['approved', 'changes-requested']
const REVIEWER_ROLES: readonly UserRole[] = ['manager', 'admin']

export const statusLabels: Readonly<Record<ProposalStatus, string>> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  'changes-requested': 'Changes requested',
  sent: 'Sent',
  accepted: 'Accepted',
  lost: 'Lost',
}

export interface TransitionFacts {
  readonly from: ProposalStatus
  readonly to: ProposalStatus
  readonly role: UserRole
  /** Whether the current version needs a manager's approval. */
  readonly approvalRequired: boolean
  /** Whether the current version is the approved one. */
  readonly currentVersionApproved: boolean
}

export type TransitionVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false
      readonly code: 'invalid-transition' | 'role' | 'needs-approval'
      readonly reason: string
    }

export function canTransition(facts: TransitionFacts): TransitionVerdict {
  const { from, to } = facts
  if (!transitions[from].includes(to)) {
    return {
      allowed: false,
      code: 'invalid-transition',
      reason:
        from === 'accepted'
          ? 'An accepted proposal is final; duplicate it to propose something new'
          : `A proposal that is ${statusLabels[from].toLowerCase()} cannot be marked ${statusLabels[to].toLowerCase()}`,
    }
  }
  if (REVIEWER_MOVES.includes(to) && !REVIEWER_ROLES.includes(facts.role)) {
    return {
      allowed: false,
      code: 'role',
      reason: `Only a manager or an admin can mark a proposal ${statusLabels[to].toLowerCase()}`,
    }
  }
  if (to === 'sent' && facts.approvalRequired && !facts.currentVersionApproved) {
    return {
      allowed: false,
      code: 'needs-approval',
      reason: 'This version needs a manager’s approval before it can be sent',
    }
  }
  return { allowed: true }
}

/** Every move from `from`, each with whether this user may make it now and why not. */
export function availableTransitions(
  facts: Omit<TransitionFacts, 'to'>,
): readonly { readonly to: ProposalStatus; readonly verdict: TransitionVerdict }[] {
  return transitions[facts.from].map((to) => ({ to, verdict: canTransition({ ...facts, to }) }))
}

/**
 * The status a proposal takes when a new version is saved: editing an approved, in-review,
 * sent or lost proposal makes it a draft again (approval is for a version; a sent one is being
 * revised). Accepted proposals are not edited (see content saving).
 */
export function statusAfterEdit(status: ProposalStatus): ProposalStatus {
  return status === 'changes-requested' ? 'changes-requested' : 'draft'
}
