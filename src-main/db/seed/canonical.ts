import { createHash } from 'node:crypto'
import { generateDemoBook, type DemoBatch } from './demo-book'
import type { DemoBookOptions } from './options'

/**
 * The canonical output of a book: one line per document, `collection<TAB>JSON`, in emission
 * order. Plain JSON.stringify is canonical here because every generator builds its objects with
 * a fixed key order — and hashing the bytes exactly as produced is the stricter check: a key
 * order that varied between runs would be non-determinism too.
 */
export function hashBatches(
  batches: Iterable<DemoBatch>,
  onBatch?: (batch: DemoBatch) => void,
): string {
  const hash = createHash('sha256')
  for (const batch of batches) {
    onBatch?.(batch)
    for (const doc of batch.docs) hash.update(`${batch.collection}\t${JSON.stringify(doc)}\n`)
  }
  return hash.digest('hex')
}

/** sha256 (hex) of the canonical output of the book for these options. */
export function hashDemoBook(options: DemoBookOptions = {}): string {
  return hashBatches(generateDemoBook(options))
}
