import type { Account } from '../../model/account'
import type { Activity } from '../../model/activity'
import type { Alert } from '../../model/alert'
import type { HealthBand } from '../../model/enums'
import type { Proposal } from '../../model/proposal'
import type { Tier } from '../../model/tier'
import type { Instant } from '../calendar/business-time'
import type { EligibilitySignal } from '../eligibility/eligibility'
import type { AccountHealth } from '../health/health'
import { isoToMs } from '../sla/iso-time'
import { alertId } from './alert-id'

/** Who raised what: the `raisedBy` of engine alerts, one named process per engine. */
export const alertActors = {
  eligibility: 'system:eligibility',
  health: 'system:health',
  checkIns: 'system:check-ins',
} as const

/**
 * Days between proactive check-ins per tier key. The tier model has a QBR cadence but no
 * check-in cadence, so this typed default lives here (like the eligibility rules); a tier key
 * not listed gets no check-in reminders.
 */
export const defaultCheckInCadenceDays: Readonly<Record<string, number>> = {
  enterprise: 14,
  premium: 30,
  standard: 60,
}

export const alertRules = {
  /** A signal's alert still open after this many days gets a reminder. */
  agingDays: 14,
  /** A health score falling this many points over the trend window raises an alert. */
  scoreDropPoints: 10,
  /** No second health alert for an account within this many days. */
  healthCooldownDays: 28,
  /** Check-in reminders appear this many days before the check-in is due. */
  checkInLeadDays: 3,
} as const

const DAY_MS = 86_400_000

export interface AlertsInput {
  readonly now: Instant
  readonly accounts: readonly Pick<
    Account,
    'id' | 'name' | 'ownerId' | 'tamId' | 'tierVersionId' | 'contractStart' | 'archived'
  >[]
  /** Tier versions by id (the check-in cadence comes from the signed version's tier key). */
  readonly tiers: ReadonlyMap<string, Pick<Tier, 'id' | 'key' | 'name'>>
  readonly signals: ReadonlyMap<string, readonly EligibilitySignal[]>
  readonly health: ReadonlyMap<string, Pick<AccountHealth, 'current' | 'history' | 'trendDelta'>>
  readonly activities: ReadonlyMap<string, readonly Pick<Activity, 'id' | 'kind' | 'occurredAt'>[]>
  /** Proposals are the action an upgrade signal asks for. */
  readonly proposals: ReadonlyMap<string, readonly Pick<Proposal, 'id' | 'createdAt'>[]>
  /** Every alert in the collection (people's reminders included: they are left alone). */
  readonly existing: readonly Alert[]
  readonly checkInCadenceDays?: Readonly<Record<string, number>>
}

export interface AlertPlan {
  /** Documents to write (new alerts, refreshed open ones, auto-resolved check-in reminders). */
  readonly upserts: readonly Alert[]
  readonly raised: number
  readonly updated: number
  readonly resolved: number
  /** Alerts the engine would raise but that exist already (unchanged, snoozed, done or dismissed). */
  readonly kept: number
}

type Draft = Pick<
  Alert,
  | 'accountId'
  | 'kind'
  | 'severity'
  | 'title'
  | 'bodyMarkdown'
  | 'dueAt'
  | 'assigneeId'
  | 'raisedBy'
  | 'source'
>

const iso = (ms: number) => new Date(ms).toISOString()
const bandRank: Readonly<Record<Exclude<HealthBand, 'unknown'>, number>> = {
  'at-risk': 0,
  watch: 1,
  healthy: 2,
}
const sourceCollections = new Set(['tickets', 'usageSnapshots', 'ledgerEntries', 'activities'])

function sourceOf(signal: EligibilitySignal): Alert['source'] {
  const ref = signal.evidence.find((e) => sourceCollections.has(e.collection))
  if (ref === undefined || ref.collection === 'accounts') return null
  return { collection: ref.collection, id: ref.id }
}

/**
 * Alerts and reminders from the engines (issue #5 item 6): an upgrade signal raises an alert
 * when it first appears and a reminder when that alert has stayed open `agingDays` without a
 * proposal; a health band drop or a score drop raises a risk alert; each tier's check-in cadence
 * raises a reminder before the next check-in falls due. Ids are deterministic (see alert-id.ts),
 * so running this again on the same data proposes no new documents; an existing alert keeps its
 * status — snoozed, done and dismissed alerts are never reopened or rewritten.
 */
