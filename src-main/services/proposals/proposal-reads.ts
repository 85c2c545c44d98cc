import { TierlineError } from '@shared/ipc/errors'
import { searchKey, type Account } from '@shared/model/account'
import type { Proposal } from '@shared/model/proposal'
import type { Tier } from '@shared/model/tier'
import type { User } from '@shared/model/user'
import { diffProposalContent } from '@shared/proposals/content-diff'
import type {
  ProposalDetail,
  ProposalDiff,
  ProposalList,
  ProposalListInput,
  ProposalPreview,
  ProposalVersionList,
  ProposalVersionSummary,
} from '@shared/proposals/proposal-queries'
import type { PricingDraft } from '@shared/proposals/draft'
import { availableTransitions, statusLabels } from '@shared/proposals/status-machine'
import { tierSideBySide } from '@shared/proposals/tier-side-by-side'
import type { CurrentUser } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'
import { tierRef } from '../sla/sla-service'
import {
  addOnsFor,
  currentVersionOf,
  isoDay,
  nameOf,
  pricingFacts,
  requireAccount,
  tierVersion,
  usersById,
} from './proposal-facts'
import {
  approvalSatisfied,
  approvalView,
  priceContent,
  pricePricingDraft,
} from './proposal-pricing'
import { contentAt, requireHead, versionsOf } from './proposal-store'

const DAY_MS = 86_400_000

