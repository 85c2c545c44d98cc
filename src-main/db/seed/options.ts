/** How big a book to generate, and from which seed; the defaults give the demo workspace. */
export interface DemoBookOptions {
  /** Same seed and options → the same documents, byte for byte. */
  readonly seed?: number
  /** The book's "now" (ISO-8601 UTC); nothing reads the clock. */
  readonly asOf?: string
  /** `demo`: 300 accounts / 30,000 tickets. `benchmark`: 2,000 accounts / 200,000 tickets. */
  readonly size?: DemoBookSize
  /** Overrides the size's account count (tests use small books). */
  readonly accounts?: number
  /** Overrides the size's ticket count. */
  readonly tickets?: number
  /** Documents per emitted batch. */
  readonly batchSize?: number
}

export type DemoBookSize = 'demo' | 'benchmark'

export const DEFAULT_SEED = 1
export const DEFAULT_AS_OF = '2026-11-01T00:00:00.000Z'

export const bookSizes: Readonly<Record<DemoBookSize, { accounts: number; tickets: number }>> = {
  demo: { accounts: 300, tickets: 30_000 },
  benchmark: { accounts: 2_000, tickets: 200_000 },
}

export interface ResolvedOptions {
  readonly seed: number
  readonly asOf: string
  readonly asOfMs: number
  readonly accounts: number
  readonly tickets: number
  readonly batchSize: number
}

export function resolveOptions(options: DemoBookOptions = {}): ResolvedOptions {
  const size = bookSizes[options.size ?? 'demo']
  const asOf = options.asOf ?? DEFAULT_AS_OF
  const asOfMs = Date.parse(asOf)
  if (!Number.isFinite(asOfMs) || new Date(asOfMs).toISOString() !== asOf) {
    throw new RangeError(`asOf must be an ISO-8601 UTC time like ${DEFAULT_AS_OF}`)
  }
  const resolved = {
    seed: options.seed ?? DEFAULT_SEED,
    asOf,
    asOfMs,
    accounts: options.accounts ?? size.accounts,
    tickets: options.tickets ?? size.tickets,
    batchSize: options.batchSize ?? 1000,
  }
  if (!Number.isInteger(resolved.seed)) throw new RangeError('seed must be an integer')
  if (!Number.isInteger(resolved.accounts) || resolved.accounts < 1) {
    throw new RangeError('accounts must be a positive integer')
  }
  if (!Number.isInteger(resolved.tickets) || resolved.tickets < 0) {
    throw new RangeError('tickets must be a non-negative integer')
  }
  if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1) {
    throw new RangeError('batchSize must be a positive integer')
  }
  return resolved
}
