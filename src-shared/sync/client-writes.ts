import type { CollectionName } from '../model/registry'

/**
 * Collections the desktop app only reads: helpdesk tickets, product usage and the team's
 * users reach it from their sources through the team server, and no screen or service writes
 * them locally. They replicate pull-only, so RxDB keeps no per-document copy of the server's
 * state for them (it needs one only to push): tickets alone are two thirds of a large book's
 * documents and most of its bytes, and that copy doubled what a cold sync wrote to disk.
 *
 * A local write to one of them while signed in to sync is refused (see read-only-guard.ts in
 * the client): it would never reach the server and would be overwritten by the next pull.
 */
export const pullOnlyCollections: ReadonlySet<CollectionName> = new Set<CollectionName>([
  'tickets',
  'usageSnapshots',
  'users',
])

export function isPullOnly(collection: CollectionName): boolean {
  return pullOnlyCollections.has(collection)
}
