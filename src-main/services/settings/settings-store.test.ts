import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { createEventBus } from '../events/event-bus'
import { openSettingsStore, SETTINGS_FILE } from './settings-store'

async function open(dataRoot: string) {
  const events = createEventBus()
  const published: string[] = []
  events.subscribe((topic) => published.push(topic))
  const log = recordingLogger()
  const store = await openSettingsStore({ dataRoot, events, log })
  return { store, published, log }
}

describe('settings store', () => {
  it('starts from defaults on a new data folder without writing anything', async () => {
    const dataRoot = await tempDir()
    const { store } = await open(dataRoot)
    expect(store.get()).toEqual({ theme: 'system', locale: 'en-US', density: 'comfortable' })
    expect(await readdir(dataRoot)).toEqual([])
  })

  it('survives a restart: a reopened store reads what was saved', async () => {
    const dataRoot = await tempDir()
    const first = await open(dataRoot)
    await first.store.set({ theme: 'dark', locale: 'de-DE' })
    const second = await open(dataRoot)
    expect(second.store.get()).toEqual({ theme: 'dark', locale: 'de-DE', density: 'comfortable' })
  })

  it('announces changed:settings after the write reached the disk', async () => {
    const dataRoot = await tempDir()
    const { store, published } = await open(dataRoot)
    await store.set({ density: 'compact' })
    expect(published).toEqual(['changed:settings'])
    expect(JSON.parse(await readFile(join(dataRoot, SETTINGS_FILE), 'utf8'))).toMatchObject({
      density: 'compact',
    })
  })

  it('keeps the order of quick successive changes on disk', async () => {
    const dataRoot = await tempDir()
    const { store } = await open(dataRoot)
    await Promise.all([
      store.set({ theme: 'dark' }),
      store.set({ theme: 'light' }),
      store.set({ density: 'compact' }),
    ])
    const onDisk = JSON.parse(await readFile(join(dataRoot, SETTINGS_FILE), 'utf8'))
    expect(onDisk).toEqual({ theme: 'light', locale: 'en-US', density: 'compact' })
    expect(await readdir(dataRoot)).toEqual([SETTINGS_FILE])
  })

  it('rejects an invalid patch with a typed error and keeps memory and disk unchanged', async () => {
    const dataRoot = await tempDir()
    const { store, published } = await open(dataRoot)
    await store.set({ theme: 'dark' })
    const before = await readFile(join(dataRoot, SETTINGS_FILE), 'utf8')
    await expect(store.set({ density: 'roomy' })).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ field: 'density' }] },
    })
    expect(store.get().theme).toBe('dark')
    expect(await readFile(join(dataRoot, SETTINGS_FILE), 'utf8')).toBe(before)
    expect(published).toEqual(['changed:settings'])
  })

  it('salvages the valid fields of a damaged file and keeps a copy of the original', async () => {
    const dataRoot = await tempDir()
    const damaged = JSON.stringify({ theme: 'dark', locale: 17, density: 'huge' })
    await writeFile(join(dataRoot, SETTINGS_FILE), damaged)
    const { store, log } = await open(dataRoot)
    expect(store.get()).toEqual({ theme: 'dark', locale: 'en-US', density: 'comfortable' })
    const copies = (await readdir(dataRoot)).filter((name) =>
      name.startsWith(`${SETTINGS_FILE}.corrupt-`),
    )
    expect(copies).toHaveLength(1)
    expect(await readFile(join(dataRoot, copies[0] ?? ''), 'utf8')).toBe(damaged)
    expect(log.entries.map((entry) => entry.level)).toEqual(['warn'])
  })

  it('falls back to defaults for a file that is not JSON, keeping a copy', async () => {
    const dataRoot = await tempDir()
    await writeFile(join(dataRoot, SETTINGS_FILE), '{"theme": "dark"')
    const { store } = await open(dataRoot)
    expect(store.get().theme).toBe('system')
    const names = await readdir(dataRoot)
    expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(1)
  })
})
