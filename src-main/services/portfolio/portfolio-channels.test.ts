import { describe, expect, it } from 'vitest'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { createMainServices } from '../main-services'

const trusted = { trusted: true }

/** The portfolio, views and alerts channels through the real router, as the renderer calls them. */
describe('portfolio, views and alerts channels', () => {
  it('refuse bad input naming the field, and change nothing', async () => {
    const services = await createMainServices({
      dataRoot: await tempDir(),
      host: { name: 'Tierline', version: '1.2.3', runtime: { node: process.versions.node } },
      desktop: { openPath: async () => undefined },
      log: recordingLogger(),
      demoBook: { accounts: 5, tickets: 30 },
    })
    try {
      await services.ready
      const rx = (await services.workspaces.current()).database.rx()
      const libraryBefore = await rx.library.count().exec()

      const badSort = await services.router.dispatch(
        'portfolio.list',
        { sort: { field: 'password', direction: 'asc' } },
        trusted,
      )
      expect(badSort).toMatchObject({ ok: false, error: { code: 'validation' } })
      if (badSort.ok) throw new Error('accepted')
      expect(badSort.error.message).toContain('sort.field')

      const oversizedPage = await services.router.dispatch(
        'portfolio.list',
        { window: { offset: -1, limit: 100_000 } },
        trusted,
      )
      expect(oversizedPage).toMatchObject({ ok: false, error: { code: 'validation' } })
      if (oversizedPage.ok) throw new Error('accepted')
      expect(oversizedPage.error.message).toContain('window.offset')
      expect(oversizedPage.error.message).toContain('window.limit')

      const emptyName = await services.router.dispatch(
        'views.save',
        { screen: 'portfolio', name: '   ', state: {} },
        trusted,
      )
      expect(emptyName).toMatchObject({ ok: false, error: { code: 'validation' } })
      if (emptyName.ok) throw new Error('accepted')
      expect(emptyName.error.message).toContain('name')
      expect(await rx.library.count().exec()).toBe(libraryBefore)

      const badDate = await services.router.dispatch(
        'alerts.snooze',
        { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', until: 'next tuesday' },
        trusted,
      )
      expect(badDate).toMatchObject({ ok: false, error: { code: 'validation' } })

      // A host without a save dialog says so rather than failing obscurely.
      const exported = await services.router.dispatch(
        'portfolio.exportCsv',
        { columns: ['name'] },
        trusted,
      )
      expect(exported).toMatchObject({ ok: false, error: { code: 'internal' } })
      if (exported.ok) throw new Error('accepted')
      expect(exported.error.message).toContain('save dialog')

      // And a valid round trip: save a view, list it.
      const saved = await services.router.dispatch(
        'views.save',
        { screen: 'portfolio', name: 'Mine', state: { filters: { healthBands: ['at-risk'] } } },
        trusted,
      )
      expect(saved).toMatchObject({ ok: true, value: { name: 'Mine', mine: true } })
      const listed = await services.router.dispatch('views.list', { screen: 'portfolio' }, trusted)
      expect(listed).toMatchObject({
        ok: true,
        value: expect.arrayContaining([expect.objectContaining({ name: 'Mine', mine: true })]),
      })
    } finally {
      await services.close()
    }
  }, 120_000)
})
