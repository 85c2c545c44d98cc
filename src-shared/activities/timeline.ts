import type { Activity } from '../model/activity'
import type { Severity } from '../model/enums'
import type { Proposal } from '../model/proposal'
import type { Ticket } from '../model/ticket'
import type { Tier } from '../model/tier'
import type { TimelineKind, TimelineQuery } from './activity-inputs'

/**
 * The account timeline: activities (notes, calls, check-ins, QBRs), ticket milestones and tier
 * changes in one stream, newest first. Pure: main reads the documents, this decides what is a
 * milestone, who may edit what, and the order.
 */

export interface ActivityEntry {
  readonly kind: 'activity'
  readonly id: string
  readonly at: string
  readonly activity: Activity
  readonly authorName: string
  /** Only the author edits or deletes an activity, and only notes and check-ins. */
  readonly editable: boolean
}

export type TicketMilestone = 'opened' | 'solved' | 'reopened' | 'severity-changed' | 'escalated'

export interface TicketMilestoneEntry {
  readonly kind: 'ticket'
  /** `<ticket id>:<event id>`: unique across the stream. */
  readonly id: string
  readonly at: string
  readonly ticketId: string
  readonly ticketNumber: number
  readonly subject: string
  readonly severity: Severity
  readonly milestone: TicketMilestone
  /** One line saying what happened, e.g. "S3 → S1: production down". */
  readonly detail: string
}

export interface TierChangeEntry {
  readonly kind: 'tier'
  readonly id: string
  readonly at: string
  readonly fromTier: string
  readonly toTier: string
  readonly proposalTitle: string
}

export type TimelineEntry = ActivityEntry | TicketMilestoneEntry | TierChangeEntry

export interface TimelinePage {
  readonly entries: readonly TimelineEntry[]
  readonly total: number
  readonly offset: number
  readonly limit: number
}

/** What `activities.delete` answers: enough to offer Undo. */
export interface DeletedActivity {
  readonly id: string
  readonly deletedAt: string
}

/** Kinds of activity their author may edit, delete and restore. */
export const editableActivityKinds: readonly Activity['kind'][] = ['note', 'check-in']

export function canEditActivity(activity: Activity, userId: string | null): boolean {
  return (
    userId !== null && activity.authorId === userId && editableActivityKinds.includes(activity.kind)
  )
}

export function activityEntries(
  activities: readonly Activity[],
  userNames: ReadonlyMap<string, string>,
  currentUserId: string | null,
): ActivityEntry[] {
  return activities.map((activity) => ({
    kind: 'activity',
    id: activity.id,
    at: activity.occurredAt,
    activity,
    authorName: userNames.get(activity.authorId) ?? 'Unknown author',
    editable: canEditActivity(activity, currentUserId),
  }))
}

const oneLine = (text: string, max = 120) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`
}

/**
 * The moments of a ticket's life worth seeing beside the account's notes: opened, severity
 * changes, escalation levels engaged, solved and reopened. Replies and status moves are left in
 * the ticket's own history, or they would drown the stream.
 */
export function ticketMilestones(ticket: Ticket): TicketMilestoneEntry[] {
  const entries: TicketMilestoneEntry[] = []
  const push = (eventId: string, at: string, milestone: TicketMilestone, detail: string) =>
    entries.push({
      kind: 'ticket',
      id: `${ticket.id}:${eventId}`,
      at,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      subject: ticket.subject,
      severity: ticket.severity,
      milestone,
      detail,
    })
  for (const event of ticket.events) {
    switch (event.type) {
      case 'created':
        push(event.id, event.at, 'opened', `${event.severity} via ${event.channel}`)
        break
      case 'severity-change':
        push(
          event.id,
          event.at,
          'severity-changed',
          oneLine(`${event.from} → ${event.to}${event.reason === '' ? '' : `: ${event.reason}`}`),
        )
        break
      case 'internal-note':
        if (event.escalationLevel !== null) {
          push(event.id, event.at, 'escalated', `Escalation level ${event.escalationLevel} engaged`)
        }
        break
      case 'solved':
        push(event.id, event.at, 'solved', oneLine(event.resolution))
        break
      case 'reopened':
        push(event.id, event.at, 'reopened', oneLine(event.reason))
        break
      default:
        break
    }
  }
  return entries
}

/**
 * Tier changes as the workspace records them: an accepted proposal moved the account from one
 * tier version to another when it was decided.
 */
export function tierChangeEntries(
  proposals: readonly Proposal[],
  tierVersions: ReadonlyMap<string, Tier>,
): TierChangeEntry[] {
  const label = (id: string) => {
    const tier = tierVersions.get(id)
    return tier === undefined ? 'an unknown tier' : `${tier.name} (version ${tier.version})`
  }
  return proposals
    .filter((proposal) => proposal.status === 'accepted' && proposal.decidedAt !== null)
    .map((proposal) => ({
      kind: 'tier',
      id: proposal.id,
      at: proposal.decidedAt ?? proposal.updatedAt,
      fromTier: label(proposal.fromTierVersionId),
      toTier: label(proposal.toTierVersionId),
      proposalTitle: proposal.title,
    }))
}

export function timelineKindOf(entry: TimelineEntry): TimelineKind {
  return entry.kind === 'activity' ? entry.activity.kind : entry.kind
}

/** Newest first; equal times in a fixed order (id, descending) so pages never overlap. */
export function compareNewestFirst(a: TimelineEntry, b: TimelineEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** One page of the merged stream, filtered by kind. */
export function timelinePage(
  entries: readonly TimelineEntry[],
  query: Pick<TimelineQuery, 'kinds' | 'offset' | 'limit'>,
): TimelinePage {
  const wanted = query.kinds.length === 0 ? null : new Set(query.kinds)
  const chosen = (
    wanted === null ? [...entries] : entries.filter((e) => wanted.has(timelineKindOf(e)))
  ).sort(compareNewestFirst)
  return {
    entries: chosen.slice(query.offset, query.offset + query.limit),
    total: chosen.length,
    offset: query.offset,
    limit: query.limit,
  }
}
