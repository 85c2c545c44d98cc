import { describe, expect, it } from 'vitest'
import { exampleId } from './examples'
import { proposalsV0RxSchema } from './fixtures/proposals-v0-schema'
import { migrateFixture, migrateThroughRxdb } from './migration-testing'
import { proposalSchema, proposalsCollection } from './proposal'

/**
 * Proposals v0 → v1: a v0 proposal becomes a head (status history, approval, owner, no
 * versions yet) and keeps its content in `legacy` until its first save. Fixtures are v0
 * documents as the v0 schema stored them, written under the frozen v0 RxDB schema for the
 * second test.
 */

const csm = exampleId(2)
const manager = exampleId(30)
const created = '2026-01-05T09:00:00.000Z'

function v0(n: number, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: exampleId(100 + n),
    accountId: exampleId(7),
    title: 'Enterprise support for Müller Logistik',
    status: 'draft',
    fromTierVersionId: exampleId(6),
    toTierId: exampleId(20),
    toTierVersionId: exampleId(21),
    seats: 600,
    currency: 'EUR',
    lines: [
      { label: 'Seats', quantity: 7200, unitPriceMinor: 1400, amountMinor: 10_080_000 },
      { label: 'Platform fee', quantity: 1, unitPriceMinor: 5_500_000, amountMinor: 5_500_000 },
    ],
    discountShare: 0.1,
    totalAnnualMinor: 14_022_000,
    currentAnnualMinor: 7_680_000,
    rationaleMarkdown: 'Three S1 incidents this quarter.',
    evidence: [{ kind: 's1-volume', summary: '3 S1 tickets in 90 days', value: 3 }],
    validUntil: '2026-03-01',
    sentAt: null,
    decidedAt: null,
    createdById: csm,
    createdAt: created,
    updatedAt: created,
    updatedBy: csm,
    ...fields,
  }
}

const sent = '2026-01-08T10:00:00.000Z'
const decided = '2026-02-01T12:00:00.000Z'
const fixtures = {
  draft: v0(1, {}),
  sent: v0(2, { status: 'sent', sentAt: sent, updatedAt: sent }),
  accepted: v0(3, {
    status: 'accepted',
    sentAt: sent,
    decidedAt: decided,
    updatedAt: decided,
    updatedBy: manager,
  }),
  declined: v0(4, {
    status: 'declined',
    sentAt: sent,
    decidedAt: decided,
    updatedAt: decided,
    discountShare: 0.2,
    totalAnnualMinor: 12_464_000,
  }),
  expired: v0(5, { status: 'expired', sentAt: sent, updatedAt: '2026-03-02T00:00:00.000Z' }),
}

describe('proposals v0 → v1', () => {
  it('turns a draft into a head with one history entry and its content kept in legacy', () => {
    expect(migrateFixture(proposalsCollection, 0, fixtures.draft)).toEqual({
      ok: true,
      value: {
        id: exampleId(101),
        accountId: exampleId(7),
        title: 'Enterprise support for Müller Logistik',
        status: 'draft',
        fromTierVersionId: exampleId(6),
        toTierId: exampleId(20),
        toTierVersionId: exampleId(21),
        ownerId: csm,
        currency: 'EUR',
        totalAnnualMinor: 14_022_000,
        totalContractValueMinor: 14_022_000,
        currentAnnualMinor: 7_680_000,
        currentVersion: 0,
        approval: {
          required: false,
          reasons: [],
          approvedById: null,
          approvedAt: null,
          approvedVersion: null,
        },
        statusHistory: [{ status: 'draft', byId: csm, at: created, note: null }],
        legacy: {
          seats: 600,
          lines: fixtures.draft['lines'],
          discountShare: 0.1,
          rationaleMarkdown: 'Three S1 incidents this quarter.',
          evidence: fixtures.draft['evidence'],
          validUntil: '2026-03-01',
        },
        sentAt: null,
        decidedAt: null,
        archived: false,
        createdById: csm,
        createdAt: created,
        updatedAt: created,
        updatedBy: csm,
      },
    })
  })

  it('maps sent and accepted as they were, declined and expired to lost with a note', () => {
    const statusOf = (doc: Record<string, unknown>) => {
      const result = migrateFixture(proposalsCollection, 0, doc)
      if (!result.ok || result.value === null) throw new Error(JSON.stringify(result))
      return result.value
    }
    expect(statusOf(fixtures.sent)).toMatchObject({ status: 'sent', sentAt: sent, decidedAt: null })
    const accepted = statusOf(fixtures.accepted)
    expect(accepted).toMatchObject({ status: 'accepted', decidedAt: decided })
    expect(accepted.statusHistory).toEqual([
      { status: 'draft', byId: csm, at: created, note: null },
      { status: 'sent', byId: csm, at: sent, note: null },
      // Whoever last wrote the decided v0 document recorded the decision.
      { status: 'accepted', byId: manager, at: decided, note: null },
    ])
    const declined = statusOf(fixtures.declined)
    expect(declined).toMatchObject({ status: 'lost', decidedAt: decided })
    expect(declined.statusHistory.at(-1)).toEqual({
      status: 'lost',
      byId: csm,
      at: decided,
      note: 'Declined by the customer',
    })
    // A 20 % discount is above the default threshold: the head says approval is needed.
    expect(declined.approval).toMatchObject({ required: true, approvedVersion: null })
    expect(declined.approval.reasons[0]?.message).toMatch(/20 % overall discount/)
    const expired = statusOf(fixtures.expired)
    expect(expired).toMatchObject({ status: 'lost', decidedAt: '2026-03-02T00:00:00.000Z' })
    expect(expired.statusHistory.at(-1)).toEqual({
      status: 'lost',
      byId: 'system:migration',
      at: '2026-03-02T00:00:00.000Z',
      note: 'Expired without a decision',
    })
  })

  it('still refuses a v0 document that was invalid, naming the field', () => {
    expect(migrateFixture(proposalsCollection, 0, { ...fixtures.draft, seats: -1 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^legacy\.seats: /),
    })
  })

  it('migrates stored v0 documents when RxDB reopens the collection at v1', async () => {
    const migrated = await migrateThroughRxdb({
      definition: proposalsCollection,
      oldSchema: proposalsV0RxSchema,
      oldDocuments: Object.values(fixtures),
    })
    expect(migrated).toHaveLength(5)
    const heads = migrated.map((doc) => proposalSchema.parse(doc))
    expect(Object.fromEntries(heads.map((head) => [head.id, head.status]))).toEqual({
      [exampleId(101)]: 'draft',
      [exampleId(102)]: 'sent',
      [exampleId(103)]: 'accepted',
      [exampleId(104)]: 'lost',
      [exampleId(105)]: 'lost',
    })
    expect(heads.every((head) => head.currentVersion === 0 && head.legacy !== null)).toBe(true)
  })
})
