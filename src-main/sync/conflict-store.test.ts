import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONFLICTS_FILE, createConflictStore } from './conflict-store'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-conflicts-'))
})
afterEach(() => rm(folder, { recursive: true, force: true }))

const copy = (documentId: string, title: string) => ({
  collection: 'activities' as const,
  documentId,
  mine: { id: documentId, title, _deleted: false },
  theirs: { id: documentId, title: 'server', _deleted: false },
  detectedAt: '2026-12-01T10:00:00.000Z',
})

describe('conflict store', () => {
  it('keeps every copy when several pushes report conflicts at once, across reopening', async () => {
    const store = createConflictStore(folder)
    await Promise.all([store.add([copy('n1', 'a')]), store.add([copy('n2', 'b'), copy('n3', 'c')])])
    const reopened = createConflictStore(folder)
    const listed = await reopened.list()
    expect(listed.map((c) => c.documentId).sort()).toEqual(['n1', 'n2', 'n3'])

    const removed = await reopened.remove(listed[0]?.id ?? '')
    expect(removed?.documentId).toBe(listed[0]?.documentId)
    expect(await reopened.list()).toHaveLength(2)
    expect(await reopened.remove('no-such-id')).toBeUndefined()
  })

  it('copies a damaged file aside before writing over it', async () => {
    await writeFile(join(folder, CONFLICTS_FILE), '{"version":1,"conflicts":[{"trunc')
    const store = createConflictStore(folder)
    expect(await store.list()).toEqual([])
    await store.add([copy('n1', 'a')])
    const files = await readdir(folder)
    const aside = files.find((f) => f.startsWith(`${CONFLICTS_FILE}.corrupt-`))
    expect(aside).toBeDefined()
    expect(await readFile(join(folder, aside ?? ''), 'utf8')).toContain('"trunc')
    expect(await store.list()).toHaveLength(1)
  })
})
