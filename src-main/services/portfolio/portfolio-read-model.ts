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
import type { Logger } from '../log/logger'

/**
 * Per-account figures that the engines compute (SLA compliance, weekly health, eligibility).
 * They take seconds on a large book, so the table never waits for them: rows first show what
 * the documents hold, and the figures join them once computed (`sources.pending` says when).
 */
export interface PortfolioMetrics {
  readonly slaCompliance?: () => Promise<ReadonlyMap<string, number | null>>
  readonly healthTrends?: () => Promise<ReadonlyMap<string, readonly number[]>>
  readonly upgradeSignals?: () => Promise<ReadonlyMap<string, UpgradeSignal>>
}

interface Figures {
  readonly slaCompliance?: ReadonlyMap<string, number | null> | undefined
  readonly healthTrends?: ReadonlyMap<string, readonly number[]> | undefined
  readonly upgradeSignals?: ReadonlyMap<string, UpgradeSignal> | undefined
}

interface Snapshot {
  readonly db: TierlineDatabase
  /** The day the rows' `daysToRenewal` were counted from. */
  readonly today: string
  /** Rows from the documents alone (upgrade signals from open alerts). */
  readonly rows: readonly PortfolioRow[]
  readonly reportingCurrency: string
  /** The engines' figures once computed, and the rows with them. */
  enriched?: {
    readonly rows: readonly PortfolioRow[]
    readonly figures: Figures
    readonly at: number
  }
  enriching?: Promise<void>
}

/** Engine figures older than this are computed again (in the background) on the next call. */
const FIGURES_MAX_AGE_MS = 5 * 60_000

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

async function buildSnapshot(db: TierlineDatabase, today: string): Promise<Snapshot> {
  const [accounts, users, tiers, settings, highSeverity, signals] = await Promise.all([
    db.accounts.find({ selector: { archived: false } }).exec(),
    db.users.find().exec(),
    db.tiers.find().exec(),
    db.library.findOne(WORKSPACE_SETTINGS_ID).exec(),
    openHighSeverityCounts(db),
    upgradeSignalsFromAlerts(db),
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
      healthTrend: null,
      slaCompliance: null,
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
  }
}

function withFigures(rows: readonly PortfolioRow[], figures: Figures): PortfolioRow[] {
  return rows.map((row) => ({
    ...row,
    healthTrend: figures.healthTrends?.get(row.id) ?? row.healthTrend,
    slaCompliance: figures.slaCompliance?.get(row.id) ?? row.slaCompliance,
    upgradeSignal:
      figures.upgradeSignals === undefined
        ? row.upgradeSignal
        : (figures.upgradeSignals.get(row.id) ?? null),
  }))
}

/** Runs each engine; one that fails leaves its column as the documents have it, and is logged. */
async function computeFigures(metrics: PortfolioMetrics, log: Logger): Promise<Figures> {
  const run = async <T>(name: string, provider: (() => Promise<T>) | undefined) => {
    if (provider === undefined) return undefined
    try {
      return await provider()
    } catch (error) {
      log.warn('a portfolio figure could not be computed', { figure: name, error: String(error) })
      return undefined
    }
  }
  const [slaCompliance, healthTrends, upgradeSignals] = await Promise.all([
    run('slaCompliance', metrics.slaCompliance),
    run('healthTrends', metrics.healthTrends),
    run('upgradeSignals', metrics.upgradeSignals),
  ])
  return { slaCompliance, healthTrends, upgradeSignals }
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
  readonly log?: Logger
}) {
  const now = options.now ?? (() => new Date())
  const metrics = options.metrics ?? {}
  const log = options.log ?? {
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  }
  const hasMetrics = Object.values(metrics).some((provider) => provider !== undefined)
  let cached: Promise<Snapshot> | undefined
  let lastFigures: { readonly db: TierlineDatabase; readonly figures: Figures } | undefined
  const unsubscribe = options.events.subscribe((topic) => {
    if (invalidatingTopics.has(topic)) cached = undefined
  })

  async function snapshot(): Promise<Snapshot> {
    const db = await options.rx()
    const today = isoDate(now())
    const current = cached === undefined ? undefined : await cached.catch(() => undefined)
    if (current !== undefined && current.db === db && current.today === today) return current
    // Until the engines recompute, new rows keep the figures the previous rows had.
    const carried = lastFigures?.db === db ? lastFigures.figures : undefined
    const building = buildSnapshot(db, today).then((built) => {
      if (carried !== undefined) {
        built.enriched = { rows: withFigures(built.rows, carried), figures: carried, at: -Infinity }
      }
      return built
    })
    cached = building
    // A failed build is not kept: the next call tries again.
    building.catch(() => {
      if (cached === building) cached = undefined
    })
    return building
  }

  /** Starts computing the engines' figures for a snapshot unless that is under way or fresh. */
  function enrich(target: Snapshot): void {
    if (!hasMetrics || target.enriching !== undefined) return
    const age = target.enriched === undefined ? Infinity : now().getTime() - target.enriched.at
    if (age < FIGURES_MAX_AGE_MS) return
    const started = now().getTime()
    target.enriching = computeFigures(metrics, log).then((figures) => {
      target.enriched = { rows: withFigures(target.rows, figures), figures, at: started }
      lastFigures = { db: target.db, figures }
      target.enriching = undefined
    })
  }

  return {
    async list(query: PortfolioListQuery): Promise<PortfolioResult> {
      const current = await snapshot()
      enrich(current)
      const figures = current.enriched?.figures
      const sources: PortfolioSources = {
        healthTrend: figures?.healthTrends !== undefined,
        slaCompliance: figures?.slaCompliance !== undefined,
        upgradeSignal: figures?.upgradeSignals !== undefined ? 'eligibility' : 'alerts',
        pending: current.enriching !== undefined,
      }
      return {
        rows: queryPortfolio(current.enriched?.rows ?? current.rows, query),
        bookTotal: current.rows.length,
        reportingCurrency: current.reportingCurrency,
        sources,
      }
    },
    /** Resolves once the current rows carry the engines' figures (tests and benches wait on it). */
    async settled(): Promise<void> {
      const current = await snapshot()
      enrich(current)
      await current.enriching
    },
    /** Forget the rows now (after a write this process made without a change event). */
    invalidate() {
      cached = undefined
    },
    close: unsubscribe,
  }
}

export type PortfolioReadModel = ReturnType<typeof createPortfolioReadModel>
