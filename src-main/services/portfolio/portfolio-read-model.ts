import type { Topic } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import {
  daysBetween,
  queryPortfolio,
  type PortfolioListQuery,
  type PortfolioResult,
  type PortfolioRow,
  type PortfolioSources,
  type UpgradeSignal,
} from '@shared/portfolio/portfolio-query'
import type { TierlineDatabase } from '../../db/workspace-store'
import { openTicketStatuses } from '../accounts/accounts-repository'
import type { EventBus } from '../events/event-bus'

/**
 * Per-account figures that other engines compute (SLA compliance, weekly health, eligibility).
 * Each is optional: until an engine is wired in, the portfolio shows what the documents hold and
 * says which figures are missing (`PortfolioResult.sources`).
 */
export interface PortfolioMetrics {
  readonly slaCompliance?: (db: TierlineDatabase) => Promise<ReadonlyMap<string, number | null>>
  readonly healthTrends?: (db: TierlineDatabase) => Promise<ReadonlyMap<string, readonly number[]>>
  readonly upgradeSignals?: (db: TierlineDatabase) => Promise<ReadonlyMap<string, UpgradeSignal>>
}

interface Snapshot {
  readonly db: TierlineDatabase
  /** The day the rows' `daysToRenewal` were counted from. */
  readonly today: string
  readonly rows: readonly PortfolioRow[]
  readonly reportingCurrency: string
  readonly sources: PortfolioSources
}

/** Any change to these can change a row; a workspace switch replaces everything. */
const invalidatingTopics: ReadonlySet<Topic> = new Set<Topic>([
  'changed:accounts',
  'changed:tiers',
  'changed:users',
  'changed:tickets',
  'changed:alerts',
  'changed:library',
  'changed:workspace',
])

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

async function openHighSeverityCounts(db: TierlineDatabase) {
  const tickets = await db.tickets
    .find({
      selector: { severity: { $in: ['S1', 'S2'] }, status: { $in: [...openTicketStatuses] } },
    })
    .exec()
  const counts = new Map<string, { s1: number; s2: number }>()
  for (const ticket of tickets) {
    const count = counts.get(ticket.accountId) ?? { s1: 0, s2: 0 }
    if (ticket.severity === 'S1') count.s1++
    else count.s2++
    counts.set(ticket.accountId, count)
  }
  return counts
}

/** Fallback signal: the newest open (or snoozed) upgrade-signal alert of each account. */
async function upgradeSignalsFromAlerts(db: TierlineDatabase) {
  const alerts = await db.alerts
    .find({ selector: { status: { $in: ['open', 'snoozed'] }, kind: 'upgrade-signal' } })
    .exec()
  const signals = new Map<string, UpgradeSignal>()
  for (const alert of [...alerts].sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : 1))) {
    signals.set(alert.accountId, {
      label: alert.title.replace(/^Upgrade signal:\s*/i, ''),
      targetTierName: null,
    })
  }
  return signals
}

async function buildSnapshot(
  db: TierlineDatabase,
  today: string,
  metrics: PortfolioMetrics,
): Promise<Snapshot> {
  const [accounts, users, tiers, settings, highSeverity, signals, compliance, trends] =
    await Promise.all([
      db.accounts.find({ selector: { archived: false } }).exec(),
      db.users.find().exec(),
      db.tiers.find().exec(),
      db.library.findOne(WORKSPACE_SETTINGS_ID).exec(),
      openHighSeverityCounts(db),
      (metrics.upgradeSignals ?? upgradeSignalsFromAlerts)(db),
      metrics.slaCompliance?.(db),
      metrics.healthTrends?.(db),
    ])
  const userNames = new Map(users.map((user) => [user.id, user.name]))
  const tierVersions = tiers.map((tier) => tier.toJSON() as Tier)
  const versionsById = new Map(tierVersions.map((tier) => [tier.id, tier]))
  const catalogue = new Map(currentTierVersions(tierVersions, today).map((t) => [t.tierId, t]))
  const rows = accounts.map((doc): PortfolioRow => {
    const account: Account = doc
    const tier = catalogue.get(account.tierId)
    const open = highSeverity.get(account.id)
    return {
      id: account.id,
      name: account.name,
      nameKey: account.nameKey,
      tierId: account.tierId,
      tierName: tier?.name ?? 'Unknown tier',
      tierRank: tier?.rank ?? -1,
      tierVersionId: account.tierVersionId,
      tierVersion: versionsById.get(account.tierVersionId)?.version ?? null,
      arr: account.arr,
      arrReportingMinor: account.arrReportingMinor,
      seats: account.seats,
      segment: account.segment,
      renewalDate: account.renewalDate,
      daysToRenewal: daysBetween(today, account.renewalDate),
      ownerId: account.ownerId,
      ownerName: userNames.get(account.ownerId) ?? 'Unknown owner',
      tamId: account.tamId,
      tamName: account.tamId === null ? null : (userNames.get(account.tamId) ?? 'Unknown TAM'),
      healthScore: account.healthScore,
      healthBand: account.healthBand,
      healthTrend: trends?.get(account.id) ?? null,
      slaCompliance: compliance?.get(account.id) ?? null,
      openS1: open?.s1 ?? 0,
      openS2: open?.s2 ?? 0,
      upgradeSignal: signals.get(account.id) ?? null,
    }
  })
  return {
    db,
    today,
    rows,
    reportingCurrency:
      settings !== null && settings.kind === 'workspace' ? settings.reportingCurrency : 'USD',
    sources: {
      healthTrend: metrics.healthTrends !== undefined,
      slaCompliance: metrics.slaCompliance !== undefined,
      upgradeSignal: metrics.upgradeSignals === undefined ? 'alerts' : 'eligibility',
    },
  }
}

/**
 * The portfolio's rows, built once from the workspace database and kept until a collection they
 * come from changes (or the day turns), so filter and sort changes — what a CSM does all day —
 * cost a pass over 2,000 rows in memory rather than a database read.
 */
export function createPortfolioReadModel(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly events: EventBus
  readonly now?: () => Date
  readonly metrics?: PortfolioMetrics
}) {
  const now = options.now ?? (() => new Date())
  const metrics = options.metrics ?? {}
  let cached: Promise<Snapshot> | undefined
  const unsubscribe = options.events.subscribe((topic) => {
    if (invalidatingTopics.has(topic)) cached = undefined
  })

  async function snapshot(): Promise<Snapshot> {
    const db = await options.rx()
    const today = isoDate(now())
    const current = cached === undefined ? undefined : await cached.catch(() => undefined)
    if (current !== undefined && current.db === db && current.today === today) return current
    const building = buildSnapshot(db, today, metrics)
    cached = building
    // A failed build is not kept: the next call tries again.
    building.catch(() => {
      if (cached === building) cached = undefined
    })
    return building
  }

  return {
    async list(query: PortfolioListQuery): Promise<PortfolioResult> {
      const { rows, reportingCurrency, sources } = await snapshot()
      return {
        rows: queryPortfolio(rows, query),
        bookTotal: rows.length,
        reportingCurrency,
        sources,
      }
    },
    /** Forget the rows now (after a write this process made without a change event). */
    invalidate() {
      cached = undefined
    },
    close: unsubscribe,
  }
}

export type PortfolioReadModel = ReturnType<typeof createPortfolioReadModel>
