import { collectionDefinitions, collectionNames, type CollectionName } from '../model/registry'

/**
 * Collections whose documents belong to one account through an `accountId` field: who may see
 * them is decided by who may see that account. Read from the schemas, so a new child collection
 * is covered without a list to keep in step (the server's tables say the same in SQL).
 */
export const accountChildNames: readonly CollectionName[] = Object.freeze(
  collectionNames.filter((name) =>
    Object.hasOwn(collectionDefinitions[name].rxSchema.properties, 'accountId'),
  ),
)

/** `accounts` and every collection that belongs to an account. */
export const accountScopedNames: readonly CollectionName[] = Object.freeze([
  'accounts',
  ...accountChildNames,
])
