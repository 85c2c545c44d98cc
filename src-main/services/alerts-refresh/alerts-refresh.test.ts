import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alertActors } from '@shared/engines'
import { alertSchema, type Alert } from '@shared/model/alert'
import type { Activity } from '@shared/model/activity'
import { newId } from '@shared/model/ids'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEligibilityService } from '../eligibility/eligibility-service'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createEventBus } from '../events/event-bus'
import { createHealthService } from '../health/health-service'
import { createAlertsRefresh } from './alerts-refresh'
import { openDemoWorkspace, type DemoWorkspace } from '../testing/demo-workspace'

const NOW = Date.parse(DEFAULT_AS_OF)
const engineActors: readonly string[] = Object.values(alertActors)

let workspace: DemoWorkspace
let store: WorkspaceStore
let engines: EngineCache
let refresh: ReturnType<typeof createAlertsRefresh>

beforeAll(async () => {
  workspace = await openDemoWorkspace('alerts-refresh', { accounts: 30, tickets: 900 })
  store = workspace.store
  engines = createEngineCache({ database: async () => store.rx(), now: () => NOW })
  const data = createAccountData(engines)
  refresh = createAlertsRefresh({
    rx: async () => store.rx(),
    data,
    health: createHealthService(engines, data, () => NOW),
    eligibility: createEligibilityService(engines, data, () => NOW),
    log: recordingLogger(),
    now: () => NOW,
  })
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

const stored = async () => (await store.rx().alerts.find().exec()).map((d) => d.toJSON() as Alert)

describe('alerts refresh', () => {
  it('writes valid engine alerts once; a second run writes nothing', async () => {
    const before = await stored()
    const first = await refresh.refresh()
    const after = await stored()
    expect(first.raised).toBeGreaterThan(0)
    expect(after.length).toBe(before.length + first.raised)
    const added = after.filter((a) => !before.some((b) => b.id === a.id))
    for (const alert of added) {
      expect(alertSchema.safeParse(alert).success).toBe(true)
      expect(engineActors).toContain(alert.raisedBy)
      expect(alert.raisedAt).toBe(DEFAULT_AS_OF)
    }
    const second = await refresh.refresh()
    expect(second).toMatchObject({ raised: 0, updated: 0, resolved: 0, skipped: 0 })
    expect((await stored()).length).toBe(after.length)
  })

  it('leaves a snoozed or dismissed engine alert as the person left it', async () => {
    const ours = (await stored()).filter(
      (a) =>
        engineActors.includes(a.raisedBy) && a.status === 'open' && a.raisedAt === DEFAULT_AS_OF,
    )
    const [snoozeMe, dismissMe] = ours
    if (snoozeMe === undefined || dismissMe === undefined) throw new Error('too few engine alerts')
    const rx = store.rx()
    const until = new Date(NOW + 5 * 86_400_000).toISOString()
    await (
      await rx.alerts.findOne(snoozeMe.id).exec()
    )?.incrementalPatch({
      status: 'snoozed',
      snoozedUntil: until,
    })
    await (
      await rx.alerts.findOne(dismissMe.id).exec()
    )?.incrementalPatch({
      status: 'dismissed',
      resolvedAt: DEFAULT_AS_OF,
    })
    const result = await refresh.refresh()
    expect(result.raised).toBe(0)
    const now = new Map((await stored()).map((a) => [a.id, a]))
    expect(now.get(snoozeMe.id)).toMatchObject({ status: 'snoozed', snoozedUntil: until })
    expect(now.get(dismissMe.id)).toMatchObject({ status: 'dismissed' })
  })

  it('closes a check-in reminder when a check-in is logged, and runs on its own after changes', async () => {
    const reminder = (await stored()).find(
      (a) => a.raisedBy === alertActors.checkIns && a.status === 'open',
    )
    if (reminder === undefined) throw new Error('the demo book raised no check-in reminder')
    const events = createEventBus()
    const stop = refresh.start(events, Promise.resolve(), 10)
    // Logged at the refresh's `now` (its clock is fixed in this test).
    const at = DEFAULT_AS_OF
    const checkIn: Activity = {
      id: newId(),
      accountId: reminder.accountId,
      kind: 'check-in',
      occurredAt: at,
      authorId: reminder.assigneeId,
      title: 'Monthly check-in',
      bodyMarkdown: '',
      contactIds: [],
      pinned: false,
      createdAt: at,
      sentiment: 'positive',
      nps: null,
      updatedAt: at,
      updatedBy: reminder.assigneeId,
    }
    await store.rx().activities.insert(checkIn)
    events.publish('changed:activities', { collection: 'activities' })
    // The refresh runs after the debounce; wait for the reminder to be closed.
    let closed: Alert | undefined
    for (let i = 0; i < 100 && closed?.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      closed = (await stored()).find((a) => a.id === reminder.id)
    }
    await stop()
    expect(closed).toMatchObject({ status: 'done', resolvedAt: DEFAULT_AS_OF })
  })
})
