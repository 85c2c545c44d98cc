import type { Account } from '../../model/account'
import type { Activity } from '../../model/activity'
import type { Cadence } from '../../model/enums'
import { cadenceSchema } from '../../model/enums'
import type { EntitlementKey, LedgerEntry } from '../../model/ledger'
import type { Entitlements, Tier } from '../../model/tier'
import type { Instant } from '../calendar/business-time'
import type { LedgerPeriod } from './periods'
import { contractTerm, contractYears, recentMonths } from './periods'

/** What the ledger tracks: the four ledger entitlements plus QBRs (held QBR activities). */
export type LedgerItem = EntitlementKey | 'qbr'

export type LedgerFlag = 'over' | 'under' | 'on-track' | 'not-entitled'

export interface LedgerLine {
  readonly item: LedgerItem
  readonly label: string
  readonly period: LedgerPeriod
  /** From the signed tier version, or a custom term that replaces it. */
  readonly entitled: number
  readonly entitledFrom: 'tier' | 'custom-term'
  /** Extra capacity from `grant` entries in the period. */
  readonly granted: number
  /** Consumption plus adjustments (corrections are negative). */
  readonly consumed: number
  readonly available: number
  /** available − consumed; negative when over. */
  readonly remaining: number
  /** What should have been delivered by now at an even pace (front-loaded for onboarding). */
  readonly expectedByNow: number
  readonly flag: LedgerFlag
  /** "18.5 of 16 TAM hours used in 2026-10 (116%)". */
  readonly reason: string
  /** Ledger entries (or QBR activities) counted in this line. */
  readonly evidenceIds: readonly string[]
}

export interface AccountLedger {
  readonly accountId: string
  readonly tierVersionId: string
  readonly lines: readonly LedgerLine[]
  readonly over: readonly LedgerLine[]
  readonly under: readonly LedgerLine[]
}

export interface LedgerInput {
  readonly account: Pick<
    Account,
    'id' | 'tierVersionId' | 'contractStart' | 'renewalDate' | 'customTerms'
  >
  /** The version the account signed (`account.tierVersionId`). */
  readonly tier: Pick<Tier, 'id' | 'definition'>
  readonly entries: readonly Pick<
    LedgerEntry,
    'id' | 'accountId' | 'entitlement' | 'kind' | 'quantity' | 'period'
  >[]
  /** The account's activities; held QBRs count against the QBR cadence. */
  readonly activities: readonly Activity[]
  readonly now: Instant
  /** Months of TAM-hour history (default 12, current month included). */
  readonly months?: number
}

/**
 * Flag rules. Over-use: more consumed than available in the period. Under-use: less than half of
 * what an even pace would have delivered by now, judged once a quarter of the period has passed
 * (earlier, nobody can tell). QBRs are whole meetings: under when fewer were held than the
 * cadence had due by now.
 */
export const ledgerRules = {
  underShare: 0.5,
  judgeAfterElapsed: 0.25,
  /** Onboarding is front-loaded: all sessions are expected within this many days of the start. */
  onboardingDays: 90,
} as const

export const qbrsPerYear: Readonly<Record<Cadence, number>> = {
  none: 0,
  annual: 1,
  semiannual: 2,
  quarterly: 4,
  monthly: 12,
}

const entitlementField = {
  tamHours: 'tamHoursPerMonth',
  architectureReview: 'architectureReviewsPerYear',
  onboardingSession: 'onboardingSessions',
  healthCheck: 'healthChecksPerYear',
} as const satisfies Record<EntitlementKey, keyof Entitlements>

const labels: Readonly<Record<LedgerItem, { one: string; many: string }>> = {
  tamHours: { one: 'TAM hour', many: 'TAM hours' },
  architectureReview: { one: 'architecture review', many: 'architecture reviews' },
  onboardingSession: { one: 'onboarding session', many: 'onboarding sessions' },
  healthCheck: { one: 'health check', many: 'health checks' },
  qbr: { one: 'QBR', many: 'QBRs' },
}

/** The entitlement as agreed: a custom term on `entitlements.<field>` replaces the tier's value. */
export function entitledValue(
  account: Pick<Account, 'customTerms'>,
  tier: Pick<Tier, 'definition'>,
  field: keyof Entitlements,
): { value: unknown; from: 'tier' | 'custom-term' } {
  const term = account.customTerms.find((custom) => custom.field === `entitlements.${field}`)
  return term === undefined
    ? { value: tier.definition.entitlements[field], from: 'tier' }
    : { value: term.value, from: 'custom-term' }
}

const round2 = (n: number) => Math.round(n * 100) / 100
const format = (n: number) => String(round2(n))

