import { join } from 'node:path'
import { createRxDatabase } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { exampleDocuments } from '@shared/model/examples'
import { libraryV0RxSchema } from '@shared/model/fixtures/library-v0-schema'
import type { LibraryDocument } from '@shared/model/library'
import { recordingLogger } from '../../test/fixtures/recording-logger'
import { tempDir } from '../../test/fixtures/temp-dir'
import { getRxStorageSqlite } from './storage'
import { openWorkspaceStore } from './workspace-store'

/**
 * A workspace file written by a Tierline whose library was at v0 opens in this one: the
 * workspace store migrates it on our SQLite storage (not only RxDB's memory storage, which the
 * model's migration test uses), and the workspace document gains the proposal settings.
 */
describe('opening a workspace stored with library v0', () => {
  it('migrates the library and keeps every document', async () => {
    const file = join(await tempDir('tierline-library-v0-'), 'tierline.sqlite')
    const v0 = exampleDocuments.library
      .filter((doc) => doc.kind !== 'caseStudy' && doc.kind !== 'storyTemplate')
      .map((doc) => {
        if (doc.kind !== 'workspace') return { ...doc }
        const { approvalThresholdShare: _t, branding: _b, ...old } = doc
        return old
      })
    const old = await createRxDatabase({
      name: 'tierline',
      storage: getRxStorageSqlite({ fileFor: () => file }),
      multiInstance: false,
    })
    await old.addCollections({ library: { schema: libraryV0RxSchema } })
    await old.collections['library']?.bulkInsert(v0)
    await old.close()

    const store = await openWorkspaceStore({ file, log: recordingLogger(), onChange: () => {} })
    try {
      expect(store.status()).toMatchObject({ state: 'ready' })
      const docs = (await store.rx().library.find().exec()).map(
        (doc) => doc.toJSON() as LibraryDocument,
      )
      expect(docs.map((doc) => doc.id).sort()).toEqual(v0.map((doc) => doc.id).sort())
      const settings = docs.find((doc) => doc.kind === 'workspace')
      expect(settings).toMatchObject({
        approvalThresholdShare: 0.15,
        branding: { companyName: 'Example workspace', logoDataUrl: null },
      })
    } finally {
      await store.close()
    }
  })
})
