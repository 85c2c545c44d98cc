import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb'
import type {
  AccountDetail,
  AccountFilterOptions,
  AccountListQuery,
  AccountPage,
  AccountRow,
  AccountSortField,
  TicketPage,
} from '@shared/accounts/account-queries'
import { TierlineError } from '@shared/ipc/errors'
import { searchKey, type Account } from '@shared/model/account'
import type { TicketStatus } from '@shared/model/enums'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { TierlineDatabase } from '../../db/workspace-store'

/** Statuses in which a ticket still needs work; `solved` and `closed` do not. */
export const openTicketStatuses: readonly TicketStatus[] = [
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
]

const sortColumn: Readonly<Record<AccountSortField, keyof Account>> = {
  name: 'nameKey',
  arr: 'arrReportingMinor',
  renewalDate: 'renewalDate',
  seats: 'seats',
  healthScore: 'healthScore',
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000)
}

/** The RxDB selector for the accounts table's filters. */
export function accountSelector(query: AccountListQuery, today: Date): MangoQuerySelector<Account> {
  const selector: MangoQuerySelector<Account> = {}
  if (!query.includeArchived) selector.archived = false
  if (query.tierIds.length > 0) selector.tierId = { $in: [...query.tierIds] }
  if (query.ownerIds.length > 0) selector.ownerId = { $in: [...query.ownerIds] }
  if (query.segments.length > 0) selector.segment = { $in: [...query.segments] }
  if (query.healthBands.length > 0) selector.healthBand = { $in: [...query.healthBands] }
  if (query.renewalWithinDays !== null) {
    selector.renewalDate = { $lte: isoDate(addDays(today, query.renewalWithinDays)) }
  }
  const search = searchKey(query.search)
  // Names are matched anywhere, accent- and case-insensitively, through the stored search key.
  if (search !== '') selector.nameKey = { $regex: escapeRegex(search) }
  return selector
}

async function namesById(
  rx: TierlineDatabase,
  today: string,
): Promise<{
  users: ReadonlyMap<string, string>
  tiers: ReadonlyMap<string, Tier>
}> {
  const [users, tiers] = await Promise.all([rx.users.find().exec(), rx.tiers.find().exec()])
  return {
    users: new Map(users.map((user) => [user.id, user.name])),
    tiers: new Map(
      currentTierVersions(
        tiers.map((tier) => tier.toJSON() as Tier),
        today,
      ).map((tier) => [tier.tierId, tier]),
    ),
  }
}

/** Read models for the accounts table, the account screen and an account's tickets. */
export function createAccountsRepository(
  rx: () => Promise<TierlineDatabase>,
  now: () => Date = () => new Date(),
) {
  return {
    async list(query: AccountListQuery): Promise<AccountPage> {
      const db = await rx()
      const selector = accountSelector(query, now())
      const sort: MangoQuerySortPart<Account>[] = [
        { [sortColumn[query.sort.field]]: query.sort.direction } as MangoQuerySortPart<Account>,
        { id: 'asc' },
      ]
      const [documents, total, names] = await Promise.all([
        db.accounts.find({ selector, sort, skip: query.offset, limit: query.limit }).exec(),
        db.accounts.count({ selector }).exec(),
        namesById(db, isoDate(now())),
      ])
      const versions = new Map(
        (await db.tiers.findByIds(documents.map((doc) => doc.tierVersionId)).exec()).entries(),
      )
      const rows = documents.map((doc): AccountRow => ({
        id: doc.id,
        name: doc.name,
        tierId: doc.tierId,
        tierName: names.tiers.get(doc.tierId)?.name ?? 'Unknown tier',
        tierVersion: versions.get(doc.tierVersionId)?.version ?? null,
        arr: doc.arr,
        seats: doc.seats,
        renewalDate: doc.renewalDate,
        segment: doc.segment,
        ownerName: names.users.get(doc.ownerId) ?? 'Unknown owner',
        tamName: doc.tamId === null ? null : (names.users.get(doc.tamId) ?? 'Unknown TAM'),
        healthScore: doc.healthScore,
        healthBand: doc.healthBand,
      }))
      return { rows, total, offset: query.offset, limit: query.limit }
    },

    async filterOptions(): Promise<AccountFilterOptions> {
      const db = await rx()
      const [names, owners] = await Promise.all([
        namesById(db, isoDate(now())),
        db.users
          .find({
            selector: { role: { $in: ['csm', 'manager'] } },
            sort: [{ role: 'asc' }, { name: 'asc' }],
          })
          .exec(),
      ])
      return {
        tiers: [...names.tiers.values()].map((tier) => ({ value: tier.tierId, label: tier.name })),
        owners: owners
          .map((user) => ({ value: user.id, label: user.name }))
          .sort((a, b) => a.label.localeCompare(b.label)),
      }
    },

    async get(id: string): Promise<AccountDetail> {
      const db = await rx()
      const account = await db.accounts.findOne(id).exec()
      if (account === null)
        throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
          id,
        })
      const [tier, contacts, usage, openTickets, names] = await Promise.all([
        db.tiers.findOne(account.tierVersionId).exec(),
        db.contacts
          .find({ selector: { accountId: id }, sort: [{ accountId: 'asc' }, { name: 'asc' }] })
          .exec(),
        db.usageSnapshots
          .find({ selector: { accountId: id }, sort: [{ accountId: 'asc' }, { month: 'asc' }] })
          .exec(),
        db.tickets
          .count({ selector: { accountId: id, status: { $in: [...openTicketStatuses] } } })
          .exec(),
        namesById(db, isoDate(now())),
      ])
      return {
        account: account.toJSON() as Account,
        tier: tier === null ? null : (tier.toJSON() as Tier),
        ownerName: names.users.get(account.ownerId) ?? 'Unknown owner',
        tamName: account.tamId === null ? null : (names.users.get(account.tamId) ?? 'Unknown TAM'),
        contacts: contacts.map((contact) => contact.toJSON() as AccountDetail['contacts'][number]),
        usage: usage.map((snapshot) => snapshot.toJSON() as AccountDetail['usage'][number]),
        openTickets,
        daysToRenewal: Math.round(
          (Date.parse(`${account.renewalDate}T00:00:00Z`) -
            Date.parse(`${isoDate(now())}T00:00:00Z`)) /
            86_400_000,
        ),
      }
    },

    async tickets(input: {
      readonly accountId: string
      readonly statuses: readonly TicketStatus[]
      readonly offset: number
      readonly limit: number
    }): Promise<TicketPage> {
      const db = await rx()
      const selector =
        input.statuses.length === 0
          ? { accountId: input.accountId }
          : { accountId: input.accountId, status: { $in: [...input.statuses] } }
      const [tickets, total] = await Promise.all([
        db.tickets
          .find({
            selector,
            sort: [{ accountId: 'desc' }, { createdAt: 'desc' }],
            skip: input.offset,
            limit: input.limit,
          })
          .exec(),
        db.tickets.count({ selector }).exec(),
      ])
      return {
        tickets: tickets.map((ticket) => ticket.toJSON() as TicketPage['tickets'][number]),
        total,
      }
    },
  }
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>
