import type { Proposal, ProposalEvidence } from '@shared/model/proposal'
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

function proposal(
  rng: Rng,
  plan: AccountPlan,
  from: Tier,
  to: Tier,
  createdMs: number,
  status: Proposal['status'],
  decidedMs: number | null,
  evidence: ProposalEvidence[],
): Proposal {
  const { price, seats } = supportPrice(to, plan)
  const lines = [
    {
      label: `${to.name} support, per seat and year`,
      quantity: seats * 12,
      unitPriceMinor: price?.perSeatMonthlyMinor ?? 0,
      amountMinor: seats * 12 * (price?.perSeatMonthlyMinor ?? 0),
    },
    ...((price?.platformFeeAnnualMinor ?? 0) > 0
      ? [
          {
            label: `${to.name} platform fee`,
            quantity: 1,
            unitPriceMinor: price?.platformFeeAnnualMinor ?? 0,
            amountMinor: price?.platformFeeAnnualMinor ?? 0,
          },
        ]
      : []),
  ]
  const discountShare = rng.pick([0, 0, 0.05, 0.1, 0.15])
  const sum = lines.reduce((total, line) => total + line.amountMinor, 0)
  const createdAt = iso(createdMs)
  const sentAt = status === 'draft' ? null : iso(createdMs + rng.int(1, 6) * DAY_MS)
  const updated = decidedMs ?? (sentAt === null ? createdMs : Date.parse(sentAt))
  return {
    id: rng.id(createdMs),
    accountId: plan.id,
    title: `${to.name} support for ${plan.name}`,
    status,
    fromTierVersionId: from.id,
    toTierId: to.tierId,
    toTierVersionId: to.id,
    seats,
    currency: plan.currency,
    lines,
    discountShare,
    totalAnnualMinor: Math.round(sum * (1 - discountShare)),
    currentAnnualMinor: annualSupport(from, plan),
    rationaleMarkdown: `**Why ${to.name}:** ${evidence.map((item) => item.summary).join('; ') || 'growth in usage and support needs'}.`,
    evidence,
    validUntil: isoDay(createdMs + 60 * DAY_MS),
    sentAt,
    decidedAt: decidedMs === null ? null : iso(decidedMs),
    createdById: plan.ownerId,
    createdAt,
    updatedAt: iso(updated),
    updatedBy: plan.ownerId,
  }
}

/** The proposal behind last year's upgrade, and open proposals where growth asks for one. */
export function proposalDocs(context: BookContext, plan: AccountPlan): Proposal[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'proposals', plan.index)
  const docs: Proposal[] = []
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
      status === 'declined' ? Math.min(asOfMs - 60_000, createdMs + rng.int(10, 30) * DAY_MS) : null
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
