import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  announcedPage,
  authorizationHeader,
  compareCheckpoints,
  pullLines,
  pullResponseSchema,
  pullSearchParams,
  syncPaths,
  type StreamEvent,
  type SyncCheckpoint,
} from '@shared/sync/protocol'
import { createStreamParser } from '@shared/sync/sse'
import type { SqlDatabase } from './db/database'
import { tableOf } from './db/tables'
import { findUser, upsertUser } from './auth/users'
import { importDocuments, lockCollection, reannounceAccountsOf, writeRows } from './sync/documents'
import { skipping, testBackends } from './testing/backends'
import { startTestServer } from './testing/server'
import { accountDoc, client, createWorld, ticketDoc, wire, type World } from './testing/world'

/** The server's seq high-water mark: lets a test pull only what happened after it started. */
async function checkpointNow(db: SqlDatabase): Promise<SyncCheckpoint> {
  const rows = await db.query<{ seq: string }>('SELECT last_value::text AS seq FROM sync_seq')
  return { seq: Number(rows[0]?.seq ?? 0), id: '~' }
}

/** Reads a live stream until `until` says stop (or the timeout passes). */
async function readStream(
  baseUrl: string,
  token: string,
  until: (events: StreamEvent[]) => boolean,
  onOpen: () => Promise<void> = async () => undefined,
  timeoutMs = 5000,
): Promise<StreamEvent[]> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const events: StreamEvent[] = []
  try {
    const response = await fetch(`${baseUrl}${syncPaths.stream}`, {
      headers: { authorization: authorizationHeader(token) },
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = response.body?.getReader()
    if (!reader) throw new Error('no stream body')
    const parser = createStreamParser()
    const decoder = new TextDecoder()
    let opened = false
    while (!until(events)) {
      const { value, done } = await reader.read()
      if (done) break
      events.push(...parser.push(decoder.decode(value, { stream: true })).events)
      if (!opened && events.length > 0) {
        opened = true
        await onOpen()
      }
    }
    controller.abort()
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) throw error
  } finally {
    clearTimeout(timer)
  }
  return events
}

