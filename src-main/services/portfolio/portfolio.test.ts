import Papa from 'papaparse'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchKey, type Account } from '@shared/model/account'
import { portfolioExportInput } from '@shared/portfolio/portfolio-export'
import { portfolioListInput } from '@shared/portfolio/portfolio-query'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { openTicketStatuses } from '../accounts/accounts-repository'
import { exportPortfolioCsv } from './portfolio-export'
import { createAccountData } from '../account-data/account-data'
import { createEligibilityService } from '../eligibility/eligibility-service'
import { createEngineCache } from '../engines/engine-cache'
import { createHealthService } from '../health/health-service'
import { createInProcessBookRuns } from '../engines/book-runs'
import { engineMetrics } from './portfolio-metrics'
import { createPortfolioReadModel } from './portfolio-read-model'
import { BOOK_NOW, nextChange, openTestWorkspace, type TestWorkspace } from './test-workspace'

let workspace: TestWorkspace
let accounts: Account[]

beforeAll(async () => {
  workspace = await openTestWorkspace()
  accounts = (await workspace.store.rx().accounts.find().exec()).map((d) => d.toJSON() as Account)
}, 120_000)
afterAll(() => workspace.close())

const readModel = () =>
  createPortfolioReadModel({
    rx: async () => workspace.store.rx(),
    events: workspace.events,
    now: () => BOOK_NOW,
  })
const query = (input: Parameters<typeof portfolioListInput.parse>[0]) =>
  portfolioListInput.parse(input)

describe('portfolio read model', () => {
  it('lists every unarchived account with its open S1/S2 counts from the tickets', async () => {
    const result = await readModel().list(query({}))
    const live = accounts.filter((account) => !account.archived)
    expect(result.bookTotal).toBe(live.length)
    expect(result.rows.map((row) => row.id).sort()).toEqual(live.map((a) => a.id).sort())
    const open = await workspace.store
      .rx()
      .tickets.find({ selector: { status: { $in: [...openTicketStatuses] } } })
      .exec()
    for (const row of result.rows) {
      const mine = open.filter((ticket) => ticket.accountId === row.id)
      expect(row.openS1).toBe(mine.filter((ticket) => ticket.severity === 'S1').length)
      expect(row.openS2).toBe(mine.filter((ticket) => ticket.severity === 'S2').length)
    }
    expect(result.rows.some((row) => row.openS1 + row.openS2 > 0)).toBe(true)
  })

  it('filters by tier, band and renewal window and sorts by ARR as the documents say', async () => {
    const tierId = accounts[0]?.tierId ?? ''
    const horizon = '2027-01-30' // BOOK_NOW + 90 days
    const expected = accounts
      .filter(
        (a) =>
          !a.archived &&
          a.tierId === tierId &&
          a.healthBand !== 'healthy' &&
          a.renewalDate > '2026-11-01' &&
          a.renewalDate <= horizon,
      )
      .sort((a, b) => b.arrReportingMinor - a.arrReportingMinor || (a.nameKey < b.nameKey ? -1 : 1))
    const result = await readModel().list(
      query({
        filters: {
          tierIds: [tierId],
          healthBands: ['at-risk', 'watch', 'unknown'],
          renewalWithinDays: 90,
        },
        sort: { field: 'arrReportingMinor', direction: 'desc' },
      }),
    )
    expect(result.rows.map((row) => row.id)).toEqual(expected.map((a) => a.id))
  })

  it('answers a window of the ordered rows with the count of all that match', async () => {
    const model = readModel()
    const view = { filters: { segments: ['mid-market' as const, 'enterprise' as const] } }
    const whole = await model.list(
      query({ ...view, sort: { field: 'renewalDate', direction: 'asc' } }),
    )
    expect(whole.rows.length).toBeGreaterThan(25)
    const pages = []
    for (let offset = 0; offset < whole.total + 20; offset += 20) {
      const page = await model.list(
        query({
          ...view,
          sort: { field: 'renewalDate', direction: 'asc' },
          window: { offset, limit: 20 },
        }),
      )
      expect(page).toMatchObject({ offset, total: whole.rows.length, bookTotal: whole.bookTotal })
      pages.push(...page.rows)
    }
    expect(pages.map((row) => row.id)).toEqual(whole.rows.map((row) => row.id))

    // Another order of the same filters is ordered afresh, not served from the last one.
    const reversed = await model.list(
      query({
        ...view,
        sort: { field: 'renewalDate', direction: 'desc' },
        window: { offset: 0, limit: 5 },
      }),
    )
    expect(reversed.rows.map((row) => row.renewalDate)).toEqual(
      whole.rows
        .map((row) => row.renewalDate)
        .reverse()
        .slice(0, 5),
    )
  })

  it('marks accounts with an open upgrade-signal alert', async () => {
    const signalled = await workspace.store
      .rx()
      .alerts.find({ selector: { kind: 'upgrade-signal', status: { $in: ['open', 'snoozed'] } } })
      .exec()
    const result = await readModel().list(query({ filters: { signal: 'with-signal' } }))
    expect(new Set(result.rows.map((row) => row.id))).toEqual(
      new Set(
        signalled
          .map((alert) => alert.accountId)
          .filter((id) => accounts.find((a) => a.id === id && !a.archived)),
      ),
    )
  })

  it('shows a change to an account once main announces it, not a stale copy', async () => {
    const model = readModel()
    const target = accounts.find((account) => !account.archived)
    if (target === undefined) throw new Error('the book is empty')
    const before = await model.list(query({ filters: { search: target.name } }))
    expect(before.rows.map((row) => row.name)).toContain(target.name)
    const doc = await workspace.store.rx().accounts.findOne(target.id).exec()
    const renamed = `${target.name} Renamed`
    const changed = nextChange(workspace.events, 'accounts')
    await doc?.incrementalPatch({ name: renamed, nameKey: searchKey(renamed) })
    await changed
    const after = await model.list(query({ filters: { search: 'renamed' } }))
    expect(after.rows.map((row) => row.name)).toEqual([renamed])
    model.close()
  })
})

