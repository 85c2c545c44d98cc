import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '@shared/ipc/contract'
import type { Account } from '@shared/model/account'
import type { Activity } from '@shared/model/activity'
import { newId } from '@shared/model/ids'
import type { Ticket } from '@shared/model/ticket'
import type { UsageSnapshot } from '@shared/model/usage'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createHealthService } from './health-service'
import { openDemoWorkspace, type DemoWorkspace, storedAccounts } from '../testing/demo-workspace'

const NOW = Date.parse(DEFAULT_AS_OF)

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let health: ReturnType<typeof createHealthService>
let accounts: Account[]

beforeAll(async () => {
  workspace = await openDemoWorkspace('health', { accounts: 24, tickets: 1200 })
  store = workspace.store
  accounts = await storedAccounts(store.rx())
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  health = createHealthService(engines, createAccountData(engines), () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const rx = () => store.rx()
const component = (view: Awaited<ReturnType<typeof health.forAccount>>, key: string) => {
  const found = view.components.find((c) => c.key === key)
  if (found === undefined) throw new Error(`no ${key}`)
  return found
}
const openStatuses = new Set(['new', 'open', 'waiting-on-customer', 'waiting-on-third-party'])

/** The account with the most open S1/S2 tickets in the database: the interesting one. */
async function busiestAccount(): Promise<{ account: Account; open: Ticket[] }> {
  const tickets = (await rx().tickets.find().exec()).map((doc) => doc.toJSON() as Ticket)
  let best: { account: Account; open: Ticket[] } | undefined
  for (const account of accounts) {
    const open = tickets.filter(
      (t) =>
        t.accountId === account.id &&
        (t.severity === 'S1' || t.severity === 'S2') &&
        openStatuses.has(t.status),
    )
    if (best === undefined || open.length > best.open.length) best = { account, open }
  }
  if (best === undefined) throw new Error('empty book')
  return best
}

describe('health.forAccount', () => {
  it('weights components with the settings of the account segment and sums them', async () => {
    const account = accounts[0]
    if (account === undefined) throw new Error('empty book')
    const view = await health.forAccount({ accountId: account.id, weeks: 12 })
    const settings = (await rx().library.findOne('workspace').exec())?.toJSON() as WorkspaceSettings
    const weights = settings.healthWeights.find((w) => w.segment === account.segment)?.weights
    expect(view.weightsFrom).toBe('segment')
    for (const c of view.components) expect(c.weight).toBe(weights?.[c.key])
    expect(view.score).toBe(Math.round(view.components.reduce((s, c) => s + c.contribution, 0)))
    const { healthyFrom, watchFrom } = settings.healthBands
    const band =
      view.score >= healthyFrom ? 'healthy' : view.score >= watchFrom ? 'watch' : 'at-risk'
    expect(view.band).toBe(band)
    expect(view.history).toHaveLength(12)
    expect(view.history.at(-1)?.score).toBe(view.score)
  })

  it('names the open S1/S2 tickets the database holds for the account', async () => {
    const { account, open } = await busiestAccount()
    expect(open.length).toBeGreaterThan(0)
    const view = await health.forAccount({ accountId: account.id, weeks: 4 })
    const openHigh = component(view, 'openHighSeverity')
    expect(openHigh.evidence.map((e) => e.id).sort()).toEqual(open.map((t) => t.id).sort())
    const s1 = open.filter((t) => t.severity === 'S1').length
    expect(openHigh.raw).toBe(2 * s1 + (open.length - s1))
  })

  it('reads seat utilisation from the latest snapshot captured by now', async () => {
    const account = accounts[1]
    if (account === undefined) throw new Error('empty book')
    const snapshots = (
      await rx()
        .usageSnapshots.find({ selector: { accountId: account.id } })
        .exec()
    )
      .map((doc) => doc.toJSON() as UsageSnapshot)
      .filter((s) => Date.parse(s.capturedAt) <= NOW)
      .sort((a, b) => a.month.localeCompare(b.month))
    const latest = snapshots.at(-1)
    if (latest === undefined) throw new Error('no usage')
    const view = await health.forAccount({ accountId: account.id, weeks: 4 })
    expect(component(view, 'seatUtilisation').raw).toBeCloseTo(
      latest.seatsUsed / latest.seatsContracted,
      12,
    )
    expect(component(view, 'seatUtilisation').evidence).toEqual([
      { collection: 'usageSnapshots', id: latest.id },
    ])
  })

  it('serves the cached result until a dependency changes, then recomputes', async () => {
    const account = accounts[2]
    if (account === undefined) throw new Error('empty book')
    const first = await health.forAccount({ accountId: account.id, weeks: 12 })
    expect(await health.forAccount({ accountId: account.id, weeks: 12 })).toBe(first)
    const at = new Date(NOW - 3_600_000).toISOString()
    const checkIn: Activity = {
      id: newId(),
      accountId: account.id,
      kind: 'check-in',
      occurredAt: at,
      authorId: account.ownerId,
      title: 'Quick check-in',
      bodyMarkdown: '',
      contactIds: [],
      pinned: false,
      createdAt: at,
      sentiment: 'positive',
      nps: 10,
      updatedAt: at,
      updatedBy: account.ownerId,
    }
    await rx().activities.insert(checkIn)
    const after = await health.forAccount({ accountId: account.id, weeks: 12 })
    expect(after).not.toBe(first)
    expect(component(after, 'sentiment').evidence.at(-1)).toEqual({
      collection: 'activities',
      id: checkIn.id,
    })
    expect(component(after, 'engagementRecency').reason).toBe('Last check-in today')
  })

  it('says clearly when the account does not exist, and refuses bad input', async () => {
    await expect(health.forAccount({ accountId: newId(), weeks: 12 })).rejects.toMatchObject({
      code: 'not-found',
    })
    const parsed = contract['health.forAccount'].input.safeParse({
      accountId: accounts[0]?.id,
      weeks: 0,
    })
    expect(parsed.success).toBe(false)
    expect(contract['health.forAccount'].input.parse({ accountId: accounts[0]?.id }).weeks).toBe(12)
  })
})
