import { describe, expect, it } from 'vitest'
import { generateDemoBook } from './demo-book'
import { DEFAULT_AS_OF, resolveOptions } from './options'

describe('demo book options', () => {
  it('defaults to the demo size at a fixed asOf', () => {
    expect(resolveOptions()).toMatchObject({
      seed: 1,
      asOf: DEFAULT_AS_OF,
      accounts: 300,
      tickets: 30_000,
      batchSize: 1000,
    })
    expect(resolveOptions({ size: 'benchmark' })).toMatchObject({
      accounts: 2000,
      tickets: 200_000,
    })
  })

  it('refuses options it cannot honour', () => {
    expect(() => resolveOptions({ asOf: '2026-11-01' })).toThrow(/asOf/)
    expect(() => resolveOptions({ accounts: 0 })).toThrow(/accounts/)
    expect(() => resolveOptions({ seed: 1.5 })).toThrow(/seed/)
    expect(() => resolveOptions({ batchSize: 0 })).toThrow(/batchSize/)
  })

  it('honours a different asOf, keeping every document at or before it', () => {
    const asOf = '2027-03-15T12:00:00.000Z'
    let tickets = 0
    for (const batch of generateDemoBook({ asOf, accounts: 12, tickets: 300, batchSize: 50 })) {
      expect(batch.docs.length).toBeLessThanOrEqual(50)
      for (const doc of batch.docs)
        expect(doc.updatedAt <= asOf, `${batch.collection} ${doc.id}`).toBe(true)
      if (batch.collection === 'tickets') tickets += batch.docs.length
    }
    expect(tickets).toBe(300)
  })
})
