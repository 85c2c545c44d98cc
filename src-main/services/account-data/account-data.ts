import { TierlineError } from '@shared/ipc/errors'
import type { Account } from '@shared/model/account'
import type { Activity } from '@shared/model/activity'
import type { Calendar } from '@shared/model/calendar'
import type { LedgerEntry } from '@shared/model/ledger'
import type { CollectionName } from '@shared/model/registry'
import type { Ticket } from '@shared/model/ticket'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { UsageSnapshot } from '@shared/model/usage'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import type { EngineCache } from '../engines/engine-cache'
import type { MeasureContext } from '../sla/measure'

/**
 * The one loader of what the health, eligibility, ledger, audit and alert services read. The
 * collections the shared engine cache already loads (accounts, tiers, calendars, settings,
 * tickets) come from it; usage snapshots, activities and ledger entries are loaded once per
 * workspace here, through the same cache, grouped by account, and dropped when they change.
 */

/** Every collection an account's engine inputs come from (calendars and settings: `library`). */
export const accountDataDependencies: readonly CollectionName[] = [
  'accounts',
  'tiers',
  'library',
  'tickets',
  'usageSnapshots',
  'activities',
  'ledgerEntries',
]

export interface BookData {
  readonly accounts: readonly Account[]
  readonly accountsById: ReadonlyMap<string, Account>
  readonly versions: ReadonlyMap<string, Tier>
  readonly calendars: ReadonlyMap<string, Calendar>
  readonly settings: WorkspaceSettings
  readonly ticketsByAccount: ReadonlyMap<string, readonly Ticket[]>
  readonly usageByAccount: ReadonlyMap<string, readonly UsageSnapshot[]>
  readonly activitiesByAccount: ReadonlyMap<string, readonly Activity[]>
  readonly ledgerByAccount: ReadonlyMap<string, readonly LedgerEntry[]>
}

export type PeopleData = Pick<
  BookData,
  'accounts' | 'accountsById' | 'versions' | 'activitiesByAccount'
>

/** One account with everything its engines need. */
export interface AccountData {
  readonly account: Account
  /** The version the account signed (`account.tierVersionId`). */
  readonly signedTier: Tier
  /** The current version of the account's tier (the catalogue's). */
  readonly currentTier: Tier | undefined
  /** The current version of every tier on `today`, by rank. */
  readonly catalogue: readonly Tier[]
  readonly calendar: Calendar | undefined
  readonly settings: WorkspaceSettings
  readonly tickets: readonly Ticket[]
  readonly usage: readonly UsageSnapshot[]
  readonly activities: readonly Activity[]
  readonly ledger: readonly LedgerEntry[]
  /** For the SLA clocks (`clockTicket`). */
  readonly measure: MeasureContext
}

function groupBy<T extends { readonly accountId: string }>(docs: readonly T[]) {
  const groups = new Map<string, T[]>()
  for (const doc of docs) {
    const list = groups.get(doc.accountId)
    if (list === undefined) groups.set(doc.accountId, [doc])
    else list.push(doc)
  }
  return groups
}

/** One account of a loaded book; a typed error when it or its signed tier version is missing. */
export function accountOf(data: BookData, accountId: string, now: number): AccountData {
  const account = data.accountsById.get(accountId)
  if (account === undefined) {
    throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
      id: accountId,
    })
  }
  const signedTier = data.versions.get(account.tierVersionId)
  if (signedTier === undefined) {
    throw new TierlineError(
      'not-found',
      `This account's signed tier version (${account.tierVersionId}) is not in this workspace, so its health, ledger and eligibility cannot be computed.`,
      { id: accountId, tierVersionId: account.tierVersionId },
    )
  }
  const catalogue = currentTierVersions(
    [...data.versions.values()],
    new Date(now).toISOString().slice(0, 10),
  )
  return {
    account,
    signedTier,
    currentTier: catalogue.find((tier) => tier.tierId === account.tierId),
    catalogue,
    calendar: data.calendars.get(account.calendarId),
    settings: data.settings,
    tickets: data.ticketsByAccount.get(accountId) ?? [],
    usage: data.usageByAccount.get(accountId) ?? [],
    activities: data.activitiesByAccount.get(accountId) ?? [],
    ledger: data.ledgerByAccount.get(accountId) ?? [],
    measure: {
      versions: data.versions,
      calendars: data.calendars,
      atRiskShare: data.settings.slaAtRiskShare,
      now,
    },
  }
}

