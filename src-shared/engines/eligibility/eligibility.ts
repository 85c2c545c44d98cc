import type { Account } from '../../model/account'
import type { ProposalEvidence } from '../../model/proposal'
import type { Tier } from '../../model/tier'
import type { Instant } from '../calendar/business-time'
import type { EvidenceRef } from '../health/components'
import { addMonths } from '../health/components'
import type { AccountLedger, LedgerLine } from '../ledger/ledger'
import type { MeasuredTicket } from '../replay/replay'
import { replayTickets } from '../replay/replay'
import { isoToMs } from '../sla/iso-time'
import type { UsageSnapshot } from '../../model/usage'
import type { EligibilityRules } from './rules'
import { defaultEligibilityRules, rulesFor } from './rules'
import { heldSince } from './since'

/** Signal kinds are the proposal's evidence kinds, so a proposal can quote a signal as is. */
export type SignalKind = ProposalEvidence['kind']

export type CatalogueTier = Pick<
  Tier,
  'id' | 'tierId' | 'key' | 'name' | 'rank' | 'status' | 'definition'
>

export interface TargetTier {
  readonly tierId: string
  readonly tierVersionId: string
  readonly name: string
  readonly rank: number
}

export interface EligibilitySignal {
  /** `<accountId>:<kind>`: one signal per account and kind. */
  readonly id: string
  readonly accountId: string
  readonly kind: SignalKind
  readonly title: string
  /** Each a short sentence, e.g. "1,730 seats in use; Premium fits up to 1,500". */
  readonly reasons: readonly string[]
  /** One line for a proposal's evidence (≤ 300 characters). */
  readonly summary: string
  /** The headline number (seats, growth share, S1 count, breaches avoided, hours over, ARR). */
  readonly value: number
  readonly evidence: readonly EvidenceRef[]
  /** The next tier up (by rank) that fixes it; null when none does. */
  readonly target: TargetTier | null
  /** When the condition began to hold without interruption, dated from the data itself. */
  readonly firstSeenAt: Instant
}

export interface AccountEligibility {
  readonly accountId: string
  readonly tierId: string
  readonly tierName: string
  readonly signals: readonly EligibilitySignal[]
  /** The highest target among the signals: the tier that addresses all of them. */
  readonly suggestedTarget: TargetTier | null
}

export type EligibilityUsage = Pick<
  UsageSnapshot,
  'id' | 'month' | 'capturedAt' | 'activeUsers' | 'seatsUsed' | 'seatsContracted'
>

export interface EligibilityInput {
  readonly account: Pick<
    Account,
    'id' | 'tierId' | 'tierVersionId' | 'arrReportingMinor' | 'contractStart'
  >
  /** The version the account signed. */
  readonly tier: CatalogueTier
  /** The current version of every tier (see `currentTierVersions`); upgrade targets come from it. */
  readonly catalogue: readonly CatalogueTier[]
  readonly usage: readonly EligibilityUsage[]
  /** The account's tickets, each with its own tier version and the account's calendar. */
  readonly tickets: readonly MeasuredTicket[]
  /** The account's entitlement ledger (ledger engine). */
  readonly ledger: AccountLedger
  readonly now: Instant
  readonly atRiskShare?: number
  readonly rules?: Readonly<Record<string, EligibilityRules>>
}

const DAY_MS = 86_400_000
const MONTH_MS = 30.44 * DAY_MS
const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 })
const percent = (share: number) => `${Math.round(share * 100)}%`
const money = (minor: number) =>
  `${(minor / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`

const targetOf = (tier: CatalogueTier): TargetTier => ({
  tierId: tier.tierId,
  tierVersionId: tier.id,
  name: tier.name,
  rank: tier.rank,
})

interface Context {
  readonly input: Readonly<EligibilityInput>
  readonly rules: EligibilityRules
  /** Active tiers ranked above the account's, lowest first. */
  readonly higher: readonly CatalogueTier[]
  readonly table: Readonly<Record<string, EligibilityRules>>
  /** Snapshots known at `now`, oldest month first. */
  readonly usage: readonly EligibilityUsage[]
}

