import { describe, expect, it } from 'vitest'
import { exampleDocuments, exampleId } from './examples'
import { libraryV0RxSchema } from './fixtures/library-v0-schema'
import { libraryCollection } from './library'
import { migrateFixture, migrateThroughRxdb } from './migration-testing'
import { defaultBranding, type WorkspaceSettings } from './workspace-settings'

/**
 * Library v0 → v1: the workspace document gains the proposal approval threshold and branding;
 * the other kinds pass through untouched. Fixtures are v0 documents (today's examples minus the
 * v1 fields), written under the frozen v0 RxDB schema for the second test.
 */

const meta = { updatedAt: '2026-01-05T09:00:00.000Z', updatedBy: exampleId(1) }
const examples = exampleDocuments.library
const workspace = examples.find((doc): doc is WorkspaceSettings => doc.kind === 'workspace')
if (workspace === undefined) throw new Error('the examples have no workspace document')
const { approvalThresholdShare: _threshold, branding: _branding, ...v0Workspace } = workspace
const v0Calendar = examples.find((doc) => doc.kind === 'calendar')
const v0View = examples.find((doc) => doc.kind === 'savedView')

describe('library v0 → v1', () => {
  it('gives the workspace document the default threshold and branding named after it', () => {
    expect(migrateFixture(libraryCollection, 0, v0Workspace)).toEqual({
      ok: true,
      value: {
        ...v0Workspace,
        approvalThresholdShare: 0.15,
        branding: {
          companyName: 'Example workspace',
          primaryColour: '#1c7ed6',
          accentColour: '#f08c00',
          logoDataUrl: null,
        },
      },
    })
  })

  it('keeps calendars and saved views as they were', () => {
    expect(migrateFixture(libraryCollection, 0, v0Calendar ?? {})).toEqual({
      ok: true,
      value: v0Calendar,
    })
    expect(migrateFixture(libraryCollection, 0, v0View ?? {})).toEqual({ ok: true, value: v0View })
  })

  it('still refuses a v0 document that was invalid, naming the field', () => {
    expect(
      migrateFixture(libraryCollection, 0, { ...v0Workspace, ...meta, updatedAt: 'x' }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^updatedAt: /),
    })
  })

  it('falls back to a usable company name when the old name is blank after trimming', () => {
    expect(defaultBranding('   ').companyName).toBe('Tierline')
    expect(defaultBranding('x'.repeat(200)).companyName).toHaveLength(120)
  })

  it('migrates stored documents when RxDB reopens the collection at v1', async () => {
    const migrated = await migrateThroughRxdb({
      definition: libraryCollection,
      oldSchema: libraryV0RxSchema,
      oldDocuments: [v0Workspace, v0Calendar, v0View].map((doc) => ({ ...doc })),
    })
    expect(migrated).toHaveLength(3)
    const parsed = migrated.map((doc) => {
      const { _rev, _meta, _attachments, _deleted, ...rest } = doc
      return libraryCollection.schema.parse(rest)
    })
    const settings = parsed.find((doc) => doc.kind === 'workspace')
    expect(settings).toMatchObject({
      approvalThresholdShare: 0.15,
      branding: { logoDataUrl: null },
    })
    expect(parsed.find((doc) => doc.kind === 'calendar')).toEqual(v0Calendar)
  })
})
