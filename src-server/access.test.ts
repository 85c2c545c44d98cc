import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments } from '@shared/model/examples'
import { meResponseSchema, syncLimits } from '@shared/sync/protocol'
import { issueToken, revokeTokens, setUserDisabled } from './auth/users'
import type { SqlDatabase } from './db/database'
import { accountChildCollections, tableOf } from './db/tables'
import { accountChildNames } from '@shared/sync/account-scope'
import type { CollectionName } from '@shared/model/registry'
import { skipping, testBackends } from './testing/backends'
import { startTestServer } from './testing/server'
import { client, createWorld, ticketDoc, wire, type World } from './testing/world'

/** Everything stored in a table, to prove a refused request wrote nothing. */
async function snapshot(db: SqlDatabase, collection: CollectionName) {
  return db.query(
    `SELECT id, data, deleted, server_seq::text AS seq FROM ${tableOf(collection)} ORDER BY id`,
  )
}

describe.each(testBackends)('access control and hostile requests on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>
  let close: () => Promise<void>
  let api: ReturnType<typeof client>
  let baseUrl: string
  let logs: string[]
  let world: World

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    const started = await startTestServer(db)
    ;({ baseUrl, logs } = started)
    close = () => started.server.close()
    api = client(baseUrl)
    world = await createWorld(db)
    // A second team in the same database: nobody in `world` may ever see it.
    await createWorld(db)
  }, 60_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await close()
    await drop()
  })

  const run = it.skipIf(skipping(backend.skipReason))

  run('a CSM pulls only their own accounts and those accounts’ children', async () => {
    const accounts = await api.pullAll(world.tokens.a, 'accounts')
    expect(accounts.documents.map((d) => d.id)).toEqual([world.accounts.a.id])
    for (const collection of ['tickets', 'contacts'] as const) {
      const { documents } = await api.pullAll(world.tokens.a, collection, null, 1)
      expect(documents.every((d) => d.accountId === world.accounts.a.id)).toBe(true)
      expect(documents.length).toBeGreaterThan(0)
    }
    const b = await api.pullAll(world.tokens.b, 'tickets')
    expect(b.documents.map((d) => d.id)).toEqual([world.tickets.b.id])
  })

  run('a TAM sees the accounts they are assigned to; a manager their team’s', async () => {
    const tam = await api.pullAll(world.tokens.t, 'accounts')
    expect(tam.documents.map((d) => d.id)).toEqual([world.accounts.a.id])
    const m = await api.pullAll(world.tokens.m, 'accounts')
    expect(m.documents.map((d) => d.id)).toEqual([world.accounts.a.id])
    const n = await api.pullAll(world.tokens.n, 'tickets')
    expect(n.documents.map((d) => d.id)).toEqual([world.tickets.b.id])
    const admin = await api.pullAll(world.tokens.admin, 'accounts')
    expect(admin.documents.map((d) => d.id)).toEqual(
      expect.arrayContaining([world.accounts.a.id, world.accounts.b.id]),
    )
    expect(admin.documents.length).toBe(4)
  })

  run('saved views are seen by their owner’s team or when shared', async () => {
    const view = exampleDocuments.library.find((d) => d.kind === 'savedView')
    if (!view) throw new Error('no example view')
    const mine = { ...view, id: world.newId(), ownerId: world.ids.a, shared: false }
    const pushed = await api.push(world.tokens.a, 'library', [{ newDocumentState: wire(mine) }])
    expect(pushed.status).toBe(200)
    const ids = async (token: string) =>
      (await api.pullAll(token, 'library')).documents.map((d) => d.id)
    expect(await ids(world.tokens.a)).toContain(mine.id)
    expect(await ids(world.tokens.m)).toContain(mine.id)
    expect(await ids(world.tokens.b)).not.toContain(mine.id)
    // B may not write A's view, not even by claiming it.
    const stolen = await api.push(world.tokens.b, 'library', [
      { newDocumentState: wire({ ...mine, ownerId: world.ids.b }), assumedMasterState: wire(mine) },
    ])
    expect(stolen.status).toBe(403)
  })

  run('pushes to another CSM’s account get 403 and write nothing', async () => {
    const before = await snapshot(db, 'tickets')
    const intoB = wire(ticketDoc(world.newId(), world.accounts.b.id, 90_001))
    const created = await api.push(world.tokens.a, 'tickets', [{ newDocumentState: intoB }])
    expect(created.status).toBe(403)
    expect(created.body.error?.code).toBe('forbidden')
    const edit = await api.push(world.tokens.a, 'tickets', [
      {
        newDocumentState: { ...wire(world.tickets.b), subject: 'hijacked' },
        assumedMasterState: wire(world.tickets.b),
      },
    ])
    expect(edit.status).toBe(403)
    // Moving one's own ticket into someone else's account is refused too.
    const moved = await api.push(world.tokens.a, 'tickets', [
      {
        newDocumentState: { ...wire(world.tickets.a), accountId: world.accounts.b.id },
        assumedMasterState: wire(world.tickets.a),
      },
    ])
    expect(moved.status).toBe(403)
    // So is handing oneself B's account.
    const account = await api.push(world.tokens.a, 'accounts', [
      {
        newDocumentState: { ...wire(world.accounts.b), ownerId: world.ids.a },
        assumedMasterState: wire(world.accounts.b),
      },
    ])
    expect(account.status).toBe(403)
    expect(await snapshot(db, 'tickets')).toEqual(before)
  })

  run(
    'proposal versions belong to their account: its CSM writes and pulls them, others get 403',
    async () => {
      const example = exampleDocuments.proposalVersions[0]
      if (example === undefined) throw new Error('no example proposal version')
      const version = (accountId: string) => ({
        ...example,
        id: world.newId(),
        proposalId: world.newId(),
        accountId,
        authorId: world.ids.a,
      })
      const mine = version(world.accounts.a.id)
      const pushed = await api.push(world.tokens.a, 'proposalVersions', [
        { newDocumentState: wire(mine) },
      ])
      expect(pushed.status).toBe(200)
      const before = await snapshot(db, 'proposalVersions')
      const intoB = await api.push(world.tokens.a, 'proposalVersions', [
        { newDocumentState: wire(version(world.accounts.b.id)) },
      ])
      expect(intoB.status).toBe(403)
      expect(await snapshot(db, 'proposalVersions')).toEqual(before)
      expect(
        (await api.pullAll(world.tokens.a, 'proposalVersions')).documents.map((d) => d.id),
      ).toEqual([mine.id])
      // B, a CSM of another account, never sees A's proposal; A's manager does.
      expect((await api.pullAll(world.tokens.b, 'proposalVersions')).documents).toEqual([])
      const managed = await api.pullAll(world.tokens.m, 'proposalVersions')
      expect(managed.documents.map((d) => d.id)).toEqual([mine.id])
    },
  )

  run('tiers, users and calendars are written by admins only', async () => {
    const tier = wire(exampleDocuments.tiers[0] ?? {})
    const calendar = wire(exampleDocuments.library.find((d) => d.kind === 'calendar') ?? {})
    const tiersBefore = await snapshot(db, 'tiers')
    for (const token of [world.tokens.a, world.tokens.t, world.tokens.m]) {
      expect((await api.push(token, 'tiers', [{ newDocumentState: tier }])).status).toBe(403)
      expect((await api.push(token, 'library', [{ newDocumentState: calendar }])).status).toBe(403)
    }
    expect(await snapshot(db, 'tiers')).toEqual(tiersBefore)
    const admin = await api.push(world.tokens.admin, 'tiers', [{ newDocumentState: tier }])
    expect(admin).toEqual({ status: 200, body: { conflicts: [] } })
    // Everyone reads them.
    const read = await api.pullAll(world.tokens.a, 'tiers')
    expect(read.documents.map((d) => d.id)).toContain(tier.id)
  })

  run('tells a signed-in client who it is, and nobody else', async () => {
    const me = await fetch(`${baseUrl}/v1/me`, {
      headers: { authorization: `Bearer ${world.tokens.t}` },
    })
    expect(me.status).toBe(200)
    const body = meResponseSchema.parse(await me.json())
    expect(body.user).toMatchObject({ id: world.ids.t, role: 'tam' })
    expect(Date.parse(body.token.expiresAt)).toBeGreaterThan(Date.now())
    expect((await fetch(`${baseUrl}/v1/me`)).status).toBe(401)
  })

  run('missing, unknown, expired and revoked tokens and disabled users get 401', async () => {
    const probe = async (token: string | undefined) => (await api.pull(token, 'accounts')).status
    expect(await probe(undefined)).toBe(401)
    expect(await probe('tl_' + 'x'.repeat(43))).toBe(401)
    const long = new Date(Date.now() - 3 * 86_400_000)
    const expired = await issueToken(db, {
      userId: world.ids.a,
      label: 'old',
      validForDays: 1,
      now: long,
    })
    expect(await probe(expired.token)).toBe(401)
    const revoked = await issueToken(db, {
      userId: world.ids.a,
      label: 'x',
      validForDays: 1,
      now: new Date(),
    })
    expect(await probe(revoked.token)).toBe(200)
    await revokeTokens(db, { tokenId: revoked.id }, new Date())
    expect(await probe(revoked.token)).toBe(401)
    // Disabling a user stops every token at once; enabling restores the unrevoked ones.
    const fresh = await issueToken(db, {
      userId: world.ids.t,
      label: 'y',
      validForDays: 1,
      now: new Date(),
    })
    await setUserDisabled(db, world.ids.t, true, new Date())
    expect(await probe(fresh.token)).toBe(401)
    expect(await probe(world.tokens.t)).toBe(401)
    await setUserDisabled(db, world.ids.t, false, new Date())
    expect(await probe(world.tokens.t)).toBe(200)
    // A token in the URL is not a token: only the header counts.
    const inUrl = await fetch(`${baseUrl}/v1/sync/accounts/pull?token=${world.tokens.a}`)
    expect(inUrl.status).toBe(401)
    // Pushes with a bad token write nothing.
    const before = await snapshot(db, 'tickets')
    const doc = wire(ticketDoc(world.newId(), world.accounts.a.id, 91_001))
    expect((await api.push(expired.token, 'tickets', [{ newDocumentState: doc }])).status).toBe(401)
    expect(await snapshot(db, 'tickets')).toEqual(before)
  })

  run('malformed, wrong-schema and oversized bodies get 400/413 and write nothing', async () => {
    const before = await snapshot(db, 'tickets')
    const token = world.tokens.a
    const malformed = await api.pushRaw(token, 'tickets', '{"rows": [')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error?.code).toBe('validation')
    expect((await api.pushRaw(token, 'tickets', 'rows=1', 'text/plain')).status).toBe(400)
    expect((await api.push(token, 'tickets', 'not rows')).status).toBe(400)
    expect((await api.push(token, 'tickets', [])).status).toBe(400)

    // One valid row and one failing its schema: the whole push is refused, naming the field.
    const good = wire(ticketDoc(world.newId(), world.accounts.a.id, 92_001))
    const { severity: _dropped, ...bad } = wire(ticketDoc(world.newId(), world.accounts.a.id, 2))
    const wrong = await api.push(token, 'tickets', [
      { newDocumentState: good },
      { newDocumentState: bad },
    ])
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.body.error?.details)).toContain('severity')
    expect(wrong.body.error?.message).toMatch(/nothing was written/)

    // Too many rows: 413 before anything is looked at.
    const many = Array.from({ length: syncLimits.pushBatchMax + 1 }, () => ({
      newDocumentState: wire(ticketDoc(world.newId(), world.accounts.a.id, 93_001)),
    }))
    const tooMany = await api.push(token, 'tickets', many)
    expect(tooMany.status).toBe(413)
    expect(tooMany.body.error?.code).toBe('payload-too-large')

    // Too many bytes.
    const huge = JSON.stringify({
      rows: [{ newDocumentState: { ...good, subject: 'x'.repeat(syncLimits.bodyBytesMax) } }],
    })
    const tooBig = await api.pushRaw(token, 'tickets', huge)
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.error?.code).toBe('payload-too-large')

    expect(await snapshot(db, 'tickets')).toEqual(before)

    // Unknown collections and bad pull queries.
    expect((await api.pushRaw(token, 'secrets', '{"rows":[]}')).status).toBe(404)
    const badLimit = await fetch(`${baseUrl}/v1/sync/tickets/pull?limit=100000`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(badLimit.status).toBe(400)
    const halfCheckpoint = await fetch(`${baseUrl}/v1/sync/tickets/pull?seq=3`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(halfCheckpoint.status).toBe(400)
  })

  run('logs carry no token and no document content', async () => {
    const secretSubject = 'Confidential merger escalation 7f3a'
    const doc = { ...wire(ticketDoc(world.newId(), world.accounts.a.id, 94_001)) }
    await api.push(world.tokens.a, 'tickets', [
      { newDocumentState: { ...doc, subject: secretSubject } },
    ])
    await api.push(world.tokens.b, 'tickets', [
      { newDocumentState: { ...doc, subject: secretSubject } },
    ])
    await api.pull(world.tokens.a, 'tickets')
    const text = logs.join('')
    expect(text).toContain('request completed')
    for (const token of Object.values(world.tokens)) expect(text).not.toContain(token)
    expect(text).not.toContain(secretSubject)
    expect(text).not.toContain(world.accounts.a.name)
  })
})

