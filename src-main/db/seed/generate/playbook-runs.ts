import type { PlaybookRun } from '@shared/model/playbook'
import type { BookContext } from '../context'
import type { PlaybookRef } from '../reference/library'
import type { AccountPlan } from '../plan'
import { Rng } from '../prng'
import { DAY_MS, iso } from '../zoned-time'

function run(
  rng: Rng,
  playbook: PlaybookRef,
  plan: AccountPlan,
  startedMs: number,
  asOfMs: number,
  startedBy: string,
): PlaybookRun {
  const steps = playbook.doc.steps.map((step) => {
    const dueMs = startedMs + step.dueAfterDays * DAY_MS
    const done = dueMs < asOfMs - 2 * DAY_MS && rng.chance(0.8)
    const completedMs = done ? Math.min(asOfMs - 60_000, dueMs - rng.int(0, 2) * DAY_MS) : null
    const completedBy = step.ownerRole === 'tam' ? (plan.tamId ?? plan.ownerId) : plan.ownerId
    return {
      stepId: step.id,
      status: done
        ? ('done' as const)
        : dueMs < asOfMs && rng.chance(0.1)
          ? ('skipped' as const)
          : ('pending' as const),
      dueAt: iso(dueMs),
      completedAt: completedMs === null ? null : iso(Math.max(startedMs, completedMs)),
      completedById: completedMs === null ? null : completedBy,
      note: '',
    }
  })
  const finished = steps.every((step) => step.status !== 'pending')
  const lastDone = steps.reduce(
    (latest, step) =>
      step.completedAt !== null && step.completedAt > latest ? step.completedAt : latest,
    iso(startedMs),
  )
  return {
    id: rng.id(startedMs),
    playbookId: playbook.doc.id,
    accountId: plan.id,
    status: finished ? 'completed' : 'active',
    startedAt: iso(startedMs),
    startedBy,
    completedAt: finished ? lastDone : null,
    steps,
    updatedAt: lastDone,
    updatedBy: startedBy,
  }
}

/** Playbooks running where their triggers fired: renewal risk, onboarding, S1 follow-up. */
export function playbookRunDocs(context: BookContext, plan: AccountPlan): PlaybookRun[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'playbook-runs', plan.index)
  const playbook = (key: PlaybookRef['key']) =>
    context.playbooks.find((candidate) => candidate.key === key)
  const docs: PlaybookRun[] = []
  const renewalMs = Date.parse(`${plan.renewalDate}T00:00:00.000Z`)
  const renewalRisk = playbook('renewal-risk')
  if (
    renewalRisk !== undefined &&
    plan.healthBand === 'at-risk' &&
    renewalMs - asOfMs < 150 * DAY_MS
  ) {
    const startedMs = Math.min(
      asOfMs - DAY_MS,
      Math.max(renewalMs - 120 * DAY_MS, asOfMs - 40 * DAY_MS),
    )
    docs.push(run(rng, renewalRisk, plan, startedMs, asOfMs, 'system:playbooks'))
  }
  const onboarding = playbook('enterprise-onboarding')
  if (onboarding !== undefined && plan.tier.key === 'enterprise' && plan.upgradedOn !== null) {
    const startedMs = Date.parse(`${plan.upgradedOn}T09:00:00.000Z`)
    if (startedMs < asOfMs) docs.push(run(rng, onboarding, plan, startedMs, asOfMs, plan.ownerId))
  }
  const followUp = playbook('s1-follow-up')
  const lastS1 = context.facts[plan.index]?.lastS1
  if (
    followUp !== undefined &&
    plan.tamId !== null &&
    lastS1 !== null &&
    lastS1 !== undefined &&
    asOfMs - lastS1.at < 60 * DAY_MS
  ) {
    docs.push(
      run(rng, followUp, plan, Math.min(asOfMs - 60_000, lastS1.at + DAY_MS), asOfMs, plan.tamId),
    )
  }
  return docs
}
