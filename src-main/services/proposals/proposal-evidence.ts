import type { ProposalEvidenceItem } from '@shared/model/proposal-content'
import type { Tier } from '@shared/model/tier'
import type { EligibilityService } from '../eligibility/eligibility-service'
import type { HealthService } from '../health/health-service'
import type { SlaService } from '../sla/sla-service'

/**
 * The evidence a new proposal starts with, from the engines the workspace already runs:
 * - every upgrade signal of the account (seat overage, usage growth, S1 volume, breaches a
 *   richer tier would have prevented, entitlement overuse, ARR band) as the eligibility engine
 *   words it, with its headline figure and the tickets behind it;
 * - the SLA replay of the last 12 months under the target tier, quoted as the replay says it —
 *   also when it avoids none of the breaches (a richer tier's targets do not change what
 *   already happened on a ticket's clock, so the replay can honestly say 0 of N);
 * - the health score's trend.
 * Each source is optional: a failing engine leaves its item out rather than the proposal unstarted.
 */

export interface EvidenceSources {
  readonly eligibility: Pick<EligibilityService, 'list'>
  readonly sla: Pick<SlaService, 'replay'>
  readonly health: Pick<HealthService, 'forAccount'>
}

const MAX_TICKETS = 50

async function optional<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work()
  } catch {
    return null
  }
}

export async function gatherEvidence(
  sources: EvidenceSources,
  accountId: string,
  target: Pick<Tier, 'tierId' | 'name'>,
): Promise<ProposalEvidenceItem[]> {
  const [eligibility, replay, health] = await Promise.all([
    optional(() => sources.eligibility.list({ accountId, tierIds: [], kinds: [] })),
    optional(() => sources.sla.replay({ accountId, tierId: target.tierId, months: 12 })),
    optional(() => sources.health.forAccount({ accountId, weeks: 12 })),
  ])
  const items: ProposalEvidenceItem[] = []
  const signals = eligibility?.rows.find((row) => row.accountId === accountId)?.signals ?? []
  for (const signal of signals) {
    // The replay below speaks for breaches under the chosen target.
    if (signal.kind === 'prevented-breaches' && replay !== null) continue
    items.push({
      kind: signal.kind,
      summary: signal.summary.slice(0, 300),
      figures: [{ label: signal.title.slice(0, 80), value: signal.value, unit: '' }],
      ticketIds: signal.evidence
        .filter((ref) => ref.collection === 'tickets')
        .map((ref) => ref.id)
        .slice(0, MAX_TICKETS),
    })
  }
  if (replay !== null && replay.originalBreaches > 0) {
    const tickets = [...new Set(replay.rows.map((row) => row.ticketId))].slice(0, MAX_TICKETS)
    items.push({
      kind: replay.avoided > 0 ? 'prevented-breaches' : 'sla-breaches',
      summary: `Last 12 months under ${target.name}: ${replay.sentence}`.slice(0, 300),
      figures: [
        { label: 'Breaches', value: replay.originalBreaches, unit: 'breaches' },
        {
          label: `Avoided under ${target.name}`.slice(0, 80),
          value: replay.avoided,
          unit: 'breaches',
        },
        { label: 'Tickets measured', value: replay.tickets, unit: 'tickets' },
      ],
      ticketIds: tickets,
    })
  }
  if (health !== null) {
    const direction =
      health.trend === 'up' ? 'rising' : health.trend === 'down' ? 'falling' : 'steady'
    const delta = health.trendDelta > 0 ? `+${health.trendDelta}` : String(health.trendDelta)
    items.push({
      kind: 'health-trend',
      summary: `Health ${health.score}/100 (${health.band}), ${direction}: ${delta} points over four weeks`,
      figures: [
        { label: 'Health score', value: health.score, unit: 'points' },
        { label: 'Change over four weeks', value: health.trendDelta, unit: 'points' },
      ],
      ticketIds: [],
    })
  }
  return items
}
