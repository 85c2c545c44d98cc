import { describe, expect, it } from 'vitest'
import { exampleDocuments } from './examples'
import { currentTierVersions, tierDefinitionSchema } from './tier'
import { diffJson } from './tier-diff'

const [premium] = exampleDocuments.tiers
if (premium === undefined) throw new Error('example tier missing')

describe('tier versions', () => {
  it('picks the latest effective version of each tier, in rank order', () => {
    const v2 = { ...premium, id: 'v2', version: 2, effectiveFrom: '2026-04-01' }
    const v3 = { ...premium, id: 'v3', version: 3, effectiveFrom: '2027-01-01' }
    const other = { ...premium, id: 'o1', tierId: 'other', rank: 1 }
    const current = currentTierVersions([v3, premium, other, v2], '2026-11-01')
    expect(current.map((version) => version.id)).toEqual(['o1', 'v2'])
    expect(currentTierVersions([v2, premium], '2026-03-31').map((v) => v.id)).toEqual([premium.id])
  })

  it('diffs definitions by dotted path', () => {
    const before = premium.definition
    const after = {
      ...before,
      sla: {
        ...before.sla,
        S1: { ...before.sla.S1, firstResponse: { minutes: 15, hours: '24x7' as const } },
      },
      entitlements: {
        ...before.entitlements,
        channels: [...before.entitlements.channels, 'slack'],
      },
    }
    expect(diffJson(before, after)).toEqual([
      { path: 'entitlements.channels.4', op: 'added', after: 'slack' },
      { path: 'sla.S1.firstResponse.minutes', op: 'changed', before: 30, after: 15 },
    ])
    expect(diffJson({ a: null }, { a: { b: 1 } })).toEqual([
      { path: 'a', op: 'changed', before: null, after: { b: 1 } },
    ])
    expect(diffJson({ a: 1, b: 2 }, { a: 1 })).toEqual([{ path: 'b', op: 'removed', before: 2 }])
    expect(diffJson(before, structuredClone(before))).toEqual([])
  })

  it('refuses periodic updates below S2, duplicate currencies and gaps in the escalation path', () => {
    const definition = premium.definition
    const result = tierDefinitionSchema.safeParse({
      ...definition,
      prices: [...definition.prices, ...definition.prices],
      sla: {
        ...definition.sla,
        S3: { ...definition.sla.S3, periodicUpdate: { minutes: 60, hours: 'business' } },
      },
      escalation: definition.escalation.map((level) => ({ ...level, level: level.level + 1 })),
    })
    const paths = result.error?.issues.map((issue) => issue.path.join('.'))
    expect(paths).toEqual(
      expect.arrayContaining(['sla.S3.periodicUpdate', 'prices.1.currency', 'escalation.0.level']),
    )
  })
})
