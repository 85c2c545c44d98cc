import type { z } from 'zod'
import { accountsCollection } from './account'
import { activitiesCollection } from './activity'
import { alertsCollection } from './alert'
import type { CollectionDefinition, MigrationSteps } from './collection'
import { contactsCollection } from './contact'
import { ledgerEntriesCollection } from './ledger'
import { libraryCollection } from './library'
import { playbookRunsCollection } from './playbook'
import { proposalsCollection } from './proposal'
import { proposalVersionsCollection } from './proposal-version'
import { ticketsCollection } from './ticket'
import { tiersCollection } from './tier'
import { usageSnapshotsCollection } from './usage'
import { usersCollection } from './user'

/** Checks at compile time that every key is its definition's own name. */
function registry<T extends { readonly [K in keyof T]: CollectionDefinition<K & string> }>(
  definitions: T,
): Readonly<T> {
  return Object.freeze(definitions)
}

/**
 * RxDB's open-source build refuses to open more than this many collections in one process
 * (error COL23, see rxdb/src/plugins/utils/utils-premium.ts). The model has reached it with
 * `proposalVersions`; further small definitions must go into `library` as a new kind.
 */
export const RXDB_OPEN_COLLECTION_LIMIT = 13

/**
 * Every collection of a workspace database, in dependency order (referenced before referencing),
 * which is also the order the demo book is emitted in.
 */
export const collectionDefinitions = registry({
  library: libraryCollection,
  users: usersCollection,
  tiers: tiersCollection,
  accounts: accountsCollection,
  contacts: contactsCollection,
  usageSnapshots: usageSnapshotsCollection,
  tickets: ticketsCollection,
  activities: activitiesCollection,
  ledgerEntries: ledgerEntriesCollection,
  proposals: proposalsCollection,
  proposalVersions: proposalVersionsCollection,
  alerts: alertsCollection,
  playbookRuns: playbookRunsCollection,
})

export type CollectionDefinitions = typeof collectionDefinitions
export type CollectionName = keyof CollectionDefinitions
export type SchemaOf<C extends CollectionName> = CollectionDefinitions[C]['schema']
/** The stored document type of a collection. */
export type DocumentOf<C extends CollectionName> = Readonly<z.output<SchemaOf<C>>>
export type AnyDocument = DocumentOf<CollectionName>

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collectionDefinitions, name)
}

export const collectionNames: readonly CollectionName[] = Object.freeze(
  Object.keys(collectionDefinitions).filter(isCollectionName),
)

const creator = <D extends CollectionDefinition>(definition: D) => ({
  schema: definition.rxSchema,
  migrationStrategies: definition.migrationStrategies,
})

/** The argument for RxDB's `db.addCollections(...)`: schema and migration steps per collection. */
export function rxCollectionCreators() {
  const d = collectionDefinitions
  return {
    library: creator(d.library),
    users: creator(d.users),
    tiers: creator(d.tiers),
    accounts: creator(d.accounts),
    contacts: creator(d.contacts),
    usageSnapshots: creator(d.usageSnapshots),
    tickets: creator(d.tickets),
    activities: creator(d.activities),
    ledgerEntries: creator(d.ledgerEntries),
    proposals: creator(d.proposals),
    proposalVersions: creator(d.proposalVersions),
    alerts: creator(d.alerts),
    playbookRuns: creator(d.playbookRuns),
  } satisfies Record<CollectionName, { readonly migrationStrategies: MigrationSteps }>
}
