import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TierlineError } from '@shared/ipc/errors'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import { createAccountData } from '../account-data/account-data'
import { defaultPeriod } from '../kpi/portfolio-kpis'
import { openDemoWorkspace, type DemoWorkspace } from '../testing/demo-workspace'
import { createInProcessBookRuns, type BookRun, type BookRuns } from './book-runs'
import { createEngineCache, type EngineCache } from './engine-cache'
import { createWorkerBookRuns, sourceEngineWorker, type WorkerBookRuns } from './worker-book-runs'

const NOW = Date.parse(DEFAULT_AS_OF)

let workspace: DemoWorkspace
let engines: EngineCache
let inProcess: BookRuns
let opened: { file: string; opening: object }

beforeAll(async () => {
  workspace = await openDemoWorkspace('engine-worker', { accounts: 30, tickets: 1500 })
  engines = createEngineCache({ database: async () => workspace.store.rx() })
  inProcess = createInProcessBookRuns(engines, createAccountData(engines))
  opened = { file: workspace.store.status().file, opening: workspace.store }
}, 60_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
})

function workerRuns(log = recordingLogger(), entry = sourceEngineWorker()): WorkerBookRuns {
  return createWorkerBookRuns({ entry, workspace: async () => opened, fallback: inProcess, log })
}

const period = defaultPeriod(NOW)
const runs: readonly BookRun[] = [
  { kind: 'health.book', at: NOW },
  { kind: 'eligibility.book', at: NOW },
  { kind: 'portfolio.slaByAccount', at: NOW, period },
  { kind: 'kpi.portfolio', at: NOW, period, bands: new Map() },
]

describe('the engine worker', () => {
  it('gives exactly the in-process results for every book-wide run, on its own connection', async () => {
    const log = recordingLogger()
    const worker = workerRuns(log)
    try {
      for (const run of runs) {
        const [fromWorker, fromMain] = await Promise.all([worker.run(run), inProcess.run(run)])
        expect(fromWorker, run.kind).toEqual(fromMain)
      }
      const health = await worker.run({ kind: 'health.book', at: NOW })
      expect(health.size).toBeGreaterThan(20)
      // No fallback happened: the worker answered.
      expect(log.entries.filter((entry) => entry.level === 'warn')).toEqual([])
    } finally {
      await worker.close()
    }
  }, 120_000)

  it('sees a write main committed after its last run (the changed table is read again)', async () => {
    const worker = workerRuns()
    try {
      const rx = workspace.store.rx()
      const before = await worker.run({ kind: 'health.book', at: NOW })
      const account = (await rx.accounts.find({ selector: { archived: false } }).exec())[0]
      if (account === undefined) throw new Error('empty book')
      await account.incrementalPatch({ archived: true })
      const after = await worker.run({ kind: 'health.book', at: NOW })
      expect(before.has(account.id)).toBe(true)
      expect(after.has(account.id)).toBe(false)
      await account.incrementalPatch({ archived: false })
    } finally {
      await worker.close()
    }
  }, 120_000)

  it("passes a run's typed error on (a workspace without settings), and loses nothing", async () => {
    const worker = workerRuns()
    const rx = workspace.store.rx()
    const settings = await rx.library.findOne(WORKSPACE_SETTINGS_ID).exec()
    if (settings === null) throw new Error('no settings')
    const saved = settings.toMutableJSON()
    try {
      await settings.remove()
      const failure = await worker.run({ kind: 'health.book', at: NOW }).catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(TierlineError)
      expect(failure).toMatchObject({
        code: 'not-found',
        message: expect.stringMatching(/settings/),
      })
    } finally {
      await rx.library.upsert(saved)
      await worker.close()
    }
    const restored = await rx.library.findOne(WORKSPACE_SETTINGS_ID).exec()
    expect(restored?.toJSON()).toMatchObject({ kind: 'workspace' })
  }, 120_000)

  it('falls back to computing in main, with a warning, when the worker cannot start', async () => {
    const log = recordingLogger()
    const worker = workerRuns(log, { file: '/nonexistent/engine-worker.js' })
    try {
      const run: BookRun = { kind: 'portfolio.slaByAccount', at: NOW, period }
      expect(await worker.run(run)).toEqual(await inProcess.run(run))
      expect(log.entries).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: expect.stringMatching(/engine worker is not running/),
        }),
      )
    } finally {
      await worker.close()
    }
  }, 120_000)

  it('falls back with a warning when there is no worker entry at all (a build without one)', async () => {
    const log = recordingLogger()
    const worker = createWorkerBookRuns({
      entry: undefined,
      workspace: async () => opened,
      fallback: inProcess,
      log,
    })
    const run: BookRun = { kind: 'health.book', at: NOW }
    expect(await worker.run(run)).toEqual(await inProcess.run(run))
    expect(log.entries.map((entry) => entry.level)).toEqual(['warn'])
    await worker.close()
  }, 60_000)
})
