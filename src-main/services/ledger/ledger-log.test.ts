import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentPeriodLines } from '@shared/ledger/ledger-log'
import type { Account } from '@shared/model/account'
import type { LedgerEntry } from '@shared/model/ledger'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createCurrentUserSource } from '../session/current-user'
import { createLedgerLog } from './ledger-log'
import { createLedgerService } from './ledger-service'
import { openDemoWorkspace, type DemoWorkspace, tierVersionsById } from '../testing/demo-workspace'

// Mid-October: the current month has begun, the demo book's entries are in the past.
const NOW = Date.parse(DEFAULT_AS_OF) - 16 * 86_400_000

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let ledger: ReturnType<typeof createLedgerService>
let account: Account

beforeAll(async () => {
  workspace = await openDemoWorkspace('ledger-log', { accounts: 30, tickets: 300 })
  store = workspace.store
  const versions = await tierVersionsById(store.rx())
  const found = (await store.rx().accounts.find().exec())
    .map((d) => d.toJSON() as Account)
    .find(
      (a) =>
        (versions.get(a.tierVersionId)?.definition.entitlements.tamHoursPerMonth ?? 0) > 0 &&
        a.contractStart < '2026-09-01',
    )
  if (found === undefined) throw new Error('no account with TAM hours in the demo book')
  account = found
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  ledger = createLedgerService(engines, createAccountData(engines), () => NOW)
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const rx = async () => store.rx()
const ledgerLog = createLedgerLog({
  rx,
  currentUser: createCurrentUserSource(rx),
  now: () => new Date(NOW),
})
const entryCount = () => store.rx().ledgerEntries.count().exec()

async function thisMonthsTamHours() {
  const view = await ledger.forAccount({ accountId: account.id, months: 12 })
  return currentPeriodLines(view.lines, view.asOf).find((line) => line.item === 'tamHours')
}

describe('ledger.log', () => {
  it("writes a consumption entry this month that the ledger engine's used figure counts", async () => {
    const before = await thisMonthsTamHours()
    expect(before?.period.label).toBe('2026-10')
    const entry = await ledgerLog.log({
      accountId: account.id,
      entitlement: 'tamHours',
      quantity: 1.75,
      description: '  Architecture walkthrough  ',
    })
    const stored = await store.rx().ledgerEntries.findOne(entry.id).exec()
    expect(stored?.toJSON() as LedgerEntry).toMatchObject({
      kind: 'consumption',
      period: '2026-10',
      quantity: 1.75,
      description: 'Architecture walkthrough',
      activityId: null,
    })
    const after = await thisMonthsTamHours()
    expect(after?.consumed).toBeCloseTo((before?.consumed ?? 0) + 1.75, 9)
    expect(after?.remaining).toBeCloseTo((before?.remaining ?? 0) - 1.75, 9)
    expect(after?.evidenceIds).toContain(entry.id)
  })

  it('refuses odd quantities, empty descriptions and unknown accounts, writing nothing', async () => {
    const before = await entryCount()
    const base = { accountId: account.id, description: 'Review' }
    await expect(
      ledgerLog.log({ ...base, entitlement: 'architectureReview', quantity: 1.5 }),
    ).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ field: 'quantity' }] },
    })
    await expect(
      ledgerLog.log({ ...base, entitlement: 'tamHours', quantity: 0.3 }),
    ).rejects.toMatchObject({ code: 'validation' })
    await expect(
      ledgerLog.log({ ...base, entitlement: 'tamHours', quantity: -1 }),
    ).rejects.toMatchObject({ code: 'validation' })
    await expect(
      ledgerLog.log({ ...base, entitlement: 'healthCheck', quantity: 1, description: ' ' }),
    ).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ field: 'description', message: 'Say what was delivered' }] },
    })
    await expect(
      ledgerLog.log({
        ...base,
        accountId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
        entitlement: 'healthCheck',
        quantity: 1,
      }),
    ).rejects.toMatchObject({ code: 'not-found' })
    await expect(
      ledgerLog.log({
        ...base,
        entitlement: 'healthCheck',
        quantity: 1,
        activityId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      }),
    ).rejects.toMatchObject({ code: 'validation' })
    expect(await entryCount()).toBe(before)
  })
})

describe('currentPeriodLines', () => {
  it('picks, per item, the period running at the time asked', async () => {
    const view = await ledger.forAccount({ accountId: account.id, months: 12 })
    const lines = currentPeriodLines(view.lines, view.asOf)
    const day = view.asOf.slice(0, 10)
    expect(new Set(lines.map((line) => line.item)).size).toBe(lines.length)
    expect(lines.map((line) => line.item)).toContain('tamHours')
    for (const line of lines) {
      expect(line.period.from <= day && day < line.period.to).toBe(true)
    }
  })
})
