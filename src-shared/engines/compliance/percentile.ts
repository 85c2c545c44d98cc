/**
 * Nearest-rank percentile (the smallest value with at least `p` of the values at or below it),
 * the definition helpdesk reports use: the result is always an observed time, never an
 * interpolation. `null` for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.max(1, Math.ceil(p * sorted.length))
  return sorted[rank - 1] ?? null
}
