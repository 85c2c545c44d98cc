import { describe, expect, it } from 'vitest'
import type { CollectionName } from '@shared/model/registry'
import { validateBatch } from '@shared/model/validate'
import { generateDemoBook } from './demo-book'
import { bookSizes } from './options'

/**
 * The benchmark book (2,000 accounts, 200,000 tickets) is generated whole, as a stream; a sample
 * of its batches — the first and last of each collection and every tenth in between — goes
 * through the zod schemas. Its speed is measured in bench/seed.bench.ts, not asserted here.
 */
describe('the benchmark book', () => {
  it('streams 2,000 accounts and 200,000 tickets in batches, and sampled batches are valid', () => {
    const counts = new Map<CollectionName, number>()
    const seen = new Map<CollectionName, number>()
    const invalid: string[] = []
    let previous: CollectionName | undefined
    let previousDocs: readonly unknown[] = []
    let largest = 0
    let peakHeap = 0
    const check = (collection: CollectionName, docs: readonly unknown[]) => {
      const result = validateBatch(collection, docs)
      for (const failure of result.failures.slice(0, 3)) invalid.push(failure.error.message)
    }
    for (const batch of generateDemoBook({ size: 'benchmark' })) {
      const index = seen.get(batch.collection) ?? 0
      seen.set(batch.collection, index + 1)
      counts.set(batch.collection, (counts.get(batch.collection) ?? 0) + batch.docs.length)
      largest = Math.max(largest, batch.docs.length)
      if (index === 0 || index % 10 === 0) check(batch.collection, batch.docs)
      // The last batch of the previous collection, now that we know it was the last.
      if (previous !== undefined && previous !== batch.collection) check(previous, previousDocs)
      previous = batch.collection
      previousDocs = batch.docs
      if (index % 20 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
    }
    if (previous !== undefined) check(previous, previousDocs)

    expect(invalid).toEqual([])
    expect(counts.get('accounts')).toBe(bookSizes.benchmark.accounts)
    expect(counts.get('tickets')).toBe(bookSizes.benchmark.tickets)
    expect(counts.get('usageSnapshots')).toBe(bookSizes.benchmark.accounts * 12)
    expect(seen.get('tickets')).toBe(200)
    expect(largest).toBe(1000)
    // The book is about 800 MB as JSON (more as objects); streamed, the heap stays far below.
    expect(peakHeap).toBeLessThan(512 * 1024 ** 2)
  }, 180_000)
})
