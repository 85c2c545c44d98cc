import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { generateDemoBook } from '../../db/seed/demo-book'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import { openWorkspaceStore, type WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEligibilityService } from '../eligibility/eligibility-service'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createEventBus } from '../events/event-bus'
import { createHealthService } from '../health/health-service'
import { createAlertsRefresh } from './alerts-refresh'

// Its own file: RxDB's open-source build opens 13 collections per process, one workspace's worth.
const NOW = Date.parse(DEFAULT_AS_OF)
let folder: string
let store: WorkspaceStore
let engines: EngineCache

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-alerts-unsynced-'))
  // A workspace just signed in to team sync: its collections exist, nothing has arrived yet.
  store = await openWorkspaceStore({
    file: join(folder, 'tierline.sqlite'),
    log: recordingLogger(),
    onChange: () => undefined,
  })
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
})

afterAll(async () => {
  engines.dispose()
  await store.close()
  await rm(folder, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('alerts refresh before the first pull', () => {
  it('waits for the workspace settings without reporting a failure, and runs once they arrive', async () => {
    const log = recordingLogger()
    const data = createAccountData(engines)
    const refresh = createAlertsRefresh({
      rx: async () => store.rx(),
      data,
      health: createHealthService(engines, data, () => NOW),
      eligibility: createEligibilityService(engines, data, () => NOW),
      log,
      now: () => NOW,
    })
    await expect(refresh.refresh()).rejects.toMatchObject({
      code: 'not-found',
      details: { missing: 'workspace-settings' },
    })

    const events = createEventBus()
    const stop = refresh.start(events, Promise.resolve(), 10)
    try {
      await sleep(100)
      expect(log.entries.filter((entry) => entry.level === 'error')).toEqual([])
      expect(log.entries.map((entry) => entry.message)).toContain(
        'alerts wait for the workspace settings',
      )

      // The pull brings the settings document: the library change reruns the refresh.
      const settings = [...generateDemoBook({ accounts: 1, tickets: 1 })]
        .flatMap((batch) => (batch.collection === 'library' ? batch.docs : []))
        .find((doc) => (doc as { id: string }).id === WORKSPACE_SETTINGS_ID)
      if (settings === undefined) throw new Error('the demo book has no workspace settings')
      await store.rx().library.insert(settings as never)
      const waited = log.entries.length
      events.publish('changed:library', { collection: 'library' })
      await sleep(300)
      expect(log.entries.slice(waited).filter((entry) => entry.level !== 'info')).toEqual([])
      await expect(refresh.refresh()).resolves.toMatchObject({ raised: 0 })
    } finally {
      await stop()
    }
  })
})