export function planAlerts(input: Readonly<AlertsInput>): AlertPlan {
  const { now } = input
  const nowIso = iso(now)
  const byId = new Map(input.existing.map((alert) => [alert.id, alert]))
  const upserts: Alert[] = []
  let raised = 0
  let updated = 0
  let resolved = 0
  let kept = 0

  const propose = (id: string, draft: Draft) => {
    const existing = byId.get(id)
    if (existing === undefined) {
      raised++
      const alert: Alert = {
        id,
        ...draft,
        status: 'open',
        raisedAt: nowIso,
        snoozedUntil: null,
        resolvedAt: null,
        updatedAt: nowIso,
        updatedBy: draft.raisedBy,
      }
      upserts.push(alert)
      byId.set(id, alert)
      return
    }
    // The due time stays as first set: re-running later must not move it (or count a change).
    const same =
      existing.title === draft.title &&
      existing.bodyMarkdown === draft.bodyMarkdown &&
      existing.severity === draft.severity
    if (existing.status !== 'open' || same) {
      kept++
      return
    }
    updated++
    upserts.push({
      ...existing,
      ...draft,
      dueAt: existing.dueAt,
      updatedAt: nowIso,
      updatedBy: draft.raisedBy,
    })
  }
  // Grouped once: filtering every alert of the book for each account and signal made a plan
  // quadratic — seconds of main's thread on a 2,000-account book with its 2,500 alerts.
  const existingByAccount = new Map<string, Alert[]>()
  for (const alert of input.existing) {
    const list = existingByAccount.get(alert.accountId)
    if (list === undefined) existingByAccount.set(alert.accountId, [alert])
    else list.push(alert)
  }
  const accountAlerts = (accountId: string, raisedBy: string, kind: Alert['kind']) =>
    (existingByAccount.get(accountId) ?? []).filter(
      (a) => a.raisedBy === raisedBy && a.kind === kind,
    )

  for (const account of input.accounts) {
    if (account.archived) continue
    const proposals = input.proposals.get(account.id) ?? []

    for (const signal of input.signals.get(account.id) ?? []) {
      const kind: Alert['kind'] =
        signal.kind === 'entitlement-overuse' ? 'entitlement-overuse' : 'upgrade-signal'
      const target = signal.target === null ? '' : ` — suggest ${signal.target.name}`
      const body = [
        `**${account.name}**: ${signal.title.toLowerCase()}${target}.`,
        '',
        ...signal.reasons.map((reason) => `- ${reason}`),
      ].join('\n')
      const earlier = accountAlerts(account.id, alertActors.eligibility, kind).filter(
        (a) => isoToMs(a.raisedAt) >= signal.firstSeenAt && !a.title.startsWith('Reminder:'),
      )
      const appearedId = alertId(`${signal.id}|appeared`, signal.firstSeenAt)
      // An alert about this episode already exists (raised since the signal appeared): keep it.
      const appeared = byId.get(appearedId) ?? earlier[0]
      if (appeared === undefined || appeared.id === appearedId) {
        propose(appearedId, {
          accountId: account.id,
          kind,
          severity: 'info',
          title: `Upgrade signal: ${signal.title}`,
          bodyMarkdown: body,
          dueAt: iso(Math.max(now, signal.firstSeenAt) + alertRules.agingDays * DAY_MS),
          assigneeId: account.ownerId,
          raisedBy: alertActors.eligibility,
          source: sourceOf(signal),
        })
      } else {
        kept++
      }
      const first = byId.get(appearedId) ?? appeared
      if (first === undefined || first.status !== 'open') continue
      const agedAt = isoToMs(first.raisedAt) + alertRules.agingDays * DAY_MS
      const acted = proposals.some((p) => isoToMs(p.createdAt) >= signal.firstSeenAt)
      if (now < agedAt || acted) continue
      propose(alertId(`${signal.id}|aged`, agedAt), {
        accountId: account.id,
        kind: 'reminder',
        severity: 'warning',
        title: `Reminder: ${signal.title} for ${alertRules.agingDays}+ days`,
        bodyMarkdown: `${body}\n\nNo proposal since the signal appeared on ${iso(signal.firstSeenAt).slice(0, 10)}.`,
        dueAt: iso(now + 7 * DAY_MS),
        assigneeId: account.ownerId,
        raisedBy: alertActors.eligibility,
        source: sourceOf(signal),
      })
    }

    const health = input.health.get(account.id)
    if (health !== undefined) {
      const { current, history } = health
      const baseline = history[Math.max(0, history.length - 5)]
      const bandDropped = baseline !== undefined && bandRank[current.band] < bandRank[baseline.band]
      const scoreDropped = -health.trendDelta >= alertRules.scoreDropPoints
      const recent = accountAlerts(account.id, alertActors.health, 'health-drop').some(
        (a) => isoToMs(a.raisedAt) > now - alertRules.healthCooldownDays * DAY_MS,
      )
      if ((bandDropped || scoreDropped) && baseline !== undefined) {
        const week = history.at(-1)?.weekStart ?? nowIso.slice(0, 10)
        const id = alertId(`${account.id}|health|${week}`, Date.parse(`${week}T00:00:00.000Z`))
        if (recent && !byId.has(id)) kept++
        else {
          const drivers = [...current.components]
            .sort((a, b) => a.score * a.weight - b.score * b.weight)
            .slice(0, 2)
            .map((c) => `- ${c.label}: ${c.reason}`)
          propose(id, {
            accountId: account.id,
            kind: 'health-drop',
            severity: current.band === 'at-risk' ? 'critical' : 'warning',
            title: bandDropped
              ? `Health dropped to ${current.band} (${current.score})`
              : `Health fell ${-health.trendDelta} points to ${current.score}`,
            bodyMarkdown: [
              `**${account.name}** was ${baseline.score} (${baseline.band}) in the week of ${baseline.weekStart}; now ${current.score} (${current.band}).`,
              '',
              'Weakest components:',
              ...drivers,
            ].join('\n'),
            dueAt: iso(now + 7 * DAY_MS),
            assigneeId: account.ownerId,
            raisedBy: alertActors.health,
            source: null,
          })
        }
      }
    }

    const tier = input.tiers.get(account.tierVersionId)
    const cadence =
      tier === undefined
        ? undefined
        : (input.checkInCadenceDays ?? defaultCheckInCadenceDays)[tier.key]
    const checkIns = (input.activities.get(account.id) ?? []).filter(
      (a) => a.kind === 'check-in' && isoToMs(a.occurredAt) <= now,
    )
    const last = checkIns.reduce(
      (max, a) => Math.max(max, isoToMs(a.occurredAt)),
      Number.NEGATIVE_INFINITY,
    )
    // Check-in reminders that a logged check-in has answered are resolved.
    for (const alert of accountAlerts(account.id, alertActors.checkIns, 'reminder')) {
      if (alert.status !== 'open' && alert.status !== 'snoozed') continue
      if (last < isoToMs(alert.raisedAt)) continue
      resolved++
      upserts.push({
        ...alert,
        status: 'done',
        snoozedUntil: null,
        resolvedAt: nowIso,
        updatedAt: nowIso,
        updatedBy: alertActors.checkIns,
      })
    }
    if (cadence === undefined || tier === undefined) continue
    const since = Number.isFinite(last)
      ? last
      : Date.parse(`${account.contractStart}T00:00:00.000Z`)
    const due = since + cadence * DAY_MS
    if (now < due - alertRules.checkInLeadDays * DAY_MS) continue
    const overdue = now > due
    propose(alertId(`${account.id}|check-in`, due), {
      accountId: account.id,
      kind: 'reminder',
      severity: overdue ? 'warning' : 'info',
      title: overdue ? 'Check-in overdue' : 'Check-in due',
      bodyMarkdown: `${tier.name} accounts get a proactive check-in every ${cadence} days; the last one with **${account.name}** was ${Number.isFinite(last) ? `on ${iso(last).slice(0, 10)}` : 'never logged'}.`,
      dueAt: iso(due),
      assigneeId: account.ownerId,
      raisedBy: alertActors.checkIns,
      source: null,
    })
  }
  return { upserts, raised, updated, resolved, kept }
}
