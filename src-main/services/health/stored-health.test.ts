import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account } from '@shared/model/account'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import { createAccountData } from '../account-data/account-data'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { openDemoWorkspace, storedAccounts, type DemoWorkspace } from '../testing/demo-workspace'
import { createHealthService } from './health-service'
import { storeEngineHealth } from './stored-health'

const DAY_MS = 86_400_000
/** A month after the book's "now": where the app's clock stands against the shipped demo book. */
const NOW = Date.parse(DEFAULT_AS_OF) + 30 * DAY_MS

let workspace: DemoWorkspace
let engines: EngineCache

beforeAll(async () => {
  // The real demo book: what a new machine opens and the portfolio's end-to-end test selects from.
  workspace = await openDemoWorkspace('stored-health', { accounts: 300, tickets: 30_000 })
  engines = createEngineCache({ database: async () => workspace.store.rx(), now: () => NOW })
}, 120_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

describe('engine health stored on a new demo book', () => {
  it("writes each account's engine score and band, so the first paint agrees with Account 360", async () => {
    const rx = workspace.store.rx()
    const seeded = await storedAccounts(rx)
    const { updated } = await storeEngineHealth(rx, NOW)
    expect(updated).toBeGreaterThan(0)
    const health = createHealthService(engines, createAccountData(engines), () => NOW)
    const stored = await storedAccounts(rx)
    for (const account of stored.filter((a) => !a.archived)) {
      const view = await health.forAccount({ accountId: account.id, weeks: 1 })
      expect({ score: account.healthScore, band: account.healthBand }, account.name).toEqual({
        score: view.score,
        band: view.band,
      })
      expect(account.healthComputedAt).toBe(new Date(NOW).toISOString())
    }
    // Nothing but the health fields changed.
    const before = new Map(seeded.map((a) => [a.id, a]))
    for (const account of stored) {
      const { healthScore, healthBand, healthComputedAt, ...rest } = account
      const was = before.get(account.id) as Account
      const { healthScore: s, healthBand: b, healthComputedAt: c, ...wasRest } = was
      void [healthScore, healthBand, healthComputedAt, s, b, c]
      expect(rest).toEqual(wasRest)
    }
    // A second run finds nothing to write.
    expect(await storeEngineHealth(rx, NOW)).toEqual({ updated: 0 })
  }, 120_000)

  it('holds Enterprise accounts the engine scores at risk that renew within 90 days', async () => {
    const rx = workspace.store.rx()
    const enterprise = (await rx.tiers.find({ selector: { key: 'enterprise' } }).exec())[0]
    const health = createHealthService(engines, createAccountData(engines), () => NOW)
    const today = NOW - (NOW % DAY_MS)
    const renewingSoon = (await storedAccounts(rx)).filter((a: Account) => {
      const renewal = Date.parse(`${a.renewalDate}T00:00:00Z`)
      return (
        !a.archived &&
        a.tierId === enterprise?.tierId &&
        renewal > today &&
        renewal <= today + 90 * DAY_MS
      )
    })
    const atRisk: string[] = []
    for (const account of renewingSoon) {
      const view = await health.forAccount({ accountId: account.id, weeks: 1 })
      if (view.band === 'at-risk') atRisk.push(account.name)
    }
    expect(atRisk.length, 'the demo book should have such accounts').toBeGreaterThanOrEqual(2)
  }, 120_000)
})