describe('portfolio open S1/S2 after a ticket changes', () => {
  it('counts a solved ticket out once main announces the change', async () => {
    const model = readModel()
    const open = await workspace.store
      .rx()
      .tickets.find({ selector: { severity: 'S2', status: { $in: [...openTicketStatuses] } } })
      .exec()
    const ticket = open[0]
    if (ticket === undefined) throw new Error('no open S2 ticket in the book')
    const before = (await model.list(query({}))).rows.find((row) => row.id === ticket.accountId)
    const changed = nextChange(workspace.events, 'tickets')
    await ticket.incrementalPatch({ status: 'solved' })
    await changed
    const after = (await model.list(query({}))).rows.find((row) => row.id === ticket.accountId)
    expect(after?.openS2).toBe((before?.openS2 ?? 0) - 1)
    model.close()
  })
})

describe('portfolio figures from the engines', () => {
  it('answers at once from the documents, then carries the engine health (score, band, trend), compliance and signals', async () => {
    const engines = createEngineCache({
      database: async () => workspace.store.rx(),
      now: () => BOOK_NOW.getTime(),
    })
    const data = createAccountData(engines)
    const health = createHealthService(engines, data, () => BOOK_NOW.getTime())
    const eligibility = createEligibilityService(engines, data, () => BOOK_NOW.getTime())
    const model = createPortfolioReadModel({
      rx: async () => workspace.store.rx(),
      events: workspace.events,
      now: () => BOOK_NOW,
      metrics: engineMetrics({
        engines,
        health,
        eligibility,
        runs: createInProcessBookRuns(engines, data),
      }),
    })
    const first = await model.list(query({}))
    expect(first.sources).toMatchObject({ pending: true, healthTrend: false })
    expect(first.rows.every((row) => row.healthTrend === null)).toBe(true)

    await model.settled()
    const after = await model.list(query({}))
    expect(after.sources).toEqual({
      pending: false,
      healthTrend: true,
      slaCompliance: true,
      upgradeSignal: 'eligibility',
    })
    const book = await health.book()
    const signals = await eligibility.book()
    for (const row of after.rows) {
      expect(row.healthTrend).toEqual(book.get(row.id)?.history.map((week) => week.score) ?? null)
      // One health score everywhere: the row's score and band are Account 360's.
      const view = await health.forAccount({ accountId: row.id, weeks: 1 })
      expect({ score: row.healthScore, band: row.healthBand }).toEqual({
        score: view.score,
        band: view.band,
      })
      expect(row.upgradeSignal !== null).toBe((signals.get(row.id)?.signals.length ?? 0) > 0)
      if (row.slaCompliance !== null) {
        expect(row.slaCompliance).toBeGreaterThanOrEqual(0)
        expect(row.slaCompliance).toBeLessThanOrEqual(1)
      }
    }
    expect(after.rows.filter((row) => row.slaCompliance !== null).length).toBeGreaterThan(0)
    // The band filter goes by the engine's bands too.
    const atRisk = await model.list(query({ filters: { healthBands: ['at-risk'] } }))
    expect(atRisk.rows.map((row) => row.id).sort()).toEqual(
      [...book]
        .filter(([, h]) => h.current.band === 'at-risk')
        .map(([id]) => id)
        .sort(),
    )
    expect(first.rows.map((row) => row.healthBand)).not.toEqual(after.rows.map((r) => r.healthBand))
    const withSignal = await model.list(query({ filters: { signal: 'with-signal' } }))
    expect(withSignal.rows.length).toBe(
      [...signals.values()].filter(
        (e) => e.signals.length > 0 && after.rows.some((r) => r.id === e.accountId),
      ).length,
    )
    model.close()
    engines.dispose()
  }, 60_000)
})

