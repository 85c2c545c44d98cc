import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectionNames } from '@shared/model/registry'
import { authorizationHeader, syncPaths, type StreamEvent } from '@shared/sync/protocol'
import { createStreamParser } from '@shared/sync/sse'
import { revokeTokens } from './auth/users'
import type { SqlDatabase } from './db/database'
import { migrate, migrations } from './db/migrations'
import { CHANGES_CHANNEL, tableOf } from './db/tables'
import { skipping, testBackends } from './testing/backends'
import { startTestServer } from './testing/server'
import { client, createWorld, ticketDoc, wire, type World } from './testing/world'

/** Opens a live stream and collects its events until closed by either side. */
function openStream(baseUrl: string, token: string) {
  const events: StreamEvent[] = []
  const controller = new AbortController()
  const done = (async () => {
    try {
      const response = await fetch(`${baseUrl}${syncPaths.stream}`, {
        headers: { authorization: authorizationHeader(token) },
        signal: controller.signal,
      })
      const reader = response.body?.getReader()
      const parser = createStreamParser()
      const decoder = new TextDecoder()
      for (;;) {
        const chunk = await reader?.read()
        if (!chunk || chunk.done) return 'ended by server'
        events.push(...parser.push(decoder.decode(chunk.value, { stream: true })).events)
      }
    } catch {
      return 'aborted'
    }
  })()
  const until = async (test: (e: StreamEvent[]) => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs
    while (!test(events)) {
      if (Date.now() > deadline)
        throw new Error(`stream condition not met: ${JSON.stringify(events)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return { events, done, until, abort: () => controller.abort() }
}

describe.each(testBackends)('server lifecycle on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>
  let world: World

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    await migrate(db)
    world = await createWorld(db)
  }, 60_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await drop()
  })

  const run = it.skipIf(skipping(backend.skipReason))

  run('applies each migration once and has a documents table per collection', async () => {
    expect(await migrate(db)).toEqual([])
    const applied = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    )
    expect(applied.map((row) => row.version)).toEqual(migrations.map((m) => m.version))
    for (const collection of collectionNames) {
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.columns
          WHERE table_name = $1 AND column_name IN ('id', 'data', 'deleted', 'server_seq', 'updated_at')`,
        [tableOf(collection)],
      )
      expect(rows[0]?.n, collection).toBe(5)
    }
  })

  run('answers health and readiness, and is not ready once closing', async () => {
    const { server, baseUrl } = await startTestServer(db)
    expect(await (await fetch(`${baseUrl}/health`)).json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${baseUrl}/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', database: backend.name })
    const unknown = await fetch(`${baseUrl}/nope`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not-found')
    await server.close()
    await expect(fetch(`${baseUrl}/health`)).rejects.toThrow()
  })

  run('finishes an in-flight push before shutting down and ends live streams', async () => {
    const { server, baseUrl } = await startTestServer(db)
    const api = client(baseUrl)
    const stream = openStream(baseUrl, world.tokens.a)
    await stream.until((e) => e[0]?.type === 'RESYNC')
    const docs = Array.from({ length: 300 }, (_, i) =>
      wire(ticketDoc(world.newId(), world.accounts.a.id, 60_000 + i)),
    )
    // Close as soon as the server has taken the request (its headers arrived and it is routed).
    const taken = new Promise<void>((resolve) => server.app.server.once('request', () => resolve()))
    const push = api.push(
      world.tokens.a,
      'tickets',
      docs.map((d) => ({ newDocumentState: d })),
    )
    await taken
    const closing = server.close()
    const result = await push
    await closing
    expect(result.status).toBe(200)
    const stored = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${tableOf('tickets')}
        WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(docs.map((d) => d.id))],
    )
    expect(stored[0]?.n).toBe(300)
    expect(await stream.done).toBe('ended by server')
  })

  run('ends a live stream within a heartbeat once its token is revoked', async () => {
    const { server, baseUrl } = await startTestServer(db, { heartbeatMs: 100 })
    try {
      const { issueToken } = await import('./auth/users')
      const issued = await issueToken(db, {
        userId: world.ids.a,
        label: 'stream',
        validForDays: 1,
        now: new Date(),
      })
      const stream = openStream(baseUrl, issued.token)
      await stream.until((e) => e.some((x) => x.type === 'HEARTBEAT'))
      await revokeTokens(db, { tokenId: issued.id }, new Date())
      expect(await stream.done).toBe('ended by server')
    } finally {
      await server.close()
    }
  })

  run('keeps no state of its own: a push to one instance reaches streams on another', async () => {
    const one = await startTestServer(db)
    const two = await startTestServer(db)
    try {
      const stream = openStream(two.baseUrl, world.tokens.t)
      await stream.until((e) => e[0]?.type === 'RESYNC')
      const doc = wire(ticketDoc(world.newId(), world.accounts.a.id, 80_001))
      const pushed = await client(one.baseUrl).push(world.tokens.a, 'tickets', [
        { newDocumentState: doc },
      ])
      expect(pushed.status).toBe(200)
      const seq = Number(
        (
          await db.query<{ seq: string }>(
            `SELECT server_seq::text AS seq FROM ${tableOf('tickets')} WHERE id = $1`,
            [doc.id],
          )
        )[0]?.seq,
      )
      await stream.until((e) => e.some((x) => x.type === 'CHANGE' && x.seq === seq))
      const pulled = await client(two.baseUrl).pullAll(world.tokens.t, 'tickets')
      expect(pulled.documents.map((d) => d.id)).toContain(doc.id)
      stream.abort()
    } finally {
      await one.server.close()
      await two.server.close()
    }
  })

  it.skipIf(
    skipping(
      backend.skipReason ??
        (backend.name === 'postgres'
          ? undefined
          : 'on PGlite: only PostgreSQL has a listener connection to drop'),
    ),
  )('sends RESYNC when its database listener had to reconnect', async () => {
    const { server, baseUrl } = await startTestServer(db)
    try {
      const stream = openStream(baseUrl, world.tokens.a)
      await stream.until((e) => e[0]?.type === 'RESYNC')
      // Kill the listening connection from the database side, as a failover would.
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE query = $1 AND pid <> pg_backend_pid()`,
        [`LISTEN "${CHANGES_CHANNEL}"`],
      )
      await stream.until((e) =>
        e.some((x) => x.type === 'RESYNC' && x.reason === 'listener-restarted'),
      )
      // And changes flow again after the reconnect.
      const doc = wire(ticketDoc(world.newId(), world.accounts.a.id, 70_001))
      await client(baseUrl).push(world.tokens.a, 'tickets', [{ newDocumentState: doc }])
      await stream.until((e) => e.some((x) => x.type === 'CHANGE'))
      stream.abort()
    } finally {
      await server.close()
    }
  })
})
