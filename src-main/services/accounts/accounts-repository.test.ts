import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountListInput } from '@shared/accounts/account-queries'
import type { Account } from '@shared/model/account'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { loadDemoBook } from '../../db/demo-loader'
import { openWorkspaceStore, type WorkspaceStore } from '../../db/workspace-store'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createAccountsRepository, openTicketStatuses } from './accounts-repository'

// One small demo book shared by the read-only tests below.
let folder: string
let store: WorkspaceStore
let all: Account[]
const today = new Date('2026-11-01T00:00:00Z')

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-accounts-'))
  store = await openWorkspaceStore({
    file: join(folder, 'tierline.sqlite'),
    log: recordingLogger(),
    onChange: () => undefined,
  })
  await loadDemoBook(store.rx(), { accounts: 40, tickets: 400 })
  all = (await store.rx().accounts.find().exec()).map((doc) => doc.toJSON() as Account)
}, 60_000)

afterAll(async () => {
  await store.close()
  await rm(folder, { recursive: true, force: true })
})

const repository = () =>
  createAccountsRepository(
    async () => store.rx(),
    () => today,
  )
const query = (input: Parameters<typeof accountListInput.parse>[0]) => accountListInput.parse(input)

describe('accounts repository', () => {
  it('pages through every unarchived account in name order', async () => {
    const expected = all
      .filter((account) => !account.archived)
      .sort((a, b) => a.nameKey.localeCompare(b.nameKey) || a.id.localeCompare(b.id))
      .map((account) => account.id)
    const first = await repository().list(query({ limit: 15 }))
    const second = await repository().list(query({ limit: 15, offset: 15 }))
    expect(first.total).toBe(expected.length)
    expect([...first.rows, ...second.rows].map((row) => row.id)).toEqual(expected.slice(0, 30))
  })

  it('filters by tier and renewal window and sorts by ARR, largest first', async () => {
    const tierId = all[0]?.tierId ?? ''
    const horizon = '2027-01-30'
    const expected = all
      .filter((a) => !a.archived && a.tierId === tierId && a.renewalDate <= horizon)
      .sort((a, b) => b.arrReportingMinor - a.arrReportingMinor || a.id.localeCompare(b.id))
    const page = await repository().list(
      query({
        tierIds: [tierId],
        renewalWithinDays: 90,
        sort: { field: 'arr', direction: 'desc' },
        limit: 500,
      }),
    )
    expect(page.rows.map((row) => row.id)).toEqual(expected.map((account) => account.id))
    expect(new Set(page.rows.map((row) => row.tierName)).size).toBeLessThanOrEqual(1)
  })

  it('finds accounts by any part of the name, ignoring case and accents', async () => {
    const target = all[3]
    if (target === undefined) throw new Error('the demo book has too few accounts')
    const fragment = target.name.slice(1, 5).toUpperCase()
    const page = await repository().list(query({ search: fragment, limit: 500 }))
    expect(page.rows.map((row) => row.id)).toContain(target.id)
    for (const row of page.rows) expect(row.name.toLowerCase()).toContain(fragment.toLowerCase())
  })

  it('returns an account with its tier version, contacts, usage and open ticket count', async () => {
    const account = all[0]
    if (account === undefined) throw new Error('the demo book is empty')
    const detail = await repository().get(account.id)
    const tickets = await store
      .rx()
      .tickets.find({ selector: { accountId: account.id } })
      .exec()
    expect(detail.account.id).toBe(account.id)
    expect(detail.tier?.id).toBe(account.tierVersionId)
    expect(detail.contacts.every((contact) => contact.accountId === account.id)).toBe(true)
    expect(detail.usage.map((snapshot) => snapshot.month)).toEqual(
      [...detail.usage.map((s) => s.month)].sort(),
    )
    expect(detail.openTickets).toBe(
      tickets.filter((ticket) => openTicketStatuses.includes(ticket.status)).length,
    )
  })

  it("lists an account's tickets newest first with their full history", async () => {
    const account = all[1]
    if (account === undefined) throw new Error('the demo book is too small')
    const page = await repository().tickets({
      accountId: account.id,
      statuses: [],
      offset: 0,
      limit: 200,
    })
    const created = page.tickets.map((ticket) => ticket.createdAt)
    expect(created).toEqual([...created].sort().reverse())
    expect(page.tickets.every((ticket) => ticket.events[0]?.type === 'created')).toBe(true)
    expect(page.total).toBe(page.tickets.length)
  })

  it('says clearly when an account does not exist', async () => {
    await expect(repository().get('01JZZZZZZZZZZZZZZZZZZZZZZZ')).rejects.toMatchObject({
      code: 'not-found',
    })
  })
})
