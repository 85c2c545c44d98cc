import type { CollectionName } from '@shared/model/registry'

/** `usageSnapshots` → `docs_usage_snapshots`: one documents table per collection. */
export function tableOf(collection: CollectionName): string {
  return `docs_${collection.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`
}

/** Collections whose documents belong to an account through their `accountId` field. */
export const accountChildCollections = [
  'contacts',
  'usageSnapshots',
  'tickets',
  'activities',
  'ledgerEntries',
  'proposals',
  'proposalVersions',
  'alerts',
  'playbookRuns',
] as const satisfies readonly CollectionName[]

export type AccountChildCollection = (typeof accountChildCollections)[number]

export function isAccountChild(collection: CollectionName): collection is AccountChildCollection {
  return (accountChildCollections as readonly string[]).includes(collection)
}

/** The one LISTEN/NOTIFY channel; payloads are `{ collection, seq }` JSON. */
export const CHANGES_CHANNEL = 'tierline_sync_changes'