function line(
  item: LedgerItem,
  period: LedgerPeriod,
  entitled: { value: number; from: 'tier' | 'custom-term' },
  granted: number,
  consumed: number,
  expectedByNow: number,
  evidenceIds: readonly string[],
): LedgerLine {
  const available = entitled.value + granted
  const { many } = labels[item]
  const where = `in ${period.label}`
  let flag: LedgerFlag
  if (available === 0 && consumed <= 0) flag = 'not-entitled'
  else if (consumed > available) flag = 'over'
  else if (
    item === 'qbr'
      ? consumed < expectedByNow
      : period.elapsed >= ledgerRules.judgeAfterElapsed &&
        consumed < ledgerRules.underShare * expectedByNow
  )
    flag = 'under'
  else flag = 'on-track'
  const share = available > 0 ? ` (${Math.round((consumed / available) * 100)}%)` : ''
  const verb = item === 'qbr' ? 'held' : 'used'
  const reason =
    flag === 'not-entitled'
      ? `No ${many} in the plan`
      : flag === 'under'
        ? `${format(consumed)} of ${format(available)} ${many} ${verb} ${where}; ${format(expectedByNow)} expected by now`
        : `${format(consumed)} of ${format(available)} ${many} ${verb} ${where}${share}`
  return {
    item,
    label: many.charAt(0).toUpperCase() + many.slice(1),
    period,
    entitled: entitled.value,
    entitledFrom: entitled.from,
    granted,
    consumed: round2(consumed),
    available,
    remaining: round2(available - consumed),
    expectedByNow: round2(expectedByNow),
    flag,
    reason,
    evidenceIds,
  }
}

const numeric = (entitled: { value: unknown; from: 'tier' | 'custom-term' }) => ({
  value: typeof entitled.value === 'number' && Number.isFinite(entitled.value) ? entitled.value : 0,
  from: entitled.from,
})

/**
 * The entitlement ledger of one account against the tier version it signed: TAM hours per month
 * (last 12 months), architecture reviews and health checks per contract year, onboarding
 * sessions per term, QBRs held per contract year against the cadence. Entries count in the
 * month they are booked in (`period`); annual lines sum the contract year's months.
 */
export function entitlementLedger(input: Readonly<LedgerInput>): AccountLedger {
  const { account, tier, now } = input
  const entries = input.entries.filter((entry) => entry.accountId === account.id)
  const lines: LedgerLine[] = []
  const sum = (key: EntitlementKey, period: LedgerPeriod) => {
    let granted = 0
    let consumed = 0
    const ids: string[] = []
    for (const entry of entries) {
      if (entry.entitlement !== key) continue
      if (entry.period < period.firstMonth || entry.period > period.lastMonth) continue
      if (entry.kind === 'grant') granted += entry.quantity
      else consumed += entry.quantity
      ids.push(entry.id)
    }
    return { granted, consumed, ids }
  }
  const add = (key: EntitlementKey, period: LedgerPeriod, expectedShare: number) => {
    const entitled = numeric(entitledValue(account, tier, entitlementField[key]))
    const { granted, consumed, ids } = sum(key, period)
    lines.push(
      line(
        key,
        period,
        entitled,
        granted,
        consumed,
        (entitled.value + granted) * expectedShare,
        ids,
      ),
    )
  }

  for (const month of recentMonths(now, input.months ?? 12)) {
    if (month.to <= account.contractStart.slice(0, 7) + '-01') continue
    add('tamHours', month, month.elapsed)
  }
  const years = contractYears(account.contractStart, account.renewalDate, now)
  for (const year of years) {
    add('architectureReview', year, year.elapsed)
    add('healthCheck', year, year.elapsed)
  }
  const term = contractTerm(account.contractStart, account.renewalDate, now)
  const onboardingElapsed = Math.min(
    1,
    Math.max(
      0,
      (now - Date.parse(`${term.from}T00:00:00.000Z`)) / (ledgerRules.onboardingDays * 86_400_000),
    ),
  )
  add('onboardingSession', term, onboardingElapsed)

  const cadence = entitledValue(account, tier, 'qbrCadence')
  const parsedCadence = cadenceSchema.safeParse(cadence.value)
  const perYear = parsedCadence.success ? qbrsPerYear[parsedCadence.data] : 0
  for (const year of years) {
    const held = input.activities.filter(
      (activity) =>
        activity.kind === 'qbr' &&
        activity.status === 'held' &&
        activity.accountId === account.id &&
        activity.occurredAt.slice(0, 10) >= year.from &&
        activity.occurredAt.slice(0, 10) < year.to &&
        Date.parse(activity.occurredAt) <= now,
    )
    // Whole meetings: due once their share of the year has passed.
    const due = Math.floor(perYear * year.elapsed + 1e-9)
    lines.push(
      line(
        'qbr',
        year,
        { value: perYear, from: cadence.from },
        0,
        held.length,
        due,
        held.map((activity) => activity.id),
      ),
    )
  }
  return {
    accountId: account.id,
    tierVersionId: tier.id,
    lines,
    over: lines.filter((l) => l.flag === 'over'),
    under: lines.filter((l) => l.flag === 'under'),
  }
}
