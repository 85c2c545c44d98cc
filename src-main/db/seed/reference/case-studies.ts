import type { CaseStudy } from '@shared/model/case-study'
import type { Segment } from '@shared/model/enums'
import type { Rng } from '../prng'
import type { TierKey, TierRef } from './tiers'
import type { UserRefs } from './users'

/**
 * A few anonymised customer stories, so the demo's proposals have something to quote. Ids come
 * from their own random stream (`case-studies`), so adding them left every other document of
 * the book as it was.
 */

interface StorySpec {
  readonly name: string
  readonly customerLabel: string
  readonly segments: readonly Segment[]
  readonly tiers: readonly TierKey[]
  readonly figures: readonly (readonly [label: string, value: string])[]
  readonly body: string
  readonly archived?: boolean
}

const stories: readonly StorySpec[] = [
  {
    name: 'S1 escalations halved after moving to Premium',
    customerLabel: 'A European logistics company, 2,400 seats',
    segments: ['enterprise'],
    tiers: ['premium'],
    figures: [
      ['S1 resolution time', '−47 %'],
      ['Missed first responses', '0 in 6 months'],
    ],
    body:
      'Their warehouse systems ran on **Standard** support; two S1 outages a quarter waited ' +
      'hours for a first response.\n\nWith Premium’s one-hour S1 response and a named TAM, ' +
      'incidents were triaged before shift change and the root causes were fixed for good.',
  },
  {
    name: 'A named TAM turned a renewal risk into an expansion',
    customerLabel: 'A North American healthcare network, 6,000 seats',
    segments: ['strategic', 'enterprise'],
    tiers: ['enterprise'],
    figures: [
      ['Health score', '41 → 78'],
      ['Seats added at renewal', '+1,200'],
    ],
    body:
      'Health had fallen into *at risk* after a failed rollout. The Enterprise TAM ran monthly ' +
      'architecture reviews and a joint adoption plan; the renewal closed early with more seats.',
  },
  {
    name: 'Onboarding in three weeks instead of three months',
    customerLabel: 'A fast-growing fintech, 350 seats',
    segments: ['mid-market', 'smb'],
    tiers: ['standard', 'premium'],
    figures: [['Time to first value', '21 days']],
    body:
      'Guided onboarding sessions and a health check at day 30 got every team live before the ' +
      'quarter closed.',
  },
  {
    name: 'Legacy phone-support rollout',
    customerLabel: 'A retail chain, 900 seats',
    segments: ['mid-market'],
    tiers: [],
    figures: [],
    body: 'Kept for proposals that cite it; phone support is now part of every paid tier.',
    archived: true,
  },
]

export function buildCaseStudies(
  rng: Rng,
  createdMs: number,
  users: UserRefs,
  tiers: readonly TierRef[],
): CaseStudy[] {
  const author = users.managers[0] ?? users.admin
  return stories.map((story, index) => {
    const at = createdMs + index * 14 * 86_400_000
    const createdAt = new Date(at).toISOString()
    return {
      id: rng.id(at),
      kind: 'caseStudy',
      name: story.name,
      customerLabel: story.customerLabel,
      segments: [...story.segments],
      tierIds: story.tiers.flatMap((key) => tiers.find((tier) => tier.key === key)?.tierId ?? []),
      bodyMarkdown: story.body,
      figures: story.figures.map(([label, value]) => ({ label, value })),
      archived: story.archived ?? false,
      createdById: author.id,
      createdAt,
      updatedAt: createdAt,
      updatedBy: author.id,
    }
  })
}
