import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { createAccountData } from '../account-data/account-data'
import { createEligibilityService } from '../eligibility/eligibility-service'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createEventBus } from '../events/event-bus'
import { createHealthService } from '../health/health-service'
import { openDemoWorkspace, type DemoWorkspace } from '../testing/demo-workspace'
import { createAlertsRefresh } from './alerts-refresh'

// Its own file: RxDB's open-source build opens 13 collections per process, one workspace's worth.
const NOW = Date.parse(DEFAULT_AS_OF)
let workspace: DemoWorkspace
let engines: EngineCache

beforeAll(async () => {
  workspace = await openDemoWorkspace('alerts-closing', { accounts: 40, tickets: 800 })
  engines = createEngineCache({ database: async () => workspace.store.rx(), now: () => NOW })
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

describe('alerts refresh when the workspace closes under its writes', () => {
  it('ends quietly, leaves no promise unhandled, and refuses a later run with a typed error', async () => {
    const rx = workspace.store.rx()
    const log = recordingLogger()
    const data = createAccountData(engines)
    const refresh = createAlertsRefresh({
      rx: async () => rx,
      data,
      health: createHealthService(engines, data, () => NOW),
      eligibility: createEligibilityService(engines, data, () => NOW),
      log,
      now: () => NOW,
    })
    // Another workspace opening closes this one: here, right after the first alert is written.
    let written = 0
    const closing = new Promise<void>((resolve) => {
      const subscription = rx.alerts.insert$.subscribe(() => {
        written++
        if (written > 1) return
        subscription.unsubscribe()
        void workspace.store.close().then(resolve)
      })
    })
    const stop = refresh.start(createEventBus(), Promise.resolve(), 10)
    await closing
    await stop()

    expect(written).toBeGreaterThan(0)
    // The background run logs nothing at error level: nothing failed, the workspace went away.
    expect(log.entries.filter((entry) => entry.level === 'error')).toEqual([])
    await expect(refresh.refresh()).rejects.toMatchObject({ code: 'storage' })
  })
})
