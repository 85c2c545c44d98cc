/**
 * The `updatedAt` of an edit: now, but always after the version it replaces. Editors detect a
 * stale save by comparing the `updatedAt` they loaded with the stored one, so two saves within
 * one millisecond must still leave different stamps, or the second stale save would pass.
 */
export function nextUpdatedAt(previous: string, now: Date): string {
  const after = Date.parse(previous) + 1
  return new Date(Math.max(now.getTime(), Number.isNaN(after) ? 0 : after)).toISOString()
}
