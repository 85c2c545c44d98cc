import type { RxJsonSchema } from 'rxdb'
import type { z } from 'zod'
import {
  deriveRxJsonSchema,
  SchemaDerivationError,
  type DocumentSchema,
  type IndexSpec,
} from './rx-schema'

/**
 * One migration step: the document as stored under version N-1 in, the document for version N
 * out (or `null` to drop it). Pure, synchronous, no lookups: RxDB runs it during the upgrade, the
 * sync server runs the same function on rows it receives from older clients, and each step has a
 * fixture test (see migration-testing.ts).
 */
export type MigrationStep = (
  oldDocument: Readonly<Record<string, unknown>>,
) => Record<string, unknown> | null

/** Steps keyed by the version they produce: `{ 1: v0→v1, 2: v1→v2 }`, as RxDB expects. */
export type MigrationSteps = Readonly<Record<number, MigrationStep>>

export interface CollectionSpec<N extends string, S extends DocumentSchema> {
  readonly name: N
  readonly schema: S
  readonly version: number
  readonly description: string
  readonly primaryKey?: string
  readonly indexes?: readonly IndexSpec[]
  readonly migrationStrategies?: MigrationSteps
}

export interface CollectionDefinition<
  N extends string = string,
  S extends DocumentSchema = DocumentSchema,
> {
  readonly name: N
  /** The source of truth: parse with it before every write that did not come from RxDB. */
  readonly schema: S
  readonly version: number
  readonly primaryKey: string
  readonly indexes: readonly IndexSpec[]
  /** Derived from {@link schema}; give it to `addCollections`. */
  readonly rxSchema: RxJsonSchema<z.output<S>>
  readonly migrationStrategies: MigrationSteps
}

/** Builds a collection definition, failing fast when a version has no migration step. */
export function defineCollection<N extends string, S extends DocumentSchema>(
  spec: CollectionSpec<N, S>,
): CollectionDefinition<N, S> {
  const primaryKey = spec.primaryKey ?? 'id'
  const indexes = spec.indexes ?? []
  const migrationStrategies = spec.migrationStrategies ?? {}
  const expected = Array.from({ length: spec.version }, (_, i) => i + 1)
  const declared = Object.keys(migrationStrategies).map(Number)
  const missing = expected.filter((version) => typeof migrationStrategies[version] !== 'function')
  const extra = declared.filter((version) => !expected.includes(version))
  if (missing.length > 0 || extra.length > 0) {
    throw new SchemaDerivationError(
      spec.name,
      `version ${spec.version} needs migration steps exactly for ${expected.join(', ') || 'none'}` +
        ` (missing: ${missing.join(', ') || 'none'}, unexpected: ${extra.join(', ') || 'none'})`,
    )
  }
  return {
    name: spec.name,
    schema: spec.schema,
    version: spec.version,
    primaryKey,
    indexes,
    rxSchema: deriveRxJsonSchema(spec.schema, {
      title: spec.name,
      description: spec.description,
      version: spec.version,
      primaryKey,
      indexes,
    }),
    migrationStrategies,
  }
}
