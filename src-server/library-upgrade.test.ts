import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments } from '@shared/model/examples'
import { libraryDocumentSchema } from '@shared/model/library'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import type { SqlDatabase } from './db/database'
import { migrate, migrations } from './db/migrations'
import { skipping, testBackends } from './testing/backends'

/**
 * Server migration 4 rewrites the workspace settings stored by v0 clients with the library's
 * v0 → v1 step, so a v1 client pulls settings its schema accepts; other library rows stay.
 */

const workspace = exampleDocuments.library.find(
  (doc): doc is WorkspaceSettings => doc.kind === 'workspace',
)
if (workspace === undefined) throw new Error('the examples have no workspace document')
const { approvalThresholdShare: _t, branding: _b, ...v0Workspace } = workspace
const calendar = exampleDocuments.library.find((doc) => doc.kind === 'calendar')
if (calendar === undefined) throw new Error('the examples have no calendar')

describe.each(testBackends)('library rows upgraded on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    await migrate(db, migrations.slice(0, 3))
    for (const doc of [v0Workspace, calendar]) {
      await db.query(
        `INSERT INTO docs_library (id, data, deleted, server_seq) VALUES ($1, $2::jsonb, false, nextval('sync_seq'))`,
        [doc.id, JSON.stringify(doc)],
      )
    }
  }, 60_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await drop()
  })

  it.skipIf(skipping(backend.skipReason))(
    'gives the workspace row the defaults with a new seq, once, and leaves the calendar',
    async () => {
      const seqs = async () =>
        new Map(
          (
            await db.query<{ id: string; seq: string }>(
              'SELECT id, server_seq::text AS seq FROM docs_library',
            )
          ).map((row) => [row.id, Number(row.seq)]),
        )
      const before = await seqs()
      expect(await migrate(db)).toEqual([4])
      const after = await seqs()
      expect(after.get('workspace')).toBeGreaterThan(before.get('workspace') ?? Infinity)
      expect(after.get(calendar.id)).toBe(before.get(calendar.id))
      const [row] = await db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM docs_library WHERE id = 'workspace'",
      )
      expect(libraryDocumentSchema.parse(row?.data)).toMatchObject({
        approvalThresholdShare: 0.15,
        branding: { companyName: 'Example workspace', logoDataUrl: null },
      })
      expect(await migrate(db)).toEqual([])
    },
  )
})
