import { timelineInput, type TimelineInput } from '@shared/activities/activity-inputs'
import {
  activityEntries,
  ticketMilestones,
  tierChangeEntries,
  timelinePage,
  type TimelineEntry,
  type TimelinePage,
} from '@shared/activities/timeline'
import { TierlineError } from '@shared/ipc/errors'
import type { Activity } from '@shared/model/activity'
import type { Proposal } from '@shared/model/proposal'
import type { Ticket } from '@shared/model/ticket'
import type { Tier } from '@shared/model/tier'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { CurrentUserSource } from '../session/current-user'
import { parseInput } from './parse-input'

/**
 * Reads an account's timeline. An account has tens of activities and about a hundred tickets,
 * so the whole stream is built per call and paged in memory: simpler than merging three
 * cursors, and exact under any kind filter.
 */
export function createTimelineRepository(
  rx: () => Promise<TierlineDatabase>,
  currentUser: CurrentUserSource,
) {
  return {
    async timeline(input: TimelineInput): Promise<TimelinePage> {
      const query = parseInput(timelineInput, input, 'timeline query')
      const db = await rx()
      const account = await db.accounts.findOne(query.accountId).exec()
      if (account === null) {
        throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
          id: query.accountId,
        })
      }
      const wants = (kind: 'ticket' | 'tier') =>
        query.kinds.length === 0 || query.kinds.includes(kind)
      const byAccount = { selector: { accountId: query.accountId } }
      const [activities, tickets, proposals, users, me] = await Promise.all([
        db.activities.find(byAccount).exec(),
        wants('ticket') ? db.tickets.find(byAccount).exec() : Promise.resolve([]),
        wants('tier') ? db.proposals.find(byAccount).exec() : Promise.resolve([]),
        db.users.find().exec(),
        currentUser.current().catch(() => null),
      ])
      const acceptedProposals = proposals.map((doc) => doc.toJSON() as Proposal)
      const versionIds = acceptedProposals.flatMap((p) => [p.fromTierVersionId, p.toTierVersionId])
      const versions = new Map(
        [...(await db.tiers.findByIds(versionIds).exec()).values()].map((doc) => [
          doc.id,
          doc.toJSON() as Tier,
        ]),
      )
      const entries: TimelineEntry[] = [
        ...activityEntries(
          activities.map((doc) => doc.toJSON() as Activity),
          new Map(users.map((user) => [user.id, user.name])),
          me?.id ?? null,
        ),
        ...tickets.flatMap((doc) => ticketMilestones(doc.toJSON() as Ticket)),
        ...tierChangeEntries(acceptedProposals, versions),
      ]
      return timelinePage(entries, query)
    },
  }
}

export type TimelineRepository = ReturnType<typeof createTimelineRepository>
