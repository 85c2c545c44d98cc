import type { Alert } from '@shared/model/alert'
import type { BookContext } from '../context'
import type { AccountPlan } from '../plan'
import { Rng } from '../prng'
import { DAY_MS, iso } from '../zoned-time'

/** Alerts raised by the engines (renewals, health, upgrades, SLA, escalations) and reminders. */
export function alertDocs(context: BookContext, plan: AccountPlan): Alert[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'alerts', plan.index)
  const facts = context.facts[plan.index]
  const docs: Alert[] = []
  const add = (
    kind: Alert['kind'],
    severity: Alert['severity'],
    title: string,
    bodyMarkdown: string,
    raisedMs: number,
    dueMs: number,
    assigneeId: string,
    raisedBy: string,
    source: Alert['source'] = null,
  ) => {
    const raised = Math.min(raisedMs, asOfMs - 60_000)
    const closed = dueMs < asOfMs - 10 * DAY_MS && rng.chance(0.8)
    const status: Alert['status'] = closed
      ? rng.chance(0.85)
        ? 'done'
        : 'dismissed'
      : rng.chance(0.12)
        ? 'snoozed'
        : 'open'
    const resolvedMs = closed
      ? Math.min(asOfMs - 60_000, Math.max(raised, dueMs) + rng.int(0, 5) * DAY_MS)
      : null
    docs.push({
      id: rng.id(raised),
      accountId: plan.id,
      kind,
      status,
      severity,
      title,
      bodyMarkdown,
      raisedAt: iso(raised),
      dueAt: iso(dueMs),
      snoozedUntil: status === 'snoozed' ? iso(asOfMs + rng.int(1, 14) * DAY_MS) : null,
      resolvedAt: resolvedMs === null ? null : iso(resolvedMs),
      assigneeId,
      raisedBy,
      source,
      updatedAt: iso(resolvedMs ?? raised),
      updatedBy: resolvedMs === null ? raisedBy : assigneeId,
    })
  }

  const renewalMs = Date.parse(`${plan.renewalDate}T00:00:00.000Z`)
  if (renewalMs - asOfMs < 120 * DAY_MS) {
    add(
      'renewal',
      plan.healthBand === 'at-risk' ? 'critical' : 'warning',
      `Renewal on ${plan.renewalDate}`,
      `**${plan.name}** renews on ${plan.renewalDate}; health is ${plan.healthBand}.`,
      renewalMs - 120 * DAY_MS,
      renewalMs - 60 * DAY_MS,
      plan.ownerId,
      'system:renewals',
    )
  }
  if (plan.healthBand === 'at-risk' || (plan.story === 'declining' && rng.chance(0.5))) {
    const raised = asOfMs - rng.int(5, 60) * DAY_MS
    add(
      'health-drop',
      'warning',
      `Health dropped to ${plan.healthScore}`,
      'Usage trend and sentiment are down; see the health breakdown.',
      raised,
      raised + 7 * DAY_MS,
      plan.ownerId,
      'system:health',
    )
  }
  if (plan.story === 'expanding') {
    const raised = asOfMs - rng.int(1, 40) * DAY_MS
    add(
      'upgrade-signal',
      'info',
      'Upgrade signal: seats over contract',
      'Seats in use exceed the contract for three months.',
      raised,
      raised + 14 * DAY_MS,
      plan.ownerId,
      'system:eligibility',
    )
    if (plan.tamId !== null) {
      add(
        'entitlement-overuse',
        'info',
        'TAM hours over entitlement',
        'TAM hours used exceed the monthly entitlement.',
        raised - 20 * DAY_MS,
        raised - 6 * DAY_MS,
        plan.tamId,
        'system:entitlements',
      )
    }
  }
  for (const breach of facts?.breaches ?? []) {
    add(
      'sla-breach',
      breach.severity === 'S1' || breach.severity === 'S2' ? 'critical' : 'warning',
      `${breach.severity} ${breach.metric} target missed`,
      'The ticket missed its target; review with the support lead.',
      breach.at,
      breach.at + DAY_MS,
      plan.tamId ?? plan.ownerId,
      'system:sla',
      { collection: 'tickets', id: breach.ticketId },
    )
  }
  for (const ticketId of facts?.openS1 ?? []) {
    add(
      'escalation',
      'critical',
      'Open S1 escalation',
      'An S1 ticket is open; the escalation path is engaged.',
      asOfMs - rng.int(1, 6) * 3_600_000,
      asOfMs + 2 * 3_600_000,
      plan.tamId ?? plan.ownerId,
      'system:sla',
      { collection: 'tickets', id: ticketId },
    )
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    const raised = asOfMs - rng.int(1, 30) * DAY_MS
    add(
      'reminder',
      'info',
      rng.pick([
        'Send the QBR deck',
        'Follow up on the expansion pricing',
        'Check in with the new champion',
        'Share the SSO rollout guide',
      ]),
      '',
      raised,
      asOfMs + rng.int(-14, 21) * DAY_MS,
      plan.ownerId,
      plan.ownerId,
    )
  }
  return docs
}