/** The lowest higher tier for which `fixes` holds. */
function firstFixing(
  context: Context,
  fixes: (tier: CatalogueTier, rules: EligibilityRules) => boolean,
): TargetTier | null {
  const found = context.higher.find((tier) => fixes(tier, rulesFor(tier, context.table)))
  return found === undefined ? null : targetOf(found)
}

function signal(
  context: Context,
  kind: SignalKind,
  fields: Omit<EligibilitySignal, 'id' | 'accountId' | 'kind' | 'summary'>,
): EligibilitySignal {
  const summary = fields.reasons.join('; ').slice(0, 300)
  const id = `${context.input.account.id}:${kind}`
  return { id, accountId: context.input.account.id, kind, summary, ...fields }
}

/** Runs of consecutive months at the end of `usage` for which `holds` is true, oldest first. */
function trailingRun(
  usage: readonly EligibilityUsage[],
  holds: (snapshot: EligibilityUsage) => boolean,
): EligibilityUsage[] {
  const run: EligibilityUsage[] = []
  for (let i = usage.length - 1; i >= 0; i--) {
    const snapshot = usage[i]
    if (snapshot === undefined || !holds(snapshot)) break
    const newer = run[0]
    if (newer !== undefined && addMonths(`${snapshot.month}-01`, 1).slice(0, 7) !== newer.month)
      break
    run.unshift(snapshot)
  }
  return run
}

function seatOverage(context: Context): EligibilitySignal | null {
  const latest = context.usage.at(-1)
  if (latest === undefined) return null
  const { rules } = context
  const reasons: string[] = []
  const evidence: EvidenceRef[] = []
  const since: Instant[] = []
  const tierName = context.input.tier.name
  if (rules.maxSeats !== null && latest.seatsUsed > rules.maxSeats) {
    const max = rules.maxSeats
    const run = trailingRun(context.usage, (s) => s.seatsUsed > max)
    reasons.push(`${n(latest.seatsUsed)} seats in use; ${tierName} fits up to ${n(max)}`)
    evidence.push(...run.map((s) => ({ collection: 'usageSnapshots' as const, id: s.id })))
    since.push(isoToMs(run[0]?.capturedAt ?? latest.capturedAt))
  }
  const over = trailingRun(context.usage, (s) => s.seatsUsed > s.seatsContracted)
  if (over.length >= rules.seatsOverContractMonths) {
    reasons.push(
      `Seats in use above the ${n(latest.seatsContracted)} contracted for ${over.length} months in a row`,
    )
    for (const s of over) {
      if (!evidence.some((e) => e.id === s.id))
        evidence.push({ collection: 'usageSnapshots', id: s.id })
    }
    const reached = over[rules.seatsOverContractMonths - 1]
    since.push(isoToMs(reached?.capturedAt ?? latest.capturedAt))
  }
  if (reasons.length === 0) return null
  return signal(context, 'seat-overage', {
    title: 'Seats above the plan',
    reasons,
    value: latest.seatsUsed,
    evidence,
    target: firstFixing(
      context,
      (_tier, rules) => rules.maxSeats === null || rules.maxSeats >= latest.seatsUsed,
    ),
    firstSeenAt: Math.min(...since),
  })
}

function usageGrowth(context: Context): EligibilitySignal | null {
  const rule = context.rules.usageGrowth
  if (rule === null) return null
  const byMonth = new Map(context.usage.map((s) => [s.month, s]))
  const growthAt = (s: EligibilityUsage) => {
    const before = byMonth.get(addMonths(`${s.month}-01`, -rule.months).slice(0, 7))
    if (before === undefined || before.activeUsers === 0) return null
    return { before, growth: s.activeUsers / before.activeUsers - 1 }
  }
  const run = trailingRun(context.usage, (s) => (growthAt(s)?.growth ?? -1) >= rule.minGrowth)
  const latest = run.at(-1)
  const measured = latest === undefined ? null : growthAt(latest)
  if (latest === undefined || measured === null) return null
  return signal(context, 'usage-growth', {
    title: 'Usage growing fast',
    reasons: [
      `Active users up ${percent(measured.growth)} in ${rule.months} months (${n(measured.before.activeUsers)} in ${measured.before.month} → ${n(latest.activeUsers)} in ${latest.month})`,
    ],
    value: measured.growth,
    evidence: [
      { collection: 'usageSnapshots', id: measured.before.id },
      { collection: 'usageSnapshots', id: latest.id },
    ],
    target: context.higher[0] === undefined ? null : targetOf(context.higher[0]),
    firstSeenAt: isoToMs(run[0]?.capturedAt ?? latest.capturedAt),
  })
}

