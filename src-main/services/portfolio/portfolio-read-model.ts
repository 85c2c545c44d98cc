import type { Topic } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import type { HealthBand } from '@shared/model/enums'
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

/** The health engine's current score and band of one account, and its weekly scores. */
export interface EngineHealth {
  readonly score: number
  readonly band: Exclude<HealthBand, 'unknown'>
  readonly trend: readonly number[]
}

/**
 * Per-account figures that the engines compute (health, SLA compliance, eligibility). They take
 * seconds on a large book, so the table never waits for them: rows first show what the
 * documents hold (the health score stored on the account, which the demo book writes from the
 * same engine), and the figures join them once computed (`sources.pending` says when).
 */
export interface PortfolioMetrics {
  readonly slaCompliance?: () => Promise<ReadonlyMap<string, number | null>>
  readonly health?: () => Promise<ReadonlyMap<string, EngineHealth>>
  readonly upgradeSignals?: () => Promise<ReadonlyMap<string, UpgradeSignal>>
}

interface Figures {
  readonly slaCompliance?: ReadonlyMap<string, number | null> | undefined
  readonly health?: ReadonlyMap<string, EngineHealth> | undefined
  readonly upgradeSignals?: ReadonlyMap<string, UpgradeSignal> | undefined
}

interface Snapshot {
  readonly db: TierlineDatabase
  /** The day the rows' `daysToRenewal` were counted from. */
  readonly today: string
  /** The cached inputs these rows were combined from (compared by identity). */
  readonly parts: readonly unknown[]
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

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

/**
 * Open S1/S2 tickets by account. One query per severity: the storage plans `$in` on an index's
 * second column as a range within the first, but `$in` on the first column scans the table
 * (2.7 s against 45 ms on 200,000 tickets).
 */
async function openHighSeverityCounts(db: TierlineDatabase) {
  const bySeverity = await Promise.all(
    (['S1', 'S2'] as const).map((severity) =>
      db.tickets.find({ selector: { severity, status: { $in: [...openTicketStatuses] } } }).exec(),
    ),
  )
  const counts = new Map<string, { s1: number; s2: number }>()
  for (const ticket of bySeverity.flat()) {
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

/** Everything a row takes from accounts, users, tiers and the workspace settings. */
async function loadBook(db: TierlineDatabase, today: string) {
  const [accounts, users, tiers, settings] = await Promise.all([
    db.accounts.find({ selector: { archived: false } }).exec(),
    db.users.find().exec(),
    db.tiers.find().exec(),
    db.library.findOne(WORKSPACE_SETTINGS_ID).exec(),
  ])
  const userNames = new Map(users.map((user) => [user.id, user.name]))
  const tierVersions = tiers.map((tier) => tier.toJSON() as Tier)
  const versionsById = new Map(tierVersions.map((tier) => [tier.id, tier]))
  const catalogue = new Map(currentTierVersions(tierVersions, today).map((t) => [t.tierId, t]))
  const rows = accounts.map((doc): PortfolioRow => {
    const account: Account = doc
    const tier = catalogue.get(account.tierId)
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
      openS1: 0,
      openS2: 0,
      upgradeSignal: null,
    }
  })
  return {
    rows,
    reportingCurrency:
      settings !== null && settings.kind === 'workspace' ? settings.reportingCurrency : 'USD',
  }
}

type Book = Awaited<ReturnType<typeof loadBook>>
type HighSeverity = Awaited<ReturnType<typeof openHighSeverityCounts>>
type AlertSignals = Awaited<ReturnType<typeof upgradeSignalsFromAlerts>>

/**
 * One cached input of the rows, read again only when one of its collections changes: the
 * engines write alerts and ticket changes arrive all day, and neither should re-read the book.
 */
function cachedPart<T>(
  events: EventBus,
  topics: readonly Topic[],
  load: (db: TierlineDatabase, today: string) => Promise<T>,
) {
  let cached: { db: TierlineDatabase; today: string; value: Promise<T> } | undefined
  const watched = new Set<Topic>([...topics, 'changed:workspace'])
  const unsubscribe = events.subscribe((topic) => {
    if (watched.has(topic)) cached = undefined
  })
  return {
    get(db: TierlineDatabase, today: string): Promise<T> {
      if (cached !== undefined && cached.db === db && cached.today === today) return cached.value
      const value = load(db, today)
      const entry = { db, today, value }
      cached = entry
      // A failed read is not kept: the next call tries again.
      value.catch(() => {
        if (cached === entry) cached = undefined
      })
      return value
    },
    close: unsubscribe,
  }
}

function combine(
  db: TierlineDatabase,
  today: string,
  book: Book,
  open: HighSeverity,
  signals: AlertSignals,
): Snapshot {
  return {
    db,
    today,
    parts: [book, open, signals],
    reportingCurrency: book.reportingCurrency,
    rows: book.rows.map((row) => {
      const count = open.get(row.id)
      return {
        ...row,
        openS1: count?.s1 ?? 0,
        openS2: count?.s2 ?? 0,
        upgradeSignal: signals.get(row.id) ?? null,
      }
    }),
  }
}

function withFigures(rows: readonly PortfolioRow[], figures: Figures): PortfolioRow[] {
  return rows.map((row) => {
    const health = figures.health?.get(row.id)
    return {
      ...row,
      // The engine's score and band replace the stored ones, so the band filter, the header's
      // at-risk ARR and Account 360 all go by one score.
      healthScore: health?.score ?? row.healthScore,
      healthBand: health?.band ?? row.healthBand,
      healthTrend: health?.trend ?? row.healthTrend,
      slaCompliance: figures.slaCompliance?.get(row.id) ?? row.slaCompliance,
      upgradeSignal:
        figures.upgradeSignals === undefined
          ? row.upgradeSignal
          : (figures.upgradeSignals.get(row.id) ?? null),
    }
  })
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
  const [slaCompliance, health, upgradeSignals] = await Promise.all([
    run('slaCompliance', metrics.slaCompliance),
    run('health', metrics.health),
    run('upgradeSignals', metrics.upgradeSignals),
  ])
  return { slaCompliance, health, upgradeSignals }
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
  const book = cachedPart(
    options.events,
    ['changed:accounts', 'changed:tiers', 'changed:users', 'changed:library'],
    loadBook,
  )
  const highSeverity = cachedPart(options.events, ['changed:tickets'], openHighSeverityCounts)
  const alertSignals = cachedPart(options.events, ['changed:alerts'], upgradeSignalsFromAlerts)
  let current: Snapshot | undefined
  // The table asks for one view page by page as it scrolls: its rows are ordered once.
  let lastOrdered:
    { source: readonly PortfolioRow[]; key: string; rows: PortfolioRow[] } | undefined
  function ordered(source: readonly PortfolioRow[], query: PortfolioListQuery): PortfolioRow[] {
    const key = JSON.stringify([query.filters, query.sort])
    if (lastOrdered?.source === source && lastOrdered.key === key) return lastOrdered.rows
    const rows = queryPortfolio(source, query)
    lastOrdered = { source, key, rows }
    return rows
  }
  let lastFigures: { readonly db: TierlineDatabase; readonly figures: Figures } | undefined

  async function snapshot(): Promise<Snapshot> {
    const db = await options.rx()
    const today = isoDate(now())
    const parts = await Promise.all([
      book.get(db, today),
      highSeverity.get(db, today),
      alertSignals.get(db, today),
    ])
    const previous = current
    if (
      previous !== undefined &&
      previous.db === db &&
      previous.parts.every((part, index) => part === parts[index])
    ) {
      return previous
    }
    const next = combine(db, today, ...parts)
    // Until the engines recompute, new rows keep the figures the previous rows had.
    const carried = lastFigures?.db === db ? lastFigures.figures : undefined
    if (carried !== undefined) {
      next.enriched = { rows: withFigures(next.rows, carried), figures: carried, at: -Infinity }
    }
    current = next
    return next
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
        healthTrend: figures?.health !== undefined,
        slaCompliance: figures?.slaCompliance !== undefined,
        upgradeSignal: figures?.upgradeSignals !== undefined ? 'eligibility' : 'alerts',
        pending: current.enriching !== undefined,
      }
      const matching = ordered(current.enriched?.rows ?? current.rows, query)
      const offset = query.window?.offset ?? 0
      return {
        rows:
          query.window === undefined
            ? matching
            : matching.slice(offset, offset + query.window.limit),
        offset,
        total: matching.length,
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
    close() {
      book.close()
      highSeverity.close()
      alertSignals.close()
    },
  }
}

export type PortfolioReadModel = ReturnType<typeof createPortfolioReadModel>
