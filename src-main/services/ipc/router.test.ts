import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { contract, isInvokeChannel } from '@shared/ipc/contract'
import { TierlineError } from '@shared/ipc/errors'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { createMainServices } from '../main-services'
import { createRouter, type HandlerMap } from './router'

const trusted = { trusted: true }

async function servicesOnDisk() {
  const dataRoot = await tempDir()
  const log = recordingLogger()
  const services = await createMainServices({
    dataRoot,
    host: { name: 'Tierline', version: '1.2.3', runtime: { node: process.versions.node } },
    desktop: { openPath: async () => undefined },
    log,
    demoBook: { accounts: 3, tickets: 20 },
  })
  // Closed before the folder goes (hooks run last-registered first): the engines' first runs
  // must not outlive the workspace they read.
  onTestFinished(() => services.close())
  await services.ready
  const settingsFile = join(dataRoot, 'settings.json')
  return {
    dataRoot,
    services,
    log,
    settingsFile,
    readSettings: () => readFile(settingsFile, 'utf8'),
  }
}

describe('IPC router over the real services', () => {
  it('saves valid settings to the data folder and returns them', async () => {
    const { services, readSettings } = await servicesOnDisk()
    const result = await services.router.dispatch('settings.set', { theme: 'dark' }, trusted)
    expect(result).toEqual({
      ok: true,
      value: { theme: 'dark', locale: 'en-US', density: 'comfortable' },
    })
    expect(JSON.parse(await readSettings())).toMatchObject({ theme: 'dark' })
  })

  it('refuses a malformed settings.set with a validation error naming the field, and writes nothing', async () => {
    const { services, readSettings } = await servicesOnDisk()
    await services.router.dispatch('settings.set', { density: 'compact' }, trusted)
    const before = await readSettings()

    const result = await services.router.dispatch(
      'settings.set',
      { theme: 'purple', density: 'comfortable' },
      trusted,
    )

    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(result.error.message).toMatch(/^Invalid input for settings\.set: theme: /)
    expect(result.error.details).toEqual({
      issues: [{ field: 'theme', message: expect.any(String) }],
    })
    expect(await readSettings()).toBe(before)
    expect(services.settings.get().density).toBe('compact')
  })

  it.each([
    ['an unknown key', { colour: 'dark' }, 'Unrecognized key'],
    ['a wrong type', { locale: 42 }, 'locale'],
    ['an invalid language tag', { locale: 'not a locale!' }, 'BCP 47'],
    ['not an object', 'dark', 'expected object'],
  ])('refuses %s', async (_name, input, expected) => {
    const { services } = await servicesOnDisk()
    const result = await services.router.dispatch('settings.set', input, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(!result.ok && result.error.message).toContain(expected)
  })

  it('refuses unknown channels, subscription topics and non-string channel names', async () => {
    const { services } = await servicesOnDisk()
    for (const channel of [
      'settings.delete',
      'changed:settings',
      'app.navigate',
      42,
      undefined,
      '__proto__',
    ]) {
      const result = await services.router.dispatch(channel, undefined, trusted)
      expect(result, String(channel)).toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' },
      })
    }
  })

  it('refuses untrusted senders before looking at the call, and changes nothing', async () => {
    const { services, dataRoot, log } = await servicesOnDisk()
    const result = await services.router.dispatch(
      'settings.set',
      { theme: 'dark' },
      { trusted: false },
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    await expect(readFile(join(dataRoot, 'settings.json'), 'utf8')).rejects.toThrow(/ENOENT/)
    expect(log.entries.some((entry) => entry.message.includes('untrusted'))).toBe(true)
  })

  it('answers app.info with the workspace folder and a ready WAL database', async () => {
    const { services, dataRoot } = await servicesOnDisk()
    const result = await services.router.dispatch('app.info', undefined, trusted)
    expect(result).toMatchObject({
      ok: true,
      value: {
        version: '1.2.3',
        dataRoot,
        workspace: {
          name: 'Demo book',
          folder: expect.stringContaining(join(dataRoot, 'workspaces')),
        },
        database: { state: 'ready', journalMode: 'wal', schemaVersion: 0 },
      },
    })
  })
})

describe('IPC router error mapping', () => {
  // Every channel fails loudly unless a test gives it a handler: only the router is under test.
  const baseHandlers = Object.fromEntries(
    Object.keys(contract)
      .filter(isInvokeChannel)
      .map((channel) => [
        channel,
        () => {
          throw new Error(`${channel} is not part of this test`)
        },
      ]),
  ) as unknown as HandlerMap

  it('passes typed service errors through unchanged', async () => {
    const router = createRouter(
      {
        ...baseHandlers,
        'settings.get': () => {
          throw new TierlineError('storage', 'The disk is full.', { file: 'x' })
        },
      },
      recordingLogger(),
    )
    expect(await router.dispatch('settings.get', undefined, trusted)).toEqual({
      ok: false,
      error: { code: 'storage', message: 'The disk is full.', details: { file: 'x' } },
    })
  })

  it('turns unexpected failures into an internal error without leaking the stack, and logs it', async () => {
    const log = recordingLogger()
    const router = createRouter(
      {
        ...baseHandlers,
        'settings.get': () => {
          throw new TypeError('secret internals at /home/user/x.ts:1')
        },
      },
      log,
    )
    const result = await router.dispatch('settings.get', undefined, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret internals')
    expect(log.entries.find((entry) => entry.level === 'error')?.fields?.['error']).toContain(
      'secret internals',
    )
  })
})
