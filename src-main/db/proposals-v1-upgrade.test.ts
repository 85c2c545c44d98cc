import { join } from 'node:path'
import { createRxDatabase } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { exampleId } from '@shared/model/examples'
import { proposalsV0RxSchema } from '@shared/model/fixtures/proposals-v0-schema'
import type { Proposal } from '@shared/model/proposal'
import { recordingLogger } from '../../test/fixtures/recording-logger'
import { tempDir } from '../../test/fixtures/temp-dir'
import { getRxStorageSqlite } from './storage'
import { openWorkspaceStore } from './workspace-store'

/**
 * A workspace file written while proposals were at v0 opens in this Tierline: the workspace
 * store migrates them on our SQLite storage into heads, their content kept in `legacy`.
 */
describe('opening a workspace stored with proposals v0', () => {
  it('migrates every proposal into a v1 head and keeps its content', async () => {
    const file = join(await tempDir('tierline-proposals-v0-'), 'tierline.sqlite')
    const at = '2026-01-05T09:00:00.000Z'
    const v0 = ['draft', 'sent', 'expired'].map((status, index) => ({
      id: exampleId(150 + index),
      accountId: exampleId(7),
      title: `Proposal ${index + 1}`,
      status,
      fromTierVersionId: exampleId(6),
      toTierId: exampleId(20),
      toTierVersionId: exampleId(21),
      seats: 100,
      currency: 'EUR',
      lines: [{ label: 'Seats', quantity: 1200, unitPriceMinor: 1400, amountMinor: 1_680_000 }],
      discountShare: 0.05,
      totalAnnualMinor: 1_596_000,
      currentAnnualMinor: 1_000_000,
      rationaleMarkdown: `Why ${index + 1}`,
      evidence: [],
      validUntil: '2026-03-01',
      sentAt: status === 'draft' ? null : at,
      decidedAt: null,
      createdById: exampleId(2),
      createdAt: at,
      updatedAt: at,
      updatedBy: exampleId(2),
    }))
    const old = await createRxDatabase({
      name: 'tierline',
      storage: getRxStorageSqlite({ fileFor: () => file }),
      multiInstance: false,
    })
    await old.addCollections({ proposals: { schema: proposalsV0RxSchema } })
    await old.collections['proposals']?.bulkInsert(v0)
    await old.close()

    const store = await openWorkspaceStore({ file, log: recordingLogger(), onChange: () => {} })
    try {
      expect(store.status()).toMatchObject({ state: 'ready' })
      const heads = (await store.rx().proposals.find().exec())
        .map((doc) => doc.toJSON() as Proposal)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      expect(heads.map((head) => [head.title, head.status, head.currentVersion])).toEqual([
        ['Proposal 1', 'draft', 0],
        ['Proposal 2', 'sent', 0],
        ['Proposal 3', 'lost', 0],
      ])
      expect(heads.map((head) => head.legacy?.rationaleMarkdown)).toEqual([
        'Why 1',
        'Why 2',
        'Why 3',
      ])
    } finally {
      await store.close()
    }
  })
})
