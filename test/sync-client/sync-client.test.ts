import Database from 'better-sqlite3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments } from '@shared/model/examples'
import type { DocumentOf } from '@shared/model/registry'
import { openPglite } from '../../src-server/db/pglite'
import type { SqlDatabase } from '../../src-server/db/database'
import { createSyncServer, type SyncServer } from '../../src-server/server'
import { importDocuments } from '../../src-server/sync/documents'
import { tableOf } from '../../src-server/db/tables'
import {
  accountDoc,
  contactDoc,
  createWorld,
  ticketDoc,
  type World,
} from '../../src-server/testing/world'
import type { SyncConflict } from '../../src-main/sync/conflict-store'
import type { SyncEngineSnapshot } from '../../src-main/sync/sync-engine'
import { startClientProcess, type ClientProcess } from './client-harness'

/**
 * Real parts end to end: the team server from src-server on PGlite in a temporary folder, and
 * desktop clients on real SQLite workspace databases, each in its own process (RxDB's build
 * opens at most 13 collections per process), talking HTTP over loopback.
 */

let folder: string
let db: SqlDatabase
let world: World
let server: SyncServer | undefined
let port = 0

async function startServer(): Promise<void> {
  server = await createSyncServer({
    db,
    log: false,
    heartbeatMs: 200,
    rateLimit: { max: 100_000, windowMs: 60_000 },
  })
  const url = await server.app.listen({ host: '127.0.0.1', port })
  port = Number(new URL(url).port)
}
async function stopServer(): Promise<void> {
  await server?.close()
  await server?.app.close()
  server = undefined
}
const baseUrl = () => `http://127.0.0.1:${port}`

const clients: ClientProcess[] = []
let clientCounter = 0

async function openClient(
  token: string,
  name = `client-${++clientCounter}`,
): Promise<ClientProcess> {
  const client = await startClientProcess(folder, name, baseUrl(), token)
  clients.push(client)
  return client
}

async function eventually<T>(
  probe: () => Promise<T | undefined>,
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

const noteTemplate = exampleDocuments.activities.find((a) => a.kind === 'note')
function note(title: string, authorId: string): DocumentOf<'activities'> {
  if (noteTemplate === undefined) throw new Error('no example note')
  return {
    ...noteTemplate,
    id: world.newId(),
    accountId: world.accounts.a.id,
    authorId,
    title,
    updatedBy: authorId,
  }
}
const getNote = (client: ClientProcess, id: string) =>
  client.call<DocumentOf<'activities'> | null>('get', 'activities', id)
const titleOn = async (client: ClientProcess, id: string) => (await getNote(client, id))?.title
const snapshotOf = (client: ClientProcess) => client.call<SyncEngineSnapshot>('snapshot')
const conflictsOf = (client: ClientProcess) => client.call<SyncConflict[]>('conflicts')
const inSync = (...all: ClientProcess[]) => Promise.all(all.map((c) => c.call('awaitInSync')))
// The pending count is recounted at most every 100 ms after a change, so a snapshot taken right
// after a push may still show the write that was just acknowledged.
const nothingPending = (client: ClientProcess, name: string) =>
  eventually(
    async () => ((await snapshotOf(client)).pending === 0 ? true : undefined),
    `${name} has nothing pending`,
  )

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-sync-client-'))
  db = await openPglite(join(folder, 'server-data'))
  await startServer() // runs the migrations
  world = await createWorld(db)
}, 60_000)