describe('portfolio CSV export', () => {
  const input = portfolioExportInput.parse({
    filters: { healthBands: ['at-risk'] },
    sort: { field: 'arrReportingMinor', direction: 'desc' },
    columns: ['name', 'tierId', 'arrReportingMinor', 'openHighSeverity'],
    viewName: 'At risk — Q4',
  })

  it('writes the rows and columns of the view where the user chose', async () => {
    const folder = await tempDir()
    const asked: string[] = []
    const result = await exportPortfolioCsv({
      readModel: readModel(),
      desktop: {
        openPath: async () => undefined,
        chooseSaveFile: async (options) => {
          asked.push(options.defaultFileName)
          return join(folder, options.defaultFileName)
        },
      },
      input,
      today: '2026-11-01',
    })
    expect(asked).toEqual(['at-risk-q4-2026-11-01.csv'])
    if (!result.saved) throw new Error('the export was not saved')
    const text = (await readFile(result.path, 'utf8')).replace(/^\uFEFF/, '')
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true })
    expect(parsed.errors).toEqual([])
    expect(parsed.meta.fields).toEqual([
      'Account ID',
      'Account',
      'Tier',
      'Tier version',
      'ARR',
      'ARR currency',
      'Open S1',
      'Open S2',
    ])
    // Read the book again: earlier tests renamed an account.
    const now = (await workspace.store.rx().accounts.find().exec()).map(
      (d) => d.toJSON() as Account,
    )
    const expected = now
      .filter((a) => !a.archived && a.healthBand === 'at-risk')
      .sort((a, b) => b.arrReportingMinor - a.arrReportingMinor)
    expect(parsed.data.map((row) => row['Account ID'])).toEqual(expected.map((a) => a.id))
    expect(parsed.data.map((row) => row['Account'])).toEqual(expected.map((a) => a.name))
    expect(result.rows).toBe(expected.length)
  })

  it('keeps a formula-like name as text, and writes nothing when the user cancels', async () => {
    const target = accounts.find((a) => !a.archived && a.healthBand === 'at-risk')
    if (target === undefined) throw new Error('no at-risk account')
    const doc = await workspace.store.rx().accounts.findOne(target.id).exec()
    const formula = '=HYPERLINK("http://x")'
    const changed = nextChange(workspace.events, 'accounts')
    await doc?.incrementalPatch({ name: formula, nameKey: searchKey(formula) })
    await changed
    const folder = await tempDir()
    const path = join(folder, 'out.csv')
    const saved = await exportPortfolioCsv({
      readModel: readModel(),
      desktop: { openPath: async () => undefined, chooseSaveFile: async () => path },
      input,
      today: '2026-11-01',
    })
    expect(saved.saved).toBe(true)
    expect(await readFile(path, 'utf8')).toContain(`"'=HYPERLINK(""http://x"")"`)

    const other = join(folder, 'never.csv')
    const cancelled = await exportPortfolioCsv({
      readModel: readModel(),
      desktop: { openPath: async () => undefined, chooseSaveFile: async () => null },
      input,
      today: '2026-11-01',
    })
    expect(cancelled).toEqual({ saved: false })
    expect(existsSync(other)).toBe(false)
  })

  it('says clearly when the file cannot be written', async () => {
    const folder = await tempDir()
    await expect(
      exportPortfolioCsv({
        readModel: readModel(),
        desktop: {
          openPath: async () => undefined,
          chooseSaveFile: async () => join(folder, 'missing-folder', 'out.csv'),
        },
        input,
        today: '2026-11-01',
      }),
    ).rejects.toMatchObject({ code: 'storage', message: expect.stringContaining('ENOENT') })
  })
})
