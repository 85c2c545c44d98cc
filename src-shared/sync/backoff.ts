/**
 * Retry delays for the sync client: exponential growth with jitter, so many clients that lost
 * the same server do not come back in lock step. Pure: the random draw is passed in.
 */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  readonly baseMs: number
  /** The delay never grows past this. */
  readonly maxMs: number
}

export const defaultBackoff: BackoffPolicy = Object.freeze({ baseMs: 1_000, maxMs: 60_000 })

/**
 * The delay before retry number `attempt` (0 for the first): `base · 2^attempt` capped at `max`,
 * then scaled into its upper half by `random` ∈ [0, 1) ("equal jitter": never near zero, so a
 * failing server is not hammered, yet spread out).
 */
export function backoffDelay(attempt: number, random: number, policy = defaultBackoff): number {
  const exponent = Number.isFinite(attempt) ? Math.min(Math.max(0, Math.floor(attempt)), 30) : 0
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent)
  const unit = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0.5
  return Math.round(ceiling / 2 + (ceiling / 2) * unit)
}
