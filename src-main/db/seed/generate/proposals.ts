import type {
  Proposal,
  ProposalEvidence,
  ProposalStatus,
  StatusChange,
} from '@shared/model/proposal'
import type { ProposalVersion } from '@shared/model/proposal-version'
import { approvalCheck } from '@shared/proposals/approval'
import { priceProposal } from '@shared/proposals/pricing'
import type { Tier } from '@shared/model/tier'
import type { BookContext } from '../context'
import type { AccountPlan } from '../plan'
import { Rng } from '../prng'
import { versionOn } from '../reference/tiers'
import { DAY_MS, iso, isoDay } from '../zoned-time'

function supportPrice(version: Tier, plan: AccountPlan) {
  const price = version.definition.prices.find((entry) => entry.currency === plan.currency)
  const seats = Math.max(plan.seats, price?.minimumSeats ?? 0)
  return { price, seats }
}

function annualSupport(version: Tier, plan: AccountPlan): number {
  const { price, seats } = supportPrice(version, plan)
  return price === undefined
    ? 0
    : seats * price.perSeatMonthlyMinor * 12 + price.platformFeeAnnualMinor
}

interface SeedProposal {
  readonly head: Proposal
  readonly version: ProposalVersion
}

type SeedStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'expired'

/** The demo's older statuses in the v1 workflow's words (as the v0 → v1 migration maps them). */
function statusOf(status: SeedStatus): { status: ProposalStatus; note: string | null } {
  if (status === 'declined') return { status: 'lost', note: 'Declined by the customer' }
  if (status === 'expired') return { status: 'lost', note: 'Expired without a decision' }
  return { status, note: null }
}

function proposal(
  rng: Rng,
  plan: AccountPlan,
  from: Tier,
  to: Tier,
  createdMs: number,
  seedStatus: SeedStatus,
  decidedMs: number | null,
  evidence: ProposalEvidence[],
): SeedProposal {
  const { seats } = supportPrice(to, plan)
  const share = rng.pick([0, 0, 0.05, 0.1, 0.15])
  const createdAt = iso(createdMs)
  const sentAt = seedStatus === 'draft' ? null : iso(createdMs + rng.int(1, 6) * DAY_MS)
  const { status, note } = statusOf(seedStatus)
  const decided = status === 'accepted' || status === 'lost' ? decidedMs : null
  const updated = decided ?? (sentAt === null ? createdMs : Date.parse(sentAt))
  const title = `${to.name} support for ${plan.name}`
  const pricing = {
    currency: plan.currency,
    startDate: isoDay(createdMs + 30 * DAY_MS),
    termMonths: 12,
    lines: [{ kind: 'seats' as const, quantity: seats }, { kind: 'platform-fee' as const }],
    discount: share === 0 ? null : { kind: 'percent' as const, share },
  }
  const priced = priceProposal(pricing, { targetTier: to, currentTier: from, addOns: [] })
  const approval = approvalCheck(pricing, priced)
  const history: StatusChange[] = [
    { status: 'draft', byId: plan.ownerId, at: createdAt, note: null },
  ]
  if (sentAt !== null) history.push({ status: 'sent', byId: plan.ownerId, at: sentAt, note: null })
  if (decided !== null) history.push({ status, byId: plan.ownerId, at: iso(decided), note })
  const id = rng.id(createdMs)
  const head: Proposal = {
    id,
    accountId: plan.id,
    title,
    status,
    fromTierVersionId: from.id,
    toTierId: to.tierId,
    toTierVersionId: to.id,
    ownerId: plan.ownerId,
    currency: plan.currency,
    totalAnnualMinor: priced.annualRecurringMinor,
    totalContractValueMinor: priced.totalContractValueMinor,
    currentAnnualMinor: annualSupport(from, plan),
    currentVersion: 1,
    approval: {
      required: approval.required,
      reasons: approval.reasons.map((reason) => ({ ...reason })),
      approvedById: null,
      approvedAt: null,
      approvedVersion: null,
    },
    statusHistory: history,
    legacy: null,
    sentAt,
    decidedAt: decided === null ? null : iso(decided),
    archived: false,
    createdById: plan.ownerId,
    createdAt,
    updatedAt: iso(updated),
    updatedBy: plan.ownerId,
  }
  const version: ProposalVersion = {
    id: rng.id(createdMs),
    proposalId: id,
    accountId: plan.id,
    version: 1,
    content: {
      title,
      targetTierId: to.tierId,
      targetTierVersionId: to.id,
      downgradeReason: null,
      pricing,
      valueStory: {
        situation: `**Why ${to.name}:** ${evidence.map((item) => item.summary).join('; ') || 'growth in usage and support needs'}.`,
        impact: '',
        change: '',
        outcomes: '',
      },
      caseStudyIds: [],
      evidence: evidence.map((item) => ({
        kind: item.kind,
        summary: item.summary,
        figures: item.value === null ? [] : [{ label: 'Value', value: item.value, unit: '' }],
        ticketIds: [],
      })),
      validUntil: isoDay(createdMs + 60 * DAY_MS),
    },
    authorId: plan.ownerId,
    createdAt,
    note: null,
    updatedAt: createdAt,
    updatedBy: plan.ownerId,
  }
  return { head, version }
}

