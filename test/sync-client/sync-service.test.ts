import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TierlineError } from '@shared/ipc/errors'
import { exampleDocuments } from '@shared/model/examples'
import type { SyncState } from '@shared/sync/sync-state'
import { openPglite } from '../../src-server/db/pglite'
import type { SqlDatabase } from '../../src-server/db/database'
import { createSyncServer, type SyncServer } from '../../src-server/server'
import { issueToken, revokeTokens } from '../../src-server/auth/users'
import { importDocuments } from '../../src-server/sync/documents'
import { client, createWorld, wire, type World } from '../../src-server/testing/world'
import { recordingLogger } from '../fixtures/recording-logger'
import { openWorkspaceStore, type WorkspaceStore } from '../../src-main/db/workspace-store'
import { createSyncService, type SyncService } from '../../src-main/sync/sync-service'
import { createFileTokenStore, PLAIN_TOKEN_FILE } from '../../src-main/sync/token-store'

/**
 * The sign-in / sign-out service the Settings screen talks to, against the real server on
 * PGlite and a real workspace database (one per test, so one RxDB database per process).
 */

let folder: string
let db: SqlDatabase
let world: World
let server: SyncServer
let baseUrl: string
let store: WorkspaceStore | undefined
let service: SyncService | undefined
let caseCounter = 0

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-sync-service-'))
  db = await openPglite(join(folder, 'server-data'))
  server = await createSyncServer({ db, log: false, heartbeatMs: 200 })
  baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 })
  world = await createWorld(db)
}, 60_000)

afterEach(async () => {
  await service?.close()
  await store?.close()
  service = undefined
  store = undefined
})

afterAll(async () => {
  await server.close()
  await server.app.close()
  await db.close()
  await rm(folder, { recursive: true, force: true })
})

async function setUp() {
  const root = join(folder, `case-${++caseCounter}`)
  const workspaceFolder = join(root, 'workspace')
  await mkdir(workspaceFolder, { recursive: true })
  store = await openWorkspaceStore({
    file: join(workspaceFolder, 'tierline.sqlite'),
    log: recordingLogger(),
    onChange: () => undefined,
  })
  const states: SyncState[] = []
  const open = store
  const make = () =>
    createSyncService({
      dataRoot: root,
      tokens: createFileTokenStore(root),
      workspace: async () => ({ id: 'ws-1', folder: workspaceFolder, rx: open.rx() }),
      log: recordingLogger(),
      onState: (state) => states.push(state),
    })
  service = make()
  await service.start()
  return { root, states, rx: open.rx(), make }
}

async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const bogusToken = `tl_${'x'.repeat(43)}`

