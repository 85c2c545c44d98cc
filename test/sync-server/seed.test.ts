import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CollectionName } from '@shared/model/registry'
import { authorizationHeader, pullSearchParams, type PullResponse } from '@shared/sync/protocol'
import { generateDemoBook } from '../../src-main/db/seed/demo-book'
import type { SqlDatabase } from '../../src-server/db/database'
import { seedBook, type SeedResult } from '../../src-server/seed'
import { createSyncServer, type SyncServer } from '../../src-server/server'
import { testBackends } from '../../src-server/testing/backends'

/**
 * `npm run server -- seed`: the deterministic demo book (src-main/db/seed) loaded into the sync
 * server, with server users for the book's people. Lives in test/ because it joins src-main's
 * generator and src-server, which may not import each other.
 */
const book = { seed: 7, accounts: 12, tickets: 240, batchSize: 50 }

function countBook(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const batch of generateDemoBook(book)) {
    counts[batch.collection] = (counts[batch.collection] ?? 0) + batch.docs.length
  }
  return counts
}

describe.each(testBackends)('seeding the demo book on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>
  let seeded: SeedResult
  let server: SyncServer
  let baseUrl: string

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    seeded = await seedBook(db, generateDemoBook(book), { now: new Date(), validForDays: 1 })
    server = await createSyncServer({ db, log: false })
    baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 })
  }, 120_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await server.close()
    await drop()
  })

  const pullAll = async (token: string, collection: CollectionName) => {
    const docs: PullResponse['documents'] = []
    let checkpoint: PullResponse['checkpoint'] = null
    for (;;) {
      const response = await fetch(
        `${baseUrl}/v1/sync/${collection}/pull?${pullSearchParams(checkpoint, 500)}`,
        { headers: { authorization: authorizationHeader(token) } },
      )
      expect(response.status).toBe(200)
      const page = (await response.json()) as PullResponse
      docs.push(...page.documents)
      checkpoint = page.checkpoint
      if (page.documents.length < 500) return docs
    }
  }

  it.skipIf(backend.skipReason)('loads every document of the book and tokens per role', () => {
    expect(seeded.documents).toEqual(countBook())
    const roles = seeded.tokens.map((t) => t.role)
    expect(new Set(roles)).toEqual(new Set(['admin', 'manager', 'csm', 'tam']))
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1)
  })

  it.skipIf(backend.skipReason)('gives each seeded CSM exactly the accounts they own', async () => {
    const admin = seeded.tokens.find((t) => t.role === 'admin')
    const csm = seeded.tokens.find((t) => t.role === 'csm')
    if (!admin || !csm) throw new Error('seed issued no admin or CSM token')
    const everything = await pullAll(admin.token, 'accounts')
    expect(everything).toHaveLength(book.accounts)
    const users = await pullAll(admin.token, 'users')
    const csmId = users.find((u) => u.email === csm.email)?.id
    const expected = everything
      .filter((a) => a.ownerId === csmId || a.tamId === csmId)
      .map((a) => a.id)
      .sort()
    const mine = (await pullAll(csm.token, 'accounts')).map((a) => a.id).sort()
    expect(mine).toEqual(expected)
    const tickets = await pullAll(csm.token, 'tickets')
    expect(tickets.every((t) => expected.includes(String(t.accountId)))).toBe(true)
  })

  it.skipIf(backend.skipReason)('changes nothing when the same book is loaded again', async () => {
    const high = async () =>
      (await db.query<{ seq: string }>('SELECT last_value::text AS seq FROM sync_seq'))[0]?.seq
    const rows = async () =>
      db.query('SELECT id, server_seq::text AS s FROM docs_tickets ORDER BY id')
    const before = await rows()
    await seedBook(db, generateDemoBook(book), { now: new Date(), validForDays: 1 })
    expect(await rows()).toEqual(before)
    expect(await high()).toBeDefined()
  })
})