export function createAccountData(engines: EngineCache) {
  const usage = () =>
    engines.get({
      engine: 'inputs',
      key: 'usageByAccount',
      dependsOn: ['usageSnapshots'],
      compute: async ({ rx }) =>
        groupBy(
          (
            await rx.usageSnapshots.find({ sort: [{ accountId: 'asc' }, { month: 'asc' }] }).exec()
          ).map((doc) => doc.toJSON() as UsageSnapshot),
        ),
    })
  const activities = () =>
    engines.get({
      engine: 'inputs',
      key: 'activitiesByAccount',
      dependsOn: ['activities'],
      compute: async ({ rx }) =>
        groupBy(
          (
            await rx.activities.find({ sort: [{ accountId: 'asc' }, { occurredAt: 'asc' }] }).exec()
          ).map((doc) => doc.toJSON() as Activity),
        ),
    })
  const ledger = () =>
    engines.get({
      engine: 'inputs',
      key: 'ledgerByAccount',
      dependsOn: ['ledgerEntries'],
      compute: async ({ rx }) =>
        groupBy(
          (
            await rx.ledgerEntries.find({ sort: [{ accountId: 'asc' }, { period: 'asc' }] }).exec()
          ).map((doc) => doc.toJSON() as LedgerEntry),
        ),
    })

  async function book(): Promise<BookData> {
    const { inputs } = engines
    const [
      accounts,
      versions,
      calendars,
      settings,
      tickets,
      usageByAccount,
      activitiesByAccount,
      ledgerByAccount,
    ] = await Promise.all([
      inputs.accounts(),
      inputs.tierVersions(),
      inputs.calendars(),
      inputs.settings(),
      inputs.tickets(),
      usage(),
      activities(),
      ledger(),
    ])
    return {
      accounts: accounts.all,
      accountsById: accounts.byId,
      versions,
      calendars,
      settings,
      ticketsByAccount: tickets.byAccount,
      usageByAccount,
      activitiesByAccount,
      ledgerByAccount,
    }
  }

  /**
   * The book without its tickets, for what runs in main while the engines run in the worker
   * (the alerts plan): tickets are the bulk of a book, and reading them here is what blocked
   * main for seconds.
   */
  async function people(): Promise<PeopleData> {
    const [accounts, versions, activitiesByAccount] = await Promise.all([
      engines.inputs.accounts(),
      engines.inputs.tierVersions(),
      activities(),
    ])
    return { accounts: accounts.all, accountsById: accounts.byId, versions, activitiesByAccount }
  }

  return {
    book,
    people,
    accountOf,
    /**
     * One account's data. Its tickets come through the `accountId` index, not the whole book's
     * ticket load: opening Account 360 must not make main read every ticket of the workspace.
     */
    async account(accountId: string, now: number): Promise<AccountData> {
      const { inputs } = engines
      const [
        accounts,
        versions,
        calendars,
        settings,
        newestFirst,
        usageBy,
        activitiesBy,
        ledgerBy,
      ] = await Promise.all([
        inputs.accounts(),
        inputs.tierVersions(),
        inputs.calendars(),
        inputs.settings(),
        inputs.ticketsOf(accountId),
        usage(),
        activities(),
        ledger(),
      ])
      const one: BookData = {
        accounts: accounts.all,
        accountsById: accounts.byId,
        versions,
        calendars,
        settings,
        // Oldest first, as in the book's grouping.
        ticketsByAccount: new Map([[accountId, [...newestFirst].reverse()]]),
        usageByAccount: usageBy,
        activitiesByAccount: activitiesBy,
        ledgerByAccount: ledgerBy,
      }
      return accountOf(one, accountId, now)
    },
  }
}

export type AccountDataSource = ReturnType<typeof createAccountData>