const createdAtOf = (ticket: MeasuredTicket['ticket']) => isoToMs(ticket.events[0]?.at ?? '')
const everS1 = (ticket: MeasuredTicket['ticket']) =>
  ticket.events.some(
    (e) =>
      (e.type === 'created' && e.severity === 'S1') ||
      (e.type === 'severity-change' && e.to === 'S1'),
  )

function s1Volume(context: Context): EligibilitySignal | null {
  const rule = context.rules.s1Volume
  if (rule === null) return null
  const { now } = context.input
  const windowMs = rule.days * DAY_MS
  const s1 = context.input.tickets.filter((t) => everS1(t.ticket))
  const inWindow = s1.filter((t) => {
    const at = createdAtOf(t.ticket)
    return at >= now - windowMs && at <= now
  })
  if (inWindow.length < rule.minTickets) return null
  const count = inWindow.length
  return signal(context, 's1-volume', {
    title: 'Many S1 incidents',
    reasons: [
      `${count} S1 tickets in the last ${rule.days} days (the ${context.input.tier.name} rule flags ${rule.minTickets})`,
    ],
    value: count,
    evidence: inWindow.map((t) => ({ collection: 'tickets', id: t.ticket.id })),
    target: firstFixing(
      context,
      (_tier, rules) => rules.s1Volume === null || count < rules.s1Volume.minTickets,
    ),
    firstSeenAt:
      heldSince(
        s1.map((t) => createdAtOf(t.ticket)),
        windowMs,
        rule.minTickets,
        now,
      ) ?? now,
  })
}

function preventedBreaches(context: Context): EligibilitySignal | null {
  const rule = context.rules.preventedBreaches
  if (rule === null || context.higher.length === 0) return null
  const { now } = context.input
  const windowMs = rule.days * DAY_MS
  const recent = context.input.tickets.filter((t) => createdAtOf(t.ticket) >= now - windowMs)
  if (recent.length === 0) return null
  // Tier by tier upwards: the first under which enough of the breaches would not have happened.
  for (const candidate of context.higher) {
    const replay = replayTickets({
      tickets: recent,
      alternative: candidate,
      now,
      ...(context.input.atRiskShare === undefined
        ? {}
        : { atRiskShare: context.input.atRiskShare }),
    })
    const avoided = replay.summary.avoided
    if (avoided.length < rule.minAvoided) continue
    const instants = avoided.flatMap((b) =>
      b.originalBreachedAt === null ? [] : [b.originalBreachedAt],
    )
    const ticketIds = [...new Set(avoided.map((b) => b.ticketId))]
    return signal(context, 'prevented-breaches', {
      title: `${candidate.name} would have prevented breaches`,
      reasons: [
        `Under ${candidate.name}, ${avoided.length} of ${replay.summary.originalBreaches} SLA breaches in the last ${rule.days} days would not have happened`,
      ],
      value: avoided.length,
      evidence: ticketIds.map((id) => ({ collection: 'tickets', id })),
      target: targetOf(candidate),
      firstSeenAt: heldSince(instants, windowMs, rule.minAvoided, now) ?? now,
    })
  }
  return null
}

const entitlementFields = {
  architectureReview: 'architectureReviewsPerYear',
  onboardingSession: 'onboardingSessions',
  healthCheck: 'healthChecksPerYear',
} as const

