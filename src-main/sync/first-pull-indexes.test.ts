import type Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLogger } from '../../test/fixtures/recording-logger'
import { tempDir } from '../../test/fixtures/temp-dir'
import { loadDemoBook } from '../db/demo-loader'
import { openWorkspaceStore, type WorkspaceStore } from '../db/workspace-store'
import { deferIndexesForFirstPull } from './first-pull-indexes'

const open = (file: string) =>
  openWorkspaceStore({ file, log: recordingLogger(), onChange: () => undefined })

function ticketIndexes(store: WorkspaceStore): string[] {
  const db = store.connection() as Database.Database
  return db
    .prepare(
      `select name from sqlite_master where type = 'index' and tbl_name = 'rx_tickets_v0' and name glob '*__k[0-9]*' order by name`,
    )
    .pluck()
    .all() as string[]
}

let store: WorkspaceStore | undefined
afterEach(async () => {
  await store?.close()
  store = undefined
})

describe('indexes during a first pull', () => {
  it('are dropped for an empty pull-only table, queries stay right, and come back once built', async () => {
    store = await open(join(await tempDir(), 'first.sqlite'))
    const all = ticketIndexes(store)
    expect(all.length).toBeGreaterThanOrEqual(5)

    const build = deferIndexesForFirstPull(store.rx().tickets)
    expect(ticketIndexes(store)).toEqual([])
    await loadDemoBook(store.rx(), { accounts: 6, tickets: 120 })
    const stored = (await store.rx().tickets.find().exec()).map((doc) => doc.toJSON())
    const accountId = stored[0]?.accountId ?? ''
    const byAccount = await store.rx().tickets.find({ selector: { accountId } }).exec()
    expect(byAccount.map((doc) => doc.id).sort()).toEqual(
      stored
        .filter((t) => t.accountId === accountId)
        .map((t) => t.id)
        .sort(),
    )

    await build()
    expect(ticketIndexes(store)).toEqual(all)
    // The build maps the file (see mapFile); the connection's reads and writes after it do not.
    const db = store.connection() as Database.Database
    expect(db.pragma('mmap_size', { simple: true })).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    await build() // a second call (sync stopped after the pull) changes nothing
    expect(ticketIndexes(store)).toEqual(all)
  })

  it('leave a table that already holds documents alone: that is not a first sync', async () => {
    store = await open(join(await tempDir(), 'synced.sqlite'))
    await loadDemoBook(store.rx(), { accounts: 4, tickets: 40 })
    const all = ticketIndexes(store)
    const build = deferIndexesForFirstPull(store.rx().tickets)
    expect(ticketIndexes(store)).toEqual(all)
    await build()
    expect(ticketIndexes(store)).toEqual(all)
  })

  it('are built when the workspace next opens if the app stopped during the first pull', async () => {
    const file = join(await tempDir(), 'stopped.sqlite')
    store = await open(file)
    const all = ticketIndexes(store)
    deferIndexesForFirstPull(store.rx().tickets)
    await loadDemoBook(store.rx(), { accounts: 4, tickets: 40 })
    expect(ticketIndexes(store)).toEqual([])
    await store.close()
    store = await open(file)
    expect(ticketIndexes(store)).toEqual(all)
  })
})