/** The queries of the proposals domain: one proposal whole, the list, versions, diffs, preview. */
export function createProposalReads(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly viewer: { current(): Promise<CurrentUser> }
  readonly now: () => Date
}) {
  async function requireTierVersion(db: TierlineDatabase, id: string): Promise<Tier> {
    const tier = await tierVersion(db, id)
    if (tier === null) {
      throw new TierlineError(
        'not-found',
        'This proposal’s target tier version no longer exists.',
        {
          tierVersionId: id,
        },
      )
    }
    return tier
  }

  function versionSummaries(
    head: Proposal,
    versions: Awaited<ReturnType<typeof versionsOf>>,
    users: ReadonlyMap<string, User>,
  ): ProposalVersionSummary[] {
    const summaries = versions.map((version) => ({
      version: version.version,
      authorId: version.authorId,
      authorName: nameOf(users, version.authorId),
      createdAt: version.createdAt,
      note: version.note,
      title: version.content.title,
      approved: head.approval.approvedVersion === version.version,
    }))
    if (head.legacy !== null && head.currentVersion === 0) {
      summaries.push({
        version: 0,
        authorId: head.createdById,
        authorName: nameOf(users, head.createdById),
        createdAt: head.createdAt,
        note: 'Before proposal versions (kept from the earlier format)',
        title: head.title,
        approved: false,
      })
    }
    return summaries
  }

  async function get(id: string): Promise<ProposalDetail> {
    const db = await options.rx()
    const head = await requireHead(db, id)
    const [content, account, users, versions, viewer] = await Promise.all([
      contentAt(db, head, head.currentVersion),
      requireAccount(db, head.accountId),
      usersById(db),
      versionsOf(db, head.id),
      options.viewer.current(),
    ])
    const targetTier = await requireTierVersion(db, content.targetTierVersionId)
    const facts = await pricingFacts(db, account, targetTier, head.fromTierVersionId)
    const today = isoDay(options.now())
    const outcome = priceContent(content, facts, today)
    const approval = approvalView(
      head.approval,
      head.currentVersion,
      facts.thresholdShare,
      head.approval.approvedById === null ? null : nameOf(users, head.approval.approvedById),
      outcome.approval,
    )
    return {
      head,
      content: outcome.content,
      account: accountSummary(account, users),
      owner: { id: head.ownerId, name: nameOf(users, head.ownerId) },
      currentTier: tierRef(facts.currentTier),
      targetTier: tierRef(targetTier),
      priced: outcome.priced,
      // An expired offer is still readable; only a save needs a date from today on.
      issues: outcome.issues,
      approval,
      comparison: tierSideBySide({
        current: facts.currentTier,
        target: targetTier,
        currency: content.pricing.currency,
        currentAnnualMinor: head.currentAnnualMinor,
        proposedAnnualMinor: outcome.priced?.annualRecurringMinor ?? null,
      }),
      evidence: outcome.content.evidence,
      statusHistory: head.statusHistory.map((change) => ({
        ...change,
        byName: nameOf(users, change.byId),
      })),
      versions: versionSummaries(head, versions, users),
      transitions: availableTransitions({
        from: head.status,
        role: viewer.role,
        approvalRequired: approval.required,
        currentVersionApproved: head.approval.approvedVersion === head.currentVersion,
      }).map(({ to, verdict }) => ({ to, label: statusLabels[to], verdict })),
      viewer,
      readOnly: head.status === 'accepted',
      addOns: addOnsFor(targetTier),
    }
  }

  async function list(input: Exclude<ProposalListInput, undefined>): Promise<ProposalList> {
    const db = await options.rx()
    const selector = {
      ...(input.status ? { status: input.status } : {}),
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      ...(input.accountId ? { accountId: input.accountId } : {}),
      ...(input.includeArchived ? {} : { archived: false }),
    }
    const heads = (await db.proposals.find({ selector }).exec()).map(
      (doc) => doc.toJSON() as Proposal,
    )
    const [accounts, tiers, users] = await Promise.all([
      db.accounts.findByIds([...new Set(heads.map((head) => head.accountId))]).exec(),
      db.tiers
        .findByIds([...new Set(heads.flatMap((h) => [h.fromTierVersionId, h.toTierVersionId]))])
        .exec(),
      usersById(db),
    ])
    const accountName = (id: string) => (accounts.get(id)?.toJSON() as Account | undefined)?.name
    const tierName = (id: string) => tiers.get(id)?.name ?? 'Unknown tier'
    const words = searchKey(input.search ?? '')
    const now = options.now().getTime()
    const items = heads
      .map((head) => ({
        id: head.id,
        title: head.title,
        status: head.status,
        accountId: head.accountId,
        accountName: accountName(head.accountId) ?? 'Unknown account',
        ownerId: head.ownerId,
        ownerName: nameOf(users, head.ownerId),
        fromTierName: tierName(head.fromTierVersionId),
        toTierName: tierName(head.toTierVersionId),
        currency: head.currency,
        annualValueMinor: head.totalAnnualMinor,
        totalContractValueMinor: head.totalContractValueMinor,
        ageDays: Math.max(0, Math.floor((now - Date.parse(head.createdAt)) / DAY_MS)),
        needsApproval: !approvalSatisfied(head.approval, head.currentVersion),
        currentVersion: head.currentVersion,
        archived: head.archived,
        createdAt: head.createdAt,
        updatedAt: head.updatedAt,
      }))
      .filter(
        (item) => words === '' || searchKey(`${item.title} ${item.accountName}`).includes(words),
      )
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    return { items, total: items.length }
  }

  async function versions(id: string): Promise<ProposalVersionList> {
    const db = await options.rx()
    const head = await requireHead(db, id)
    const [stored, users] = await Promise.all([versionsOf(db, id), usersById(db)])
    return {
      id,
      currentVersion: head.currentVersion,
      versions: versionSummaries(head, stored, users),
    }
  }

  async function diff(input: { id: string; from: number; to: number }): Promise<ProposalDiff> {
    const db = await options.rx()
    const head = await requireHead(db, input.id)
    const [a, b] = await Promise.all([
      contentAt(db, head, input.from),
      contentAt(db, head, input.to),
    ])
    const ids = [...new Set([a.targetTierVersionId, b.targetTierVersionId])]
    const tiers = await db.tiers.findByIds(ids).exec()
    const tierName = (versionId: string) => {
      const tier = tiers.get(versionId)
      return tier === undefined ? 'an unknown tier version' : `${tier.name} v${tier.version}`
    }
    return { ...input, changes: diffProposalContent(a, b, tierName) }
  }

  async function preview(input: {
    accountId: string
    targetTierId: string
    pricing: PricingDraft
  }): Promise<ProposalPreview> {
    const db = await options.rx()
    const account = await requireAccount(db, input.accountId)
    const target = await currentVersionOf(db, input.targetTierId, isoDay(options.now()))
    if (target === null) {
      throw new TierlineError('not-found', 'There is no such tier in this workspace’s catalogue.', {
        tierId: input.targetTierId,
      })
    }
    const facts = await pricingFacts(db, account, target)
    const outcome = pricePricingDraft(input.pricing, facts)
    return {
      priced: outcome.priced,
      issues: outcome.issues,
      approval: outcome.approval,
      thresholdShare: facts.thresholdShare,
      currentTier: tierRef(facts.currentTier),
      targetTier: tierRef(target),
      addOns: addOnsFor(target),
    }
  }

  return { get, list, versions, diff, preview }
}

function accountSummary(account: Account, users: ReadonlyMap<string, User>) {
  return {
    id: account.id,
    name: account.name,
    domain: account.domain,
    segment: account.segment,
    seats: account.seats,
    arr: account.arr,
    contractStart: account.contractStart,
    renewalDate: account.renewalDate,
    termMonths: account.termMonths,
    ownerId: account.ownerId,
    ownerName: nameOf(users, account.ownerId),
  }
}

export type ProposalReads = ReturnType<typeof createProposalReads>