function entitlementOveruse(context: Context): EligibilitySignal | null {
  const rule = context.rules.entitlementOveruse
  if (rule === null) return null
  const { ledger } = context.input
  const months = ledger.lines
    .filter((l) => l.item === 'tamHours' && l.period.elapsed >= 1)
    .slice(-rule.months)
  const overMonths = months.filter((l) => l.flag === 'over')
  const reasons: string[] = []
  const over: LedgerLine[] = []
  const since: Instant[] = []
  if (overMonths.length >= rule.minOverMonths) {
    const entitled = overMonths[0]?.available ?? 0
    reasons.push(
      `TAM hours over the ${n(entitled)} a month in ${overMonths.length} of the last ${rule.months} months (${overMonths.map((l) => `${l.period.label}: ${n(l.consumed)}`).join(', ')})`,
    )
    over.push(...overMonths)
    const ends = overMonths.map((l) => Date.parse(`${l.period.to}T00:00:00.000Z`))
    since.push(
      heldSince(ends, rule.months * MONTH_MS, rule.minOverMonths, context.input.now) ??
        context.input.now,
    )
  }
  // The current contract year's (or term's) annual entitlements, already used up and more.
  for (const line of ledger.over) {
    if (line.item === 'tamHours' || line.item === 'qbr') continue
    if (line.period.elapsed >= 1) continue
    reasons.push(line.reason)
    over.push(line)
    since.push(Date.parse(`${line.period.from}T00:00:00.000Z`))
  }
  if (reasons.length === 0) return null
  const maxTam = Math.max(0, ...overMonths.map((l) => l.consumed))
  return signal(context, 'entitlement-overuse', {
    title: 'Using more than the plan includes',
    reasons,
    value: over.reduce((sum, l) => sum + Math.max(0, l.consumed - l.available), 0),
    evidence: over.flatMap((l) =>
      l.evidenceIds.map((id) => ({ collection: 'ledgerEntries' as const, id })),
    ),
    target: firstFixing(context, (tier) => {
      const e = tier.definition.entitlements
      if (overMonths.length >= rule.minOverMonths && e.tamHoursPerMonth < maxTam) return false
      return over.every(
        (l) =>
          l.item === 'tamHours' || l.item === 'qbr' || e[entitlementFields[l.item]] >= l.consumed,
      )
    }),
    firstSeenAt: Math.min(...since),
  })
}

function arrBand(context: Context): EligibilitySignal | null {
  const max = context.rules.maxArrMinor
  const arr = context.input.account.arrReportingMinor
  if (max === null || arr <= max) return null
  return signal(context, 'arr-band', {
    title: 'ARR above the tier band',
    reasons: [`ARR ${money(arr)} is above the ${context.input.tier.name} band of ${money(max)}`],
    value: arr,
    evidence: [{ collection: 'accounts', id: context.input.account.id }],
    target: firstFixing(
      context,
      (_tier, rules) => rules.maxArrMinor === null || arr <= rules.maxArrMinor,
    ),
    firstSeenAt: Date.parse(`${context.input.account.contractStart}T00:00:00.000Z`),
  })
}

/**
 * Upgrade-eligibility signals of one account (issue #5 item 6): seats above the tier's limit or
 * the contract, fast usage growth, S1 volume, breaches the next tier would have prevented
 * (measured with the replay engine), entitlement overuse (ledger engine), ARR above the tier's
 * band. Thresholds come from the per-tier rule set (rules.ts); each signal names the lowest
 * higher tier that fixes it.
 */
export function upgradeEligibility(input: Readonly<EligibilityInput>): AccountEligibility {
  const table = input.rules ?? defaultEligibilityRules
  const context: Context = {
    input,
    table,
    rules: rulesFor(input.tier, table),
    higher: input.catalogue
      .filter((tier) => tier.rank > input.tier.rank && tier.status === 'active')
      .sort((a, b) => a.rank - b.rank),
    usage: input.usage
      .filter((s) => isoToMs(s.capturedAt) <= input.now)
      .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)),
  }
  const signals = [
    seatOverage(context),
    usageGrowth(context),
    s1Volume(context),
    preventedBreaches(context),
    entitlementOveruse(context),
    arrBand(context),
  ].filter((s): s is EligibilitySignal => s !== null)
  const suggestedTarget = signals.reduce<TargetTier | null>(
    (best, s) =>
      s.target !== null && (best === null || s.target.rank > best.rank) ? s.target : best,
    null,
  )
  return {
    accountId: input.account.id,
    tierId: input.tier.tierId,
    tierName: input.tier.name,
    signals,
    suggestedTarget,
  }
}