describe.each(testBackends)('rate limiting on $name', (backend) => {
  it.skipIf(skipping(backend.skipReason))(
    'limits each token separately with a 429 envelope',
    async () => {
      const { db, drop } = await backend.open()
      const started = await startTestServer(db, { rateLimit: { max: 5, windowMs: 60_000 } })
      try {
        const world = await createWorld(db)
        const api = client(started.baseUrl)
        const statuses: number[] = []
        for (let i = 0; i < 7; i++) statuses.push((await api.pull(world.tokens.a, 'tiers')).status)
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
        const limited = await api.pull(world.tokens.a, 'tiers')
        expect(limited.body.error?.code).toBe('rate-limited')
        // Another token is unaffected; health checks are never limited.
        expect((await api.pull(world.tokens.b, 'tiers')).status).toBe(200)
        for (let i = 0; i < 7; i++) {
          expect((await fetch(`${started.baseUrl}/health`)).status).toBe(200)
        }
      } finally {
        await started.server.close()
        await drop()
      }
    },
    60_000,
  )
})

describe('account-scoped collections', () => {
  it('are the same on the server (tables with account_id) and in the client (schemas with accountId)', () => {
    // The client removes a lost account's documents from exactly the collections the server
    // scopes by account; a child table the client did not know of would strand its documents.
    expect(new Set(accountChildCollections)).toEqual(new Set(accountChildNames))
  })
})