function proposalsOf(context: BookContext, plan: AccountPlan): SeedProposal[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'proposals', plan.index)
  const docs: SeedProposal[] = []
  if (plan.upgradedOn !== null) {
    const signMs = Date.parse(`${plan.upgradedOn}T00:00:00.000Z`)
    docs.push(
      proposal(
        rng,
        plan,
        plan.previousVersion,
        plan.version,
        signMs - rng.int(45, 75) * DAY_MS,
        'accepted',
        signMs - rng.int(3, 10) * DAY_MS,
        [{ kind: 'usage-growth', summary: 'Active users up over the previous term', value: null }],
      ),
    )
  }
  const next = context.tiers.find((tier) => tier.rank === plan.tier.rank + 1)
  const wants = plan.story === 'expanding' || (plan.story === 'growing' && rng.chance(0.3))
  if (next !== undefined && wants) {
    const to = versionOn(next, isoDay(asOfMs))
    const createdMs = asOfMs - rng.int(3, 80) * DAY_MS
    const status = rng.weighted([
      ['draft', 40],
      ['sent', 45],
      ['declined', 10],
      ['expired', 5],
    ] as const)
    const decided =
      status === 'declined' || status === 'expired'
        ? Math.min(asOfMs - 60_000, createdMs + rng.int(10, 30) * DAY_MS)
        : null
    const evidence: ProposalEvidence[] =
      plan.story === 'expanding'
        ? [
            {
              kind: 'seat-overage',
              summary: 'Seats in use exceed the contract',
              value: Math.round(rng.float(1.05, 1.2) * 100) / 100,
            },
          ]
        : [
            {
              kind: 'usage-growth',
              summary: 'Active users grew over the last 12 months',
              value: Math.round(rng.float(0.2, 0.6) * 100) / 100,
            },
          ]
    const s1 = context.facts[plan.index]?.lastS1
    if (s1 !== null && s1 !== undefined)
      evidence.push({ kind: 's1-volume', summary: 'Recent S1 incidents', value: null })
    docs.push(proposal(rng, plan, plan.version, to, createdMs, status, decided, evidence))
  }
  return docs
}

/** The proposal behind last year's upgrade, and open proposals where growth asks for one. */
export function proposalDocs(context: BookContext, plan: AccountPlan): Proposal[] {
  return proposalsOf(context, plan).map((proposal) => proposal.head)
}

/** Each demo proposal's one version; regenerated from the same seed, so it matches its head. */
export function proposalVersionDocs(context: BookContext, plan: AccountPlan): ProposalVersion[] {
  return proposalsOf(context, plan).map((proposal) => proposal.version)
}