describe.each(testBackends)('sync protocol on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>
  let baseUrl: string
  let close: () => Promise<void>
  let api: ReturnType<typeof client>
  let world: World

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    const started = await startTestServer(db)
    baseUrl = started.baseUrl
    close = () => started.server.close()
    api = client(baseUrl)
    world = await createWorld(db)
  }, 60_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await close()
    await drop()
  })

  it.skipIf(skipping(backend.skipReason))(
    'pages through rows with equal timestamps in strict (seq, id) order, each exactly once',
    async () => {
      const start = await checkpointNow(db)
      // One transaction: every row gets the same updated_at and the same updatedAt field.
      const docs = Array.from({ length: 25 }, (_, i) =>
        ticketDoc(world.newId(), world.accounts.a.id, 10_000 + i),
      )
      await importDocuments(db, 'tickets', docs)
      const stamps = await db.query<{ n: number }>(
        `SELECT count(DISTINCT updated_at)::int AS n FROM ${tableOf('tickets')}
          WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(docs.map((d) => d.id))],
      )
      expect(stamps[0]?.n).toBe(1)

      const seen: string[] = []
      let at: SyncCheckpoint | null = start
      let previous: SyncCheckpoint | null = null
      for (let page = 0; page < 30; page++) {
        const { status, body } = await api.pull(world.tokens.admin, 'tickets', at, 4)
        expect(status).toBe(200)
        for (const doc of body.documents) seen.push(doc.id)
        if (body.checkpoint && previous) {
          expect(compareCheckpoints(previous, body.checkpoint)).toBeLessThanOrEqual(0)
        }
        previous = body.checkpoint
        if (body.documents.length < 4) break
        at = body.checkpoint
      }
      expect(seen).toHaveLength(25)
      expect(new Set(seen)).toEqual(new Set(docs.map((d) => d.id)))
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    "announces each pull answer's size and checkpoint in its headers, as its body has them",
    async () => {
      const pull = async (checkpoint: SyncCheckpoint | null) => {
        const response = await fetch(
          `${baseUrl}${syncPaths.pull('tickets')}?${pullSearchParams(checkpoint, 1)}`,
          { headers: { authorization: authorizationHeader(world.tokens.a) } },
        )
        const body = pullResponseSchema.parse(await response.json())
        return { announced: announcedPage(response.headers), body }
      }
      const first = await pull(null)
      expect(first.body.documents).toHaveLength(1)
      expect(first.announced).toEqual({ count: 1, checkpoint: first.body.checkpoint })
      const end = await api.pullAll(world.tokens.a, 'tickets')
      const past = await pull(end.checkpoint)
      expect(past.announced).toEqual({ count: 0, checkpoint: end.checkpoint })
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'lays a pull answer out one document per line, as a first sync keeps their text',
    async () => {
      const response = await fetch(
        `${baseUrl}${syncPaths.pull('tickets')}?${pullSearchParams(null, 3)}`,
        { headers: { authorization: authorizationHeader(world.tokens.admin) } },
      )
      const text = await response.text()
      const { documents } = pullResponseSchema.parse(JSON.parse(text))
      expect(documents).toHaveLength(3)
      const lines = text.split('\n')
      expect(lines[0]).toBe(pullLines.first)
      expect(lines.at(-1)?.startsWith(pullLines.lastOpening)).toBe(true)
      const documentLines = lines.slice(1, -1).map((line, i, all) => {
        if (i < all.length - 1) expect(line.endsWith(',')).toBe(true)
        return JSON.parse(i < all.length - 1 ? line.slice(0, -1) : line) as unknown
      })
      expect(documentLines).toEqual(documents)
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'answers the same pull twice with the same page and writes nothing',
    async () => {
      const before = await checkpointNow(db)
      const first = await api.pull(world.tokens.a, 'tickets', null, 2)
      const second = await api.pull(world.tokens.a, 'tickets', null, 2)
      expect(first.status).toBe(200)
      expect(second.body).toEqual(first.body)
      // The hand-built JSON is a valid PullResponse.
      expect(pullResponseSchema.parse(first.body).documents).toHaveLength(2)
      expect(await checkpointNow(db)).toEqual(before)
      // Past the end: no documents, and the checkpoint stays where the client is.
      const end = await api.pullAll(world.tokens.a, 'tickets')
      const after = await api.pull(world.tokens.a, 'tickets', end.checkpoint)
      expect(after.body).toEqual({ documents: [], checkpoint: end.checkpoint })
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'writes a push whose assumption holds and returns the master as a conflict otherwise',
    async () => {
      const start = await checkpointNow(db)
      const master = wire(world.tickets.a)
      const mine = { ...master, subject: 'Exports time out (client A)' }
      const accepted = await api.push(world.tokens.a, 'tickets', [
        { newDocumentState: mine, assumedMasterState: master },
      ])
      expect(accepted).toEqual({ status: 200, body: { conflicts: [] } })

      // A second writer still assumes the old master: conflict, nothing overwritten.
      const theirs = { ...master, subject: 'Exports time out (client T)' }
      const refused = await api.push(world.tokens.t, 'tickets', [
        { newDocumentState: theirs, assumedMasterState: master },
      ])
      expect(refused.status).toBe(200)
      expect(refused.body.conflicts).toEqual([mine])

      // Same updatedAt, different content: still a conflict (equal timestamps never win).
      const sameStamp = { ...master, subject: 'Another edit, same millisecond' }
      const sameStampPush = await api.push(world.tokens.t, 'tickets', [
        { newDocumentState: sameStamp, assumedMasterState: { ...mine, subject: 'x' } },
      ])
      expect(sameStampPush.body.conflicts).toEqual([mine])

      // No assumption for a document that exists: a conflict too.
      const blind = await api.push(world.tokens.t, 'tickets', [{ newDocumentState: theirs }])
      expect(blind.body.conflicts).toEqual([mine])

      const changes = await api.pullAll(world.tokens.a, 'tickets', start)
      expect(changes.documents).toEqual([mine])

      // Resolved: push again on top of the returned master.
      const resolved = await api.push(world.tokens.t, 'tickets', [
        { newDocumentState: theirs, assumedMasterState: refused.body.conflicts[0] },
      ])
      expect(resolved.body.conflicts).toEqual([])
      const latest = await api.pullAll(world.tokens.a, 'tickets', changes.checkpoint)
      expect(latest.documents).toEqual([theirs])
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'writes the rows that hold and refuses only the conflicting ones in one push',
    async () => {
      const start = await checkpointNow(db)
      const fresh = wire(ticketDoc(world.newId(), world.accounts.a.id, 20_001))
      const stale = { ...wire(world.contacts.a), name: 'Outdated assumption' }
      const { body } = await api.push(world.tokens.a, 'contacts', [
        {
          newDocumentState: { ...stale, title: 'Changed' },
          assumedMasterState: stale,
        },
      ])
      expect(body.conflicts).toEqual([wire(world.contacts.a)])
      const mixed = await api.push(world.tokens.a, 'tickets', [
        { newDocumentState: fresh, assumedMasterState: null },
        {
          newDocumentState: { ...wire(world.tickets.b), subject: 'not mine' },
          assumedMasterState: wire(world.tickets.b),
        },
      ])
      // B's ticket is outside A's accounts: the whole push is refused, the new row too.
      expect(mixed.status).toBe(403)
      const onlyFresh = await api.push(world.tokens.a, 'tickets', [{ newDocumentState: fresh }])
      expect(onlyFresh.body.conflicts).toEqual([])
      const changes = await api.pullAll(world.tokens.admin, 'tickets', start)
      expect(changes.documents.map((d) => d.id)).toEqual([fresh.id])
    },
  )

  it.skipIf(skipping(backend.skipReason))('replicates deletes as tombstones', async () => {
    const start = await checkpointNow(db)
    const doc = wire(ticketDoc(world.newId(), world.accounts.a.id, 30_001))
    await api.push(world.tokens.a, 'tickets', [{ newDocumentState: doc }])
    const tombstone = { ...doc, _deleted: true }
    const deleted = await api.push(world.tokens.a, 'tickets', [
      { newDocumentState: tombstone, assumedMasterState: doc },
    ])
    expect(deleted.body.conflicts).toEqual([])
    const changes = await api.pullAll(world.tokens.t, 'tickets', start)
    expect(changes.documents).toEqual([tombstone])
  })

  it.skipIf(skipping(backend.skipReason))(
    'never lets a checkpoint pass a row that commits later (concurrent pushes and pulls)',
    async () => {
      const start = await checkpointNow(db)
      const written: string[] = []
      const pulled = new Set<string>()
      let at: SyncCheckpoint | null = start
      let pushing = true
      const puller = (async () => {
        while (pushing) {
          const { body } = await api.pull(world.tokens.a, 'tickets', at, 7)
          for (const doc of body.documents) pulled.add(doc.id)
          at = body.checkpoint
        }
      })()
      const pushes = Array.from({ length: 12 }, async (_, p) => {
        const docs = Array.from({ length: 5 }, (_, i) =>
          wire(ticketDoc(world.newId(), world.accounts.a.id, 40_000 + p * 10 + i)),
        )
        written.push(...docs.map((d) => d.id))
        const token = p % 2 === 0 ? world.tokens.a : world.tokens.t
        const result = await api.push(
          token,
          'tickets',
          docs.map((d) => ({ newDocumentState: d })),
        )
        expect(result.status).toBe(200)
      })
      await Promise.all(pushes)
      pushing = false
      await puller
      // Catch up from the last stored checkpoint, as a client would after its loop.
      const rest = await api.pullAll(world.tokens.a, 'tickets', at)
      for (const doc of rest.documents) pulled.add(doc.id)
      expect([...pulled].sort()).toEqual([...written].sort())
    },
  )

  it.skipIf(
    skipping(
      backend.skipReason ??
        (backend.name === 'pglite' ? 'on PGlite: it runs one transaction at a time' : undefined),
    ),
  )(
    'holds back a later write until an earlier one commits, so no pull skips the earlier row',
    async () => {
      const start = await checkpointNow(db)
      const early = ticketDoc(world.newId(), world.accounts.a.id, 45_001)
      const late = wire(ticketDoc(world.newId(), world.accounts.a.id, 45_002))
      let release: () => void = () => undefined
      const gate = new Promise<void>((resolve) => (release = resolve))
      let written: () => void = () => undefined
      const wrote = new Promise<void>((resolve) => (written = resolve))
      // Writer 1 takes its seq first and is slow to commit.
      const slow = db.transaction(async (tx) => {
        await lockCollection(tx, 'tickets')
        await writeRows(tx, 'tickets', [{ id: early.id, data: early, deleted: false }], false)
        written()
        await gate
      })
      await wrote
      // Writer 2 pushes meanwhile; a client pulls before writer 1 commits.
      const fast = api.push(world.tokens.a, 'tickets', [{ newDocumentState: late }])
      await new Promise((resolve) => setTimeout(resolve, 300))
      const between = await api.pull(world.tokens.a, 'tickets', start)
      release()
      await slow
      expect((await fast).status).toBe(200)
      const after = await api.pullAll(world.tokens.a, 'tickets', between.body.checkpoint)
      const seen = [...between.body.documents, ...after.documents].map((d) => d.id)
      expect(seen).toEqual([early.id, late.id])
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    "re-announces an account's children when it changes hands",
    async () => {
      // B is caught up; then A's account (with its older ticket) is handed to B.
      const caughtUp = await api.pullAll(world.tokens.b, 'tickets')
      expect(caughtUp.documents.map((d) => d.id)).not.toContain(world.tickets.a.id)
      const accounts = await api.pullAll(world.tokens.admin, 'accounts')
      const current = accounts.documents.find((d) => d.id === world.accounts.a.id)
      if (!current) throw new Error('account a missing')
      const handedOver = await api.push(world.tokens.admin, 'accounts', [
        { newDocumentState: { ...current, ownerId: world.ids.b }, assumedMasterState: current },
      ])
      expect(handedOver.body.conflicts).toEqual([])
      const after = await api.pullAll(world.tokens.b, 'tickets', caughtUp.checkpoint)
      expect(after.documents.map((d) => d.id)).toContain(world.tickets.a.id)
      // A no longer owns it, but is still not shown B's other account.
      const aAccounts = await api.pullAll(world.tokens.a, 'accounts')
      expect(aAccounts.documents.map((d) => d.id)).not.toContain(world.accounts.b.id)
      // Hand it back for the other tests.
      const back = await api.pullAll(world.tokens.admin, 'accounts')
      const now = back.documents.find((d) => d.id === world.accounts.a.id)
      if (!now) throw new Error('account a missing')
      await api.push(world.tokens.admin, 'accounts', [
        { newDocumentState: { ...now, ownerId: world.ids.a }, assumedMasterState: now },
      ])
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'answers which accounts a token may see, so a client can drop those reassigned away',
    async () => {
      const c = accountDoc(world.newId(), world.ids.a, world.ids.t, 'Gamma reassigned')
      await importDocuments(db, 'accounts', [c])
      const ids = async (token: string) => {
        const { status, body } = await api.access(token)
        expect(status).toBe(200)
        return body.scope === 'accounts' ? body.accountIds : body.scope
      }
      expect(await ids(world.tokens.a)).toEqual([world.accounts.a.id, c.id].sort())
      expect(await ids(world.tokens.t)).toEqual([world.accounts.a.id, c.id].sort())
      expect(await ids(world.tokens.m)).toEqual([world.accounts.a.id, c.id].sort())
      expect(await ids(world.tokens.admin)).toBe('all')

      // The admin hands C to B (no TAM): A, T and manager M lose it, B and manager N gain it.
      const [stored] = (await api.pullAll(world.tokens.admin, 'accounts')).documents.filter(
        (d) => d.id === c.id,
      )
      if (!stored) throw new Error('account c missing')
      const moved = await api.push(world.tokens.admin, 'accounts', [
        {
          newDocumentState: { ...stored, ownerId: world.ids.b, tamId: null },
          assumedMasterState: stored,
        },
      ])
      expect(moved.status).toBe(200)
      expect(await ids(world.tokens.a)).toEqual([world.accounts.a.id])
      expect(await ids(world.tokens.t)).toEqual([world.accounts.a.id])
      expect(await ids(world.tokens.m)).toEqual([world.accounts.a.id])
      expect(await ids(world.tokens.b)).toEqual([world.accounts.b.id, c.id].sort())
      expect(await ids(world.tokens.n)).toEqual([world.accounts.b.id, c.id].sort())
      expect((await api.access(undefined)).status).toBe(401)
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'sends accounts out again when an import or a team change gives them new readers',
    async () => {
      // An import (CRM connector, seed) hands B's account to A: A gets its older ticket.
      const aTickets = await api.pullAll(world.tokens.a, 'tickets')
      expect(aTickets.documents.map((d) => d.id)).not.toContain(world.tickets.b.id)
      await importDocuments(db, 'accounts', [{ ...world.accounts.b, ownerId: world.ids.a }])
      const aAfter = await api.pullAll(world.tokens.a, 'tickets', aTickets.checkpoint)
      expect(aAfter.documents.map((d) => d.id)).toContain(world.tickets.b.id)
      await importDocuments(db, 'accounts', [world.accounts.b])

      // A moves from manager M's team to N's: N gets A's account and its children.
      const nAccounts = await api.pullAll(world.tokens.n, 'accounts')
      const nTickets = await api.pullAll(world.tokens.n, 'tickets')
      expect(nAccounts.documents.map((d) => d.id)).not.toContain(world.accounts.a.id)
      const a = await findUser(db, world.ids.a)
      await upsertUser(db, { ...a, managerId: world.ids.n })
      await reannounceAccountsOf(db, [world.ids.a])
      const nAccountsAfter = await api.pullAll(world.tokens.n, 'accounts', nAccounts.checkpoint)
      const nTicketsAfter = await api.pullAll(world.tokens.n, 'tickets', nTickets.checkpoint)
      expect(nAccountsAfter.documents.map((d) => d.id)).toContain(world.accounts.a.id)
      expect(nTicketsAfter.documents.map((d) => d.id)).toContain(world.tickets.a.id)
      await upsertUser(db, { ...a, managerId: world.ids.m })
    },
  )

  it.skipIf(skipping(backend.skipReason))(
    'streams RESYNC on every connect and a CHANGE after a push',
    async () => {
      const doc = wire(ticketDoc(world.newId(), world.accounts.a.id, 50_001))
      let target: number | undefined
      // Late notifications of earlier tests' writes may arrive first: wait for this push's seq.
      const events = await readStream(
        baseUrl,
        world.tokens.t,
        (seen) =>
          target !== undefined &&
          seen.some((e) => e.type === 'CHANGE' && e.collection === 'tickets' && e.seq >= target!),
        async () => {
          const pushed = await api.push(world.tokens.a, 'tickets', [{ newDocumentState: doc }])
          expect(pushed.status).toBe(200)
          const stored = await db.query<{ seq: string }>(
            `SELECT server_seq::text AS seq FROM ${tableOf('tickets')} WHERE id = $1`,
            [doc.id],
          )
          target = Number(stored[0]?.seq)
        },
      )
      expect(events[0]).toEqual({ type: 'RESYNC', reason: 'connected' })
      expect(events).toContainEqual({ type: 'CHANGE', collection: 'tickets', seq: target })

      // Reconnect: RESYNC again first, then heartbeats.
      const again = await readStream(baseUrl, world.tokens.t, (seen) =>
        seen.some((e) => e.type === 'HEARTBEAT'),
      )
      expect(again[0]).toEqual({ type: 'RESYNC', reason: 'connected' })
      expect(again.some((e) => e.type === 'HEARTBEAT')).toBe(true)
    },
  )
})
