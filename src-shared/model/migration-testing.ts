import { addRxPlugin, createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb'
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv'
import { z } from 'zod'
import type { CollectionDefinition } from './collection'
import type { DocumentSchema } from './rx-schema'

/**
 * Helpers for migration tests. Every version step of every collection gets two tests:
 * 1. `migrateFixture`: old-version fixture documents → the pure steps → valid under today's zod
 *    schema (fast, names the failing field);
 * 2. `migrateThroughRxdb`: the same fixtures written by a real RxDB database under the old JSON
 *    schema (kept as a frozen fixture beside the test), the database closed and reopened under
 *    the current definition, and the migrated documents read back.
 * Test-only: imports RxDB's in-memory storage and dev-mode, never used by the app.
 */

let pluginsAdded = false

/** Dev-mode (schema and query checks) and migrations, once per process. */
export function addTestPlugins(): void {
  if (pluginsAdded) return
  disableWarnings()
  addRxPlugin(RxDBDevModePlugin)
  addRxPlugin(RxDBMigrationSchemaPlugin)
  pluginsAdded = true
}

/** In-memory storage behind an ajv validator, as dev-mode requires a validating storage. */
export function createTestStorage(): RxStorage<unknown, unknown> {
  return wrappedValidateAjvStorage({ storage: getRxStorageMemory() })
}

export type FixtureResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly version: number; readonly message: string }

/** Runs the steps after `fromVersion` on one stored document and parses the result. */
export function migrateFixture<S extends DocumentSchema>(
  definition: CollectionDefinition<string, S>,
  fromVersion: number,
  oldDocument: Readonly<Record<string, unknown>>,
): FixtureResult<z.output<S> | null> {
  let document: Record<string, unknown> | null = { ...oldDocument }
  for (let version = fromVersion + 1; version <= definition.version; version++) {
    const step = definition.migrationStrategies[version]
    if (step === undefined) return { ok: false, version, message: 'no migration step' }
    if (document === null) break
    document = step(document)
  }
  if (document === null) return { ok: true, value: null }
  const parsed = z.safeParse(definition.schema, document)
  // zod cannot resolve the output type of a generic schema parameter; it is z.output<S>.
  if (parsed.success) return { ok: true, value: parsed.data as z.output<S> }
  const issue = parsed.error.issues[0]
  return {
    ok: false,
    version: definition.version,
    message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
  }
}

export interface RxdbMigrationInput {
  readonly definition: CollectionDefinition
  /** The collection's RxDB schema as it was at the old version (a frozen fixture). */
  readonly oldSchema: RxJsonSchema<Record<string, unknown>>
  readonly oldDocuments: readonly Record<string, unknown>[]
}

/** Writes documents under the old schema, reopens under the current one, returns what RxDB migrated. */
export async function migrateThroughRxdb(
  input: RxdbMigrationInput,
): Promise<Record<string, unknown>[]> {
  addTestPlugins()
  const storage = createTestStorage()
  const name = `migration${input.definition.name.toLowerCase()}${Math.random().toString(36).slice(2, 10)}`
  const collection = input.definition.name

  const before = await createRxDatabase({ name, storage, ignoreDuplicate: true })
  await before.addCollections({ [collection]: { schema: input.oldSchema } })
  await before.collections[collection]?.bulkInsert([...input.oldDocuments])
  await before.close()

  const after = await createRxDatabase({ name, storage, ignoreDuplicate: true })
  try {
    // autoMigrate (the default) makes addCollections wait until the old documents are migrated.
    await after.addCollections({
      [collection]: {
        schema: input.definition.rxSchema,
        migrationStrategies: input.definition.migrationStrategies,
      },
    })
    const docs = (await after.collections[collection]?.find().exec()) ?? []
    return docs.map((doc) => doc.toMutableJSON())
  } finally {
    await after.remove()
  }
}