afterEach(async () => {
  if (server === undefined) await startServer()
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

afterAll(async () => {
  await stopServer()
  await db.close()
  await rm(folder, { recursive: true, force: true })
})

describe('sync client against the real server', { timeout: 60_000 }, () => {
  it('two clients converge, and each pulls only what its token may see', async () => {
    const a = await openClient(world.tokens.a)
    const t = await openClient(world.tokens.t)
    await inSync(a, t)
    expect(await a.call('get', 'accounts', world.accounts.a.id)).not.toBeNull()
    expect(await a.call('get', 'accounts', world.accounts.b.id)).toBeNull()

    const fromA = note('Written on A', world.ids.a)
    await a.call('insert', 'activities', fromA)
    expect(await eventually(() => titleOn(t, fromA.id), 'A’s note on T')).toBe('Written on A')

    await t.call('patch', 'activities', fromA.id, { bodyMarkdown: 'T added a line' })
    await eventually(async () => {
      const doc = await getNote(a, fromA.id)
      return doc?.bodyMarkdown === 'T added a line' ? true : undefined
    }, 'T’s edit on A')
    await nothingPending(t, 'T')
    expect(await conflictsOf(a)).toEqual([])
    expect(await conflictsOf(t)).toEqual([])
  })

  it('keeps edits made while the server is down pending, and delivers them after it restarts', async () => {
    const a = await openClient(world.tokens.a)
    const t = await openClient(world.tokens.t)
    await inSync(a, t)

    await stopServer()
    const offline = note('Written offline', world.ids.a)
    await a.call('insert', 'activities', offline)
    const snapshot = await eventually(async () => {
      const s = await snapshotOf(a)
      return s.pending === 1 && s.failure !== null && !s.streamConnected ? s : undefined
    }, 'the offline write to be counted as pending')
    expect(snapshot.failure?.retryable).toBe(true)

    await startServer()
    expect(await eventually(() => titleOn(t, offline.id), 'the offline note on T')).toBe(
      'Written offline',
    )
    await eventually(async () => {
      const s = await snapshotOf(a)
      return s.pending === 0 && s.failure === null && s.streamConnected ? s : undefined
    }, 'A to be caught up again')
  })

  it('concurrent edits of one note leave the loser as a conflict copy, nothing lost', async () => {
    const a = await openClient(world.tokens.a)
    const t = await openClient(world.tokens.t)
    const shared = note('Original', world.ids.a)
    await a.call('insert', 'activities', shared)
    await eventually(() => titleOn(t, shared.id), 'the note on T')
    await inSync(a, t)

    await stopServer()
    await a.call('patch', 'activities', shared.id, { title: 'Title from A' })
    await t.call('patch', 'activities', shared.id, { title: 'Title from T' })
    await startServer()

    const copies = await eventually(async () => {
      const all = [...(await conflictsOf(a)), ...(await conflictsOf(t))]
      return all.length > 0 ? all : undefined
    }, 'a conflict copy')
    const final = await eventually(async () => {
      const [onA, onT] = [await titleOn(a, shared.id), await titleOn(t, shared.id)]
      return onA === onT && onA !== 'Original' ? onA : undefined
    }, 'both clients to agree')
    expect(copies).toHaveLength(1)
    const copy = copies[0]
    expect(copy?.collection).toBe('activities')
    expect(copy?.documentId).toBe(shared.id)
    expect(copy?.theirs.title).toBe(final)
    // Both edits survive: one is the note, the other its conflict copy.
    expect(new Set([final, copy?.mine.title])).toEqual(new Set(['Title from A', 'Title from T']))
  })

  it('a restarted client resumes from its stored checkpoint instead of pulling everything again', async () => {
    let a = await openClient(world.tokens.a, 'restarting')
    const t = await openClient(world.tokens.t)
    await inSync(a, t)
    expect(await a.call<number>('count', 'activities')).toBeGreaterThan(0)

    await a.close()
    const whileAway = note('Written while A was closed', world.ids.t)
    await t.call('insert', 'activities', whileAway)
    await t.call('awaitInSync')

    a = await openClient(world.tokens.a, 'restarting')
    expect(await eventually(() => titleOn(a, whileAway.id), 'the new note on A')).toBe(
      'Written while A was closed',
    )
    await a.call('awaitInSync')
    // Collections that had rows were pulled from a stored checkpoint, and only the new note came.
    const pulls = (await a.call<string[]>('requests')).filter((url) =>
      /\/sync\/(accounts|tickets|contacts|activities)\/pull/.test(url),
    )
    expect(pulls.length).toBeGreaterThanOrEqual(4)
    expect(pulls.every((url) => new URL(url).searchParams.has('seq'))).toBe(true)
    expect((await snapshotOf(a)).documentsReceived).toBe(1)
  })

  it('pulls tickets without keeping master copies, and refuses local ticket writes while syncing', async () => {
    const ticket = ticketDoc(world.newId(), world.accounts.a.id, 60_001)
    await importDocuments(db, 'tickets', [ticket])
    const a = await openClient(world.tokens.a, 'pull-only')
    await inSync(a)
    expect(await a.call('get', 'tickets', ticket.id)).toMatchObject({ id: ticket.id })

    // RxDB stores a pulled document's master state only for collections it pushes: a note
    // written here has one, the ticket none (that copy doubled a cold sync's writes).
    const written = note('Pushed, so its master state is kept', world.ids.a)
    await a.call('insert', 'activities', written)
    await a.call('awaitInSync')
    const file = new Database(join(folder, 'pull-only.sqlite'), { readonly: true })
    try {
      const metaTables = file
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%replication-meta%' AND name NOT LIKE '%attachments'`,
        )
        .pluck()
        .all() as string[]
      expect(metaTables.length).toBeGreaterThan(0)
      const masterCopiesOf = (id: string) =>
        metaTables.reduce(
          (sum, table) =>
            sum +
            Number(
              file
                .prepare(`SELECT count(*) FROM "${table}" WHERE json_extract(data, '$.itemId') = ?`)
                .pluck()
                .get(id),
            ),
          0,
        )
      expect(masterCopiesOf(written.id)).toBe(1)
      expect(masterCopiesOf(ticket.id)).toBe(0)
    } finally {
      file.close()
    }

    // A local edit would never be pushed and the next pull would undo it: refused, with why.
    await expect(
      a.call('patch', 'tickets', ticket.id, { subject: 'Edited on a laptop' }),
    ).rejects.toThrow(/come from the team server and cannot be changed on this computer/)
    await expect(
      a.call('insert', 'tickets', ticketDoc(world.newId(), world.accounts.a.id, 60_002)),
    ).rejects.toThrow(/cannot be changed/)
    expect(await a.call('get', 'tickets', ticket.id)).toMatchObject({ subject: ticket.subject })
    await nothingPending(a, 'A')

    // The server's changes still arrive.
    await importDocuments(db, 'tickets', [{ ...ticket, subject: 'Renamed by the helpdesk' }])
    expect(
      await eventually(async () => {
        const doc = await a.call<{ subject: string } | null>('get', 'tickets', ticket.id)
        return doc?.subject === 'Renamed by the helpdesk' ? doc : undefined
      }, 'the helpdesk edit on A'),
    ).toMatchObject({ subject: 'Renamed by the helpdesk' })
  })

  it('removes an account reassigned away, with its documents, and pushes no deletes back', async () => {
    // Account C is A's (TAM T), with a ticket, a contact and a note A wrote.
    const c = accountDoc(world.newId(), world.ids.a, world.ids.t, 'Gamma handed over')
    const ticket = ticketDoc(world.newId(), c.id, 70_001)
    const contact = contactDoc(world.newId(), c.id)
    await importDocuments(db, 'accounts', [c])
    await importDocuments(db, 'tickets', [ticket])
    await importDocuments(db, 'contacts', [contact])
    const a = await openClient(world.tokens.a)
    const written = { ...note('Note on Gamma', world.ids.a), accountId: c.id }
    await a.call('insert', 'activities', written)
    await inSync(a)
    expect(await a.call('get', 'tickets', ticket.id)).not.toBeNull()
    const serverNote = () =>
      db.query<{ deleted: boolean }>(`SELECT deleted FROM ${tableOf('activities')} WHERE id = $1`, [
        written.id,
      ])
    await eventually(
      async () => ((await serverNote()).length === 1 ? true : undefined),
      'the note on the server',
    )

    // The CRM hands C to B with no TAM: A may no longer see it.
    await importDocuments(db, 'accounts', [{ ...c, ownerId: world.ids.b, tamId: null }])
    await eventually(async () => {
      const left = await Promise.all([
        a.call('get', 'accounts', c.id),
        a.call('get', 'tickets', ticket.id),
        a.call('get', 'contacts', contact.id),
        a.call('get', 'activities', written.id),
      ])
      return left.every((doc) => doc === null) ? true : undefined
    }, 'C and its documents to leave A')
    // A's own account stays, and the server still has all of C: nothing was pushed as a delete.
    expect(await a.call('get', 'accounts', world.accounts.a.id)).not.toBeNull()
    await a.call('awaitInSync')
    for (const [collection, id] of [
      ['accounts', c.id],
      ['tickets', ticket.id],
      ['contacts', contact.id],
      ['activities', written.id],
    ] as const) {
      const rows = await db.query<{ deleted: boolean }>(
        `SELECT deleted FROM ${tableOf(collection)} WHERE id = $1`,
        [id],
      )
      expect(rows, `${collection} ${id} on the server`).toEqual([{ deleted: false }])
    }
    const pushes = (await a.call<string[]>('requests')).filter((url) =>
      /\/sync\/(accounts|tickets|contacts)\/push/.test(url),
    )
    expect(pushes).toEqual([])
    await nothingPending(a, 'A')

    // Handed back: the removals were only local, so C and its documents come back.
    await importDocuments(db, 'accounts', [c])
    expect(
      await eventually(
        async () => (await a.call('get', 'tickets', ticket.id)) ?? undefined,
        'C back on A',
      ),
    ).toMatchObject({ id: ticket.id, accountId: c.id })
    expect(await a.call('get', 'accounts', c.id)).not.toBeNull()
    expect(await titleOn(a, written.id)).toBe('Note on Gamma')
  })
})
