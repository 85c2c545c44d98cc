import type { CollectionName } from '../model/registry'

/**
 * How a push conflict is settled, per collection. Everything ends with the server's version
 * applied locally (the server is the one order every client agrees on); the difference is
 * whether the local loser is kept.
 *
 * - `server-wins`: data whose source is outside Tierline or that the engines recompute (CRM
 *   fields of accounts, contacts, ticket events, usage, tiers and users that admins own, engine
 *   alerts). The local edit is dropped: the next import would overwrite it anyway.
 * - `keep-copy`: documents people author (notes and check-ins, saved views and other library
 *   items, proposals, playbook runs, ledger entries). The losing local version is kept as a
 *   conflict copy the user sees and resolves.
 */
export type ConflictPolicy = 'server-wins' | 'keep-copy'

export const conflictPolicies: Readonly<Record<CollectionName, ConflictPolicy>> = Object.freeze({
  library: 'keep-copy',
  users: 'server-wins',
  tiers: 'server-wins',
  accounts: 'server-wins',
  contacts: 'server-wins',
  usageSnapshots: 'server-wins',
  tickets: 'server-wins',
  activities: 'keep-copy',
  ledgerEntries: 'keep-copy',
  proposals: 'keep-copy',
  // Written once and never edited, so a conflict means two devices minted the same version.
  proposalVersions: 'keep-copy',
  alerts: 'server-wins',
  playbookRuns: 'keep-copy',
})
