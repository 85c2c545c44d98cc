import { describe, expect, it } from 'vitest'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { createMainServices } from '../main-services'

const trusted = { trusted: true }

/** `proposals.export` through the real router, as the renderer calls it. */
describe('proposals.export channel', () => {
  it('refuses a bad format or id naming the field, before any dialog opens', async () => {
    const asked: string[] = []
    const services = await createMainServices({
      dataRoot: await tempDir(),
      host: { name: 'Tierline', version: '1.2.3', runtime: { node: process.versions.node } },
      desktop: {
        openPath: async () => undefined,
        chooseSaveFile: async (options) => {
          asked.push(options.defaultFileName)
          return null
        },
      },
      log: recordingLogger(),
      demoBook: { accounts: 5, tickets: 30 },
    })
    try {
      await services.ready
      const badFormat = await services.router.dispatch(
        'proposals.export',
        { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', format: 'rtf' },
        trusted,
      )
      expect(badFormat).toMatchObject({ ok: false, error: { code: 'validation' } })
      if (badFormat.ok) throw new Error('accepted')
      expect(badFormat.error.message).toContain('format')

      const badId = await services.router.dispatch(
        'proposals.export',
        { id: 'x', format: 'pdf' },
        trusted,
      )
      expect(badId).toMatchObject({ ok: false, error: { code: 'validation' } })
      expect(asked).toEqual([])
    } finally {
      await services.close()
    }
  })
})
