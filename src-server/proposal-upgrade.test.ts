import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleId } from '@shared/model/examples'
import { proposalSchema } from '@shared/model/proposal'
import type { SqlDatabase } from './db/database'
import { migrate, migrations } from './db/migrations'
import { skipping, testBackends } from './testing/backends'

/**
 * Server migration 3 rewrites proposals stored by v0 clients with the same step the clients'
 * RxDB runs, so a v1 client pulls valid heads (and its pushes of them pass the v1 schema).
 */

const created = '2026-01-05T09:00:00.000Z'
const v0 = {
  id: exampleId(140),
  accountId: exampleId(7),
  title: 'Enterprise support for Müller Logistik',
  status: 'declined',
  fromTierVersionId: exampleId(6),
  toTierId: exampleId(20),
  toTierVersionId: exampleId(21),
  seats: 600,
  currency: 'EUR',
  lines: [{ label: 'Seats', quantity: 7200, unitPriceMinor: 1400, amountMinor: 10_080_000 }],
  discountShare: 0,
  totalAnnualMinor: 10_080_000,
  currentAnnualMinor: 7_680_000,
  rationaleMarkdown: 'Growth',
  evidence: [],
  validUntil: '2026-03-01',
  sentAt: created,
  decidedAt: '2026-02-01T12:00:00.000Z',
  createdById: exampleId(2),
  createdAt: created,
  updatedAt: '2026-02-01T12:00:00.000Z',
  updatedBy: exampleId(2),
}

describe.each(testBackends)('proposal rows upgraded on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    // A server as it was before the upgrade, holding one v0 proposal.
    await migrate(db, migrations.slice(0, 2))
    await db.query(
      `INSERT INTO docs_proposals (id, data, deleted, server_seq) VALUES ($1, $2::jsonb, false, nextval('sync_seq'))`,
      [v0.id, JSON.stringify(v0)],
    )
  }, 60_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await drop()
  })

  it.skipIf(skipping(backend.skipReason))(
    'rewrites the row as a v1 head with a new seq, once',
    async () => {
      const [before] = await db.query<{ seq: string }>(
        'SELECT server_seq::text AS seq FROM docs_proposals WHERE id = $1',
        [v0.id],
      )
      expect(await migrate(db, migrations.slice(0, 3))).toEqual([3])
      const [after] = await db.query<{ seq: string; data: Record<string, unknown> }>(
        'SELECT server_seq::text AS seq, data FROM docs_proposals WHERE id = $1',
        [v0.id],
      )
      expect(Number(after?.seq)).toBeGreaterThan(Number(before?.seq))
      const head = proposalSchema.parse(after?.data)
      expect(head).toMatchObject({ status: 'lost', currentVersion: 0, ownerId: exampleId(2) })
      expect(head.statusHistory.at(-1)?.note).toBe('Declined by the customer')
      expect(await migrate(db, migrations.slice(0, 3))).toEqual([])
    },
  )
})
