import {
  slaCompliance,
  type AccountEligibility,
  type AccountHealth,
  type MeasuredClocks,
} from '@shared/engines'
import type { PortfolioKpis } from '@shared/kpi/kpi-queries'
import type { HealthBand } from '@shared/model/enums'
import type { Proposal } from '@shared/model/proposal'
import { accountOf, type AccountDataSource, type BookData } from '../account-data/account-data'
import { YIELD_EVERY, yieldToEventLoop } from '../account-data/yield'
import { measureEligibility } from '../eligibility/eligibility-service'
import { measureHealth } from '../health/health-service'
import { computePortfolioKpis } from '../kpi/portfolio-kpis'
import { clockTicket } from '../sla/measure'
import type { EngineCache } from './engine-cache'

/**
 * The book-wide engine runs: every account's health, eligibility or SLA compliance, and the KPI
 * header. Each reads every ticket of the workspace, so in the app they run in the engine worker
 * (engine-worker.ts) rather than in main; `runBookRun` is the one implementation both the
 * worker and the in-process fallback call, so they cannot disagree.
 */

export interface Period {
  readonly from: string
  readonly to: string
}

/** One run, as plain data (it crosses to the worker by structured clone). */
export type BookRun =
  | { readonly kind: 'health.book'; readonly at: number }
  | { readonly kind: 'eligibility.book'; readonly at: number }
  | { readonly kind: 'portfolio.slaByAccount'; readonly at: number; readonly period: Period }
  | {
      readonly kind: 'kpi.portfolio'
      readonly at: number
      readonly period: Period
      /** The health engine's band of each account (computed by a `health.book` run). */
      readonly bands: ReadonlyMap<string, HealthBand>
    }

export interface BookRunResults {
  readonly 'health.book': ReadonlyMap<string, AccountHealth>
  readonly 'eligibility.book': ReadonlyMap<string, AccountEligibility>
  readonly 'portfolio.slaByAccount': ReadonlyMap<string, number | null>
  readonly 'kpi.portfolio': PortfolioKpis
}

export type BookRunResult<R extends BookRun> = BookRunResults[R['kind']]

/** Where runs are computed: the engine worker, or this thread. */
export interface BookRuns {
  run<R extends BookRun>(run: R): Promise<BookRunResult<R>>
}

/** A book as the runs read it: the account data loader's book and the accepted proposals. */
export interface BookRunData extends BookData {
  readonly acceptedProposals: readonly Proposal[]
}

/** Lets a caller on main's thread hand the event loop back between accounts. */
export type Pause = () => Promise<void> | void

const noPause: Pause = () => undefined

/** Every unarchived account whose signed tier version is known, each measured by `measure`. */
async function perAccount<T>(
  data: BookData,
  pause: Pause,
  measure: (account: BookData['accounts'][number]) => T,
): Promise<Map<string, T>> {
  const result = new Map<string, T>()
  for (const [index, account] of data.accounts.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await pause()
    if (account.archived || !data.versions.has(account.tierVersionId)) continue
    result.set(account.id, measure(account))
  }
  return result
}

/**
 * SLA compliance of every account over `period`, measured exactly as the KPI header measures it
 * by tier (tickets opened in the period, each under the version stamped on it).
 */
export function slaComplianceByAccountOf(
  data: BookData,
  at: number,
  period: Period,
): Map<string, number | null> {
  const from = Date.parse(`${period.from}T00:00:00.000Z`)
  const to = Date.parse(`${period.to}T00:00:00.000Z`) + 86_400_000
  const context = {
    versions: data.versions,
    calendars: data.calendars,
    atRiskShare: data.settings.slaAtRiskShare,
    now: at,
  }
  const measured: MeasuredClocks[] = []
  for (const tickets of data.ticketsByAccount.values()) {
    for (const ticket of tickets) {
      const created = Date.parse(ticket.createdAt)
      if (created < from || created >= to) continue
      const account = data.accountsById.get(ticket.accountId)
      if (account === undefined) continue
      const clocked = clockTicket(ticket, account, context)
      if (!clocked.ok) continue
      measured.push({
        clocks: clocked.clocks,
        accountId: account.id,
        tierId: clocked.measured.tier.tierId,
        createdAt: created,
      })
    }
  }
  return new Map(
    slaCompliance({ tickets: measured, groupBy: 'account', period: { from, to } }).map((row) => [
      row.key,
      row.metShare,
    ]),
  )
}

/** Computes one run on a loaded book. */
export async function runBookRun<R extends BookRun>(
  run: R,
  data: BookRunData,
  pause: Pause = noPause,
): Promise<BookRunResult<R>> {
  const result = await compute(run, data, pause)
  return result as BookRunResult<R>
}

async function compute(run: BookRun, data: BookRunData, pause: Pause) {
  switch (run.kind) {
    case 'health.book':
      return perAccount(
        data,
        pause,
        (account) => measureHealth(accountOf(data, account.id, run.at), run.at).health,
      )
    case 'eligibility.book':
      return perAccount(data, pause, (account) =>
        measureEligibility(accountOf(data, account.id, run.at), run.at),
      )
    case 'portfolio.slaByAccount':
      return slaComplianceByAccountOf(data, run.at, run.period)
    case 'kpi.portfolio':
      return computePortfolioKpis({
        at: run.at,
        period: run.period,
        accounts: { all: data.accounts, byId: data.accountsById },
        versions: data.versions,
        calendars: data.calendars,
        settings: data.settings,
        tickets: [...data.ticketsByAccount.values()].flat(),
        proposals: data.acceptedProposals,
        usage: [...data.usageByAccount.values()].flat(),
        bands: run.bands,
      })
  }
}

/**
 * Runs on this thread, on the engine cache's documents, yielding to the event loop between
 * accounts: what tests use, and the fallback when the worker cannot start.
 */
export function createInProcessBookRuns(
  engines: EngineCache,
  data: Pick<AccountDataSource, 'book'>,
): BookRuns {
  const acceptedProposals = () =>
    engines.get({
      engine: 'inputs',
      key: 'acceptedProposals',
      dependsOn: ['proposals'],
      compute: async ({ rx }) =>
        (await rx.proposals.find({ selector: { status: 'accepted' } }).exec()).map(
          (doc) => doc.toJSON() as Proposal,
        ),
    })
  return {
    async run(run) {
      const [book, proposals] = await Promise.all([data.book(), acceptedProposals()])
      return runBookRun(run, { ...book, acceptedProposals: proposals }, yieldToEventLoop)
    },
  }
}
