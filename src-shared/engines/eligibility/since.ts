import type { Instant } from '../calendar/business-time'

/**
 * Since when "at least `min` of these instants fell in the trailing `windowMs`" has held
 * without interruption up to `now`; null when it does not hold at `now`. The count is a step
 * function that rises at each instant and falls `windowMs` later, so it is enough to look at
 * those steps. Used to date a signal's first appearance from the data alone, so re-running the
 * engine later gives the same date (and the same reminder id).
 */
export function heldSince(
  instants: readonly Instant[],
  windowMs: number,
  min: number,
  now: Instant,
): Instant | null {
  const times = instants.filter((t) => t <= now)
  const count = (x: Instant) => times.filter((t) => t <= x && t >= x - windowMs).length
  if (count(now) < min) return null
  const steps = [...new Set([...times, ...times.map((t) => t + windowMs + 1)])]
    .filter((x) => x <= now)
    .sort((a, b) => a - b)
  let since: Instant | null = null
  for (let i = steps.length - 1; i >= 0; i--) {
    const x = steps[i] ?? now
    if (count(x) < min) break
    since = x
  }
  return since ?? now
}
