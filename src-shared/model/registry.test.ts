import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments } from './examples'
import { addTestPlugins, createTestStorage } from './migration-testing'
import {
  collectionDefinitions,
  collectionNames,
  isCollectionName,
  RXDB_OPEN_COLLECTION_LIMIT,
  rxCollectionCreators,
  type CollectionName,
} from './registry'

type Collections = { [C in CollectionName]: RxCollection<Record<string, unknown>> }

describe('collection registry', () => {
  it('stays within RxDB’s open-collection limit (the model is at it: new kinds go into library)', () => {
    expect(collectionNames.length).toBeLessThanOrEqual(RXDB_OPEN_COLLECTION_LIMIT)
  })

  it('names every collection after its key and derives its RxDB schema', () => {
    for (const name of collectionNames) {
      const definition = collectionDefinitions[name]
      expect(definition.name).toBe(name)
      expect(definition.rxSchema.title).toBe(name)
      expect(definition.rxSchema.version).toBe(definition.version)
      expect(definition.rxSchema.primaryKey).toBe('id')
      expect(definition.rxSchema.required).toEqual(expect.arrayContaining(['id']))
    }
    expect(isCollectionName('tickets')).toBe(true)
    expect(isCollectionName('toString')).toBe(false)
  })

  it('gives every document updatedAt and updatedBy', () => {
    for (const name of collectionNames) {
      const required = collectionDefinitions[name].rxSchema.required ?? []
      expect(required, name).toEqual(expect.arrayContaining(['updatedAt', 'updatedBy']))
    }
  })

  it.each(collectionNames)('has valid example %s documents', (name) => {
    expect(exampleDocuments[name].length).toBeGreaterThan(0)
    for (const doc of exampleDocuments[name]) {
      const result = collectionDefinitions[name].schema.safeParse(doc)
      expect(result.error?.issues ?? []).toEqual([])
    }
  })

  it('has an example of every kind in the union collections', () => {
    expect(exampleDocuments.library.map((doc) => doc.kind).sort()).toEqual([
      'calendar',
      'caseStudy',
      'playbook',
      'savedView',
      'storyTemplate',
      'workspace',
    ])
    expect(exampleDocuments.activities.map((doc) => doc.kind).sort()).toEqual([
      'call',
      'check-in',
      'note',
      'qbr',
    ])
  })
})

describe('RxDB (dev-mode, ajv-validated memory storage) accepts the derived schemas', () => {
  let db: RxDatabase<Collections>

  beforeAll(async () => {
    addTestPlugins()
    db = await createRxDatabase<Collections>({ name: 'registrytest', storage: createTestStorage() })
    await db.addCollections(rxCollectionCreators())
  })

  afterAll(async () => {
    await db.remove()
  })

  it.each(collectionNames)('stores and reads back %s documents', async (name) => {
    const collection = db.collections[name]
    for (const doc of exampleDocuments[name]) {
      await collection.insert(doc)
      const stored = await collection.findOne(doc.id).exec()
      expect(stored?.toJSON()).toEqual(doc)
    }
  })

  it('refuses in storage what the JSON schema refuses', async () => {
    const [user] = exampleDocuments.users
    await expect(db.collections.users.insert({ ...user, email: 42 })).rejects.toThrow()
    const calendar = exampleDocuments.library.find((doc) => doc.kind === 'calendar')
    // A calendar without its zone breaks the calendar kind's own required fields (top-level oneOf).
    const withoutZone = Object.fromEntries(
      Object.entries({ ...calendar, id: '01KDZ0000000000000000000ZZ' }).filter(
        ([key]) => key !== 'timeZone',
      ),
    )
    await expect(db.collections.library.insert(withoutZone)).rejects.toThrow()
  })

  it('answers the screens’ queries through the indexes', async () => {
    const [account] = exampleDocuments.accounts
    const byTier = await db.collections.accounts
      .find({ selector: { tierId: account?.tierId }, sort: [{ arrReportingMinor: 'desc' }] })
      .exec()
    expect(byTier.map((doc) => doc.primary)).toEqual([account?.id])
    const openS1 = await db.collections.tickets
      .find({ selector: { severity: 'S1', status: { $in: ['open', 'new'] } } })
      .exec()
    expect(openS1).toEqual([])
    const calendars = await db.collections.library
      .find({ selector: { kind: 'calendar' }, sort: [{ name: 'asc' }] })
      .exec()
    expect(calendars).toHaveLength(1)
  })
})