describe('sync service', { timeout: 60_000 }, () => {
  it('refuses a token the server does not accept, naming the field, and saves nothing', async () => {
    const { root } = await setUp()
    const attempt = service!.signIn({ serverUrl: baseUrl, token: bogusToken })
    await expect(attempt).rejects.toBeInstanceOf(TierlineError)
    await expect(attempt).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ field: 'token' }] },
    })
    expect(service!.state().phase).toBe('signed-out')
    await expect(stat(join(root, PLAIN_TOKEN_FILE))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('says so when the server cannot be reached', async () => {
    await setUp()
    await expect(
      service!.signIn({ serverUrl: 'http://127.0.0.1:1', token: world.tokens.a }),
    ).rejects.toMatchObject({ code: 'validation', details: { issues: [{ field: 'serverUrl' }] } })
  })

  it('will not push a workspace that already has data to the team server', async () => {
    const { rx, root } = await setUp()
    const account = exampleDocuments.accounts[0]!
    await rx.accounts.insert(account)
    await expect(
      service!.signIn({ serverUrl: baseUrl, token: world.tokens.a }),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(service!.state().phase).toBe('signed-out')
    await expect(stat(join(root, PLAIN_TOKEN_FILE))).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await rx.accounts.count().exec()).toBe(1)
  })

  it('signs in, reaches "up to date", resumes after a restart, and signs out wiping or keeping data', async () => {
    const { root, states, rx, make } = await setUp()
    await service!.signIn({ serverUrl: `${baseUrl}/`, token: world.tokens.a })
    const file = await stat(join(root, PLAIN_TOKEN_FILE))
    expect(file.mode & 0o777).toBe(0o600)
    const upToDate = await eventually(
      () => states.find((s) => s.phase === 'up-to-date'),
      'up to date',
    )
    expect(upToDate.account?.user.id).toBe(world.ids.a)
    expect(upToDate.account?.serverUrl).toBe(baseUrl)
    expect(upToDate.lastSyncedAt).not.toBeNull()
    expect(states.some((s) => s.phase === 'syncing' && s.progress !== null)).toBe(true)
    expect(await rx.accounts.findOne(world.accounts.a.id).exec()).not.toBeNull()

    // A restarted app resumes the saved sign-in on its own.
    await service!.close()
    states.length = 0
    service = make()
    await service.start()
    await eventually(() => states.find((s) => s.phase === 'up-to-date'), 'up to date after restart')

    await service.signOut({ keepLocalData: true })
    expect(service.state().phase).toBe('signed-out')
    expect(await rx.accounts.findOne(world.accounts.a.id).exec()).not.toBeNull()
    await expect(stat(join(root, PLAIN_TOKEN_FILE))).rejects.toMatchObject({ code: 'ENOENT' })

    // The same workspace may sign in again although it has data: it is the team's own.
    await service.signIn({ serverUrl: baseUrl, token: world.tokens.a })
    await service.signOut({ keepLocalData: false })
    expect(await rx.accounts.count().exec()).toBe(0)
    expect(service.state().phase).toBe('signed-out')
    // Nothing was deleted on the server.
    const response = await fetch(`${baseUrl}/v1/sync/accounts/pull?limit=10`, {
      headers: { authorization: `Bearer ${world.tokens.a}` },
    })
    const page = (await response.json()) as { documents: { id: string; _deleted: boolean }[] }
    expect(page.documents.find((d) => d.id === world.accounts.a.id)?._deleted).toBe(false)
  })

  it('keeps the losing edit of a note as a conflict copy and restores it on "keep mine"', async () => {
    const { states, rx } = await setUp()
    await service!.signIn({ serverUrl: baseUrl, token: world.tokens.a })
    await eventually(() => states.find((s) => s.phase === 'up-to-date'), 'up to date')
    const template = exampleDocuments.activities.find((a) => a.kind === 'note')!
    const original = {
      ...template,
      id: world.newId(),
      accountId: world.accounts.a.id,
      authorId: world.ids.a,
      title: 'Original',
    }
    await rx.activities.insert(original)
    states.length = 0
    await eventually(
      () => states.find((s) => s.phase === 'up-to-date' && s.pending === 0),
      'the note pushed',
    )

    // Edited here while signed out; meanwhile someone else changes it on the server.
    await service!.signOut({ keepLocalData: true })
    await rx.activities.findOne(original.id).incrementalPatch({ title: 'Mine' })
    const theirs = await client(baseUrl).push(world.tokens.t, 'activities', [
      {
        newDocumentState: wire({ ...original, title: 'Theirs' }),
        assumedMasterState: wire(original),
      },
    ])
    expect(theirs).toMatchObject({ status: 200, body: { conflicts: [] } })

    await service!.signIn({ serverUrl: baseUrl, token: world.tokens.a })
    const [conflict] = await eventually(async () => {
      const list = await service!.conflicts()
      return list.length > 0 ? list : undefined
    }, 'the conflict copy')
    expect(conflict).toMatchObject({ documentId: original.id, label: 'Theirs' })
    expect(conflict?.mine['title']).toBe('Mine')
    await eventually(async () => {
      const doc = await rx.activities.findOne(original.id).exec()
      return doc?.title === 'Theirs' ? true : undefined
    }, 'the server’s version applied locally')
    expect(service!.state().conflicts).toBe(1)

    await service!.resolveConflict({ id: conflict!.id, keep: 'mine' })
    expect(await service!.conflicts()).toEqual([])
    expect((await rx.activities.findOne(original.id).exec())?.title).toBe('Mine')
    const onServer = await eventually(async () => {
      const { documents } = await client(baseUrl).pullAll(world.tokens.t, 'activities')
      const doc = documents.find((d) => d.id === original.id)
      return doc?.['title'] === 'Mine' ? doc : undefined
    }, 'my version on the server')
    expect(onServer['title']).toBe('Mine')
    await expect(
      service!.resolveConflict({ id: conflict!.id, keep: 'mine' }),
    ).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('merges the text of two conflicting versions of a note when asked, losing neither', async () => {
    const { states, rx } = await setUp()
    await service!.signIn({ serverUrl: baseUrl, token: world.tokens.a })
    await eventually(() => states.find((s) => s.phase === 'up-to-date'), 'up to date')
    const template = exampleDocuments.activities.find((a) => a.kind === 'note')!
    const original = {
      ...template,
      id: world.newId(),
      accountId: world.accounts.a.id,
      authorId: world.ids.a,
      title: 'Call notes',
      bodyMarkdown: 'Agenda\nRisks\nNext steps',
    }
    await rx.activities.insert(original)
    states.length = 0
    await eventually(
      () => states.find((s) => s.phase === 'up-to-date' && s.pending === 0),
      'the note pushed',
    )
    await service!.signOut({ keepLocalData: true })
    await rx.activities
      .findOne(original.id)
      .incrementalPatch({ bodyMarkdown: 'Agenda\nRisks\n- renewal at risk\nNext steps' })
    const theirs = { ...original, bodyMarkdown: 'Agenda\nRisks\nNext steps\n- book the sponsor' }
    await client(baseUrl).push(world.tokens.t, 'activities', [
      { newDocumentState: wire(theirs), assumedMasterState: wire(original) },
    ])

    await service!.signIn({ serverUrl: baseUrl, token: world.tokens.a })
    const [conflict] = await eventually(async () => {
      const list = await service!.conflicts()
      return list.length > 0 ? list : undefined
    }, 'the conflict copy')
    expect(conflict?.mergeDraft).toBe(
      'Agenda\nRisks\n- renewal at risk\nNext steps\n- book the sponsor',
    )
    const edited = `${conflict!.mergeDraft}\n- agreed on both`
    await service!.resolveConflict({ id: conflict!.id, keep: 'merged', text: edited })
    expect(await service!.conflicts()).toEqual([])
    expect((await rx.activities.findOne(original.id).exec())?.bodyMarkdown).toBe(edited)
    const onServer = await eventually(async () => {
      const { documents } = await client(baseUrl).pullAll(world.tokens.t, 'activities')
      const doc = documents.find((d) => d.id === original.id)
      return doc?.['bodyMarkdown'] === edited ? doc : undefined
    }, 'the merged text on the server')
    expect(onServer['title']).toBe('Call notes')
  })

  it('takes a refused write out of the queue, pushes the others, and keeps the refusal to discard', async () => {
    const { states, rx } = await setUp()
    const tierOnServer = { ...exampleDocuments.tiers[0]!, id: world.newId() }
    await importDocuments(db, 'tiers', [tierOnServer])
    await service!.signIn({ serverUrl: baseUrl, token: world.tokens.a })
    await eventually(() => states.find((s) => s.phase === 'up-to-date'), 'up to date')
    const template = exampleDocuments.activities.find((a) => a.kind === 'note')!
    const note = (accountId: string, title: string) => ({
      ...template,
      id: world.newId(),
      accountId,
      authorId: world.ids.a,
      title,
    })
    // One note on A's account, one on B's (A may not write there), and a tier edit (admins only).
    const allowed = note(world.accounts.a.id, 'Allowed note')
    const forbidden = note(world.accounts.b.id, 'Note on someone else’s account')
    await rx.activities.bulkInsert([allowed, forbidden])
    const tier = (await rx.tiers.findOne(tierOnServer.id).exec())!
    const tierName = tier.name
    states.length = 0
    await tier.incrementalPatch({ name: 'Renamed by a CSM' })

    const onServer = await eventually(async () => {
      const { documents } = await client(baseUrl).pullAll(world.tokens.t, 'activities')
      return documents.find((d) => d.id === allowed.id)
    }, 'the allowed note on the server')
    expect(onServer['title']).toBe('Allowed note')
    const refusals = await eventually(async () => {
      const list = await service!.conflicts()
      return list.length >= 2 ? list : undefined
    }, 'both refusals')
    expect(refusals.map((r) => [r.collection, r.documentId, r.kind]).sort()).toEqual(
      [
        ['activities', forbidden.id, 'refused'],
        ['tiers', tier.id, 'refused'],
      ].sort(),
    )
    expect(refusals.find((r) => r.collection === 'tiers')?.reason).toMatch(/admins/i)
    expect(refusals.find((r) => r.collection === 'activities')?.mine['title']).toBe(
      'Note on someone else’s account',
    )
    // Locally: the refused note is gone (the server has none), the tier is the server's again.
    await eventually(
      async () => ((await rx.activities.findOne(forbidden.id).exec()) === null ? true : undefined),
      'the refused note removed locally',
    )
    await eventually(
      async () => ((await rx.tiers.findOne(tier.id).exec())?.name === tierName ? true : undefined),
      'the tier reverted',
    )
    // Nothing stays pending: the refusals do not block the queue, they are counted as conflicts.
    await eventually(
      () => states.find((s) => s.phase === 'up-to-date' && s.pending === 0 && s.conflicts === 2),
      'nothing pending, two refusals shown',
    )
    const admin = await client(baseUrl).pullAll(world.tokens.admin, 'activities')
    expect(admin.documents.map((d) => d.id)).not.toContain(forbidden.id)

    // A refusal cannot be kept (it would be refused again); it can be discarded.
    const noteRefusal = refusals.find((r) => r.collection === 'activities')!
    await expect(
      service!.resolveConflict({ id: noteRefusal.id, keep: 'mine' }),
    ).rejects.toMatchObject({ code: 'conflict' })
    for (const refusal of refusals)
      await service!.resolveConflict({ id: refusal.id, keep: 'theirs' })
    expect(await service!.conflicts()).toEqual([])
    expect(service!.state().conflicts).toBe(0)
  })

  it('shows an error with the server’s reason when the token is revoked, and keeps local data', async () => {
    const { states, rx } = await setUp()
    const issued = await issueToken(db, {
      userId: world.ids.a,
      label: 'revoked in test',
      validForDays: 1,
      now: new Date(),
    })
    await service!.signIn({ serverUrl: baseUrl, token: issued.token })
    await eventually(() => states.find((s) => s.phase === 'up-to-date'), 'up to date')
    const accounts = await rx.accounts.count().exec()

    expect(await revokeTokens(db, { tokenId: issued.id }, new Date())).toBe(1)
    const failed = await eventually(() => states.find((s) => s.phase === 'error'), 'the error')
    expect(failed.message).toMatch(/token/i)
    expect(failed.account?.user.id).toBe(world.ids.a)
    expect(await rx.accounts.count().exec()).toBe(accounts)
  })
})
