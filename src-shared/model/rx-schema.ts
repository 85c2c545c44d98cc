import type { RxJsonSchema } from 'rxdb'
import { z } from 'zod'

/**
 * Derives an RxDB JSON schema from a zod schema, so the zod schema stays the one source of
 * truth for a collection's shape. What RxDB needs on top of plain JSON Schema (primary key,
 * version, indexes, bounded index fields) is added here and checked here, at definition time,
 * with messages that name the field — instead of an RxDB error code when a database opens.
 *
 * A collection's zod schema is an object, or a discriminated union of objects (documents of
 * several kinds in one collection). RxDB wants top-level `properties`, so a union becomes the
 * merged properties of its members — a field the members type differently becomes `anyOf`, and
 * a discriminator becomes one string enum so it can be indexed — plus a top-level `oneOf` that
 * still checks each kind's own required fields.
 */

type Json = Record<string, unknown>

/** What a collection's documents are described by. */
export type DocumentSchema = z.ZodObject | z.ZodDiscriminatedUnion<readonly z.ZodObject[]>

export type IndexSpec = string | readonly string[]

export interface RxSchemaOptions {
  readonly title: string
  readonly version: number
  readonly primaryKey: string
  readonly indexes?: readonly IndexSpec[]
  readonly description?: string
}

export class SchemaDerivationError extends Error {
  constructor(title: string, message: string) {
    super(`${title}: ${message}`)
    this.name = 'SchemaDerivationError'
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Removes what RxDB refuses or ignores: the `$schema` tag and nested `default`s. */
function clean(node: unknown, title: string, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => clean(item, title, depth))
  if (!isObject(node)) return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' || key === '$defs' || key === 'definitions') {
      // Recursive or shared zod schemas become refs, which RxDB does not resolve.
      throw new SchemaDerivationError(title, `schemas must not be recursive or use refs (${key})`)
    }
    if (key === '$schema') continue
    if (key === 'default' && depth > 0) continue
    out[key] = clean(value, title, depth + 1)
  }
  return out
}

function fieldSchema(root: Json, path: string, title: string): { node: Json; required: boolean } {
  let parent = root
  let node: Json | undefined
  let required = true
  for (const part of path.split('.')) {
    const properties = parent['properties']
    const child = isObject(properties) ? properties[part] : undefined
    if (!isObject(child)) throw new SchemaDerivationError(title, `unknown field "${path}"`)
    const requiredList = parent['required']
    required &&= Array.isArray(requiredList) && requiredList.includes(part)
    node = child
    parent = child
  }
  if (node === undefined) throw new SchemaDerivationError(title, `empty field path`)
  return { node, required }
}

function longest(values: readonly unknown[]): number | undefined {
  if (!values.every((value) => typeof value === 'string')) return undefined
  return Math.max(...values.map((value) => (value as string).length))
}

/** Makes a field usable in an RxDB index, or says exactly why it cannot be. */
function prepareKeyField(root: Json, path: string, title: string, role: string): void {
  const { node, required } = fieldSchema(root, path, title)
  if (!required) throw new SchemaDerivationError(title, `${role} "${path}" must be required`)
  const type = node['type']
  if (typeof type !== 'string') {
    throw new SchemaDerivationError(
      title,
      `${role} "${path}" must have a single type (nullable or union fields cannot be indexed)`,
    )
  }
  switch (type) {
    case 'string': {
      if (node['maxLength'] === undefined) {
        // An enum or const bounds the length by itself, so the bound can be derived losslessly.
        const bound = Array.isArray(node['enum'])
          ? longest(node['enum'])
          : node['const'] !== undefined
            ? longest([node['const']])
            : undefined
        if (bound === undefined) {
          throw new SchemaDerivationError(title, `${role} "${path}" needs a maximum length`)
        }
        node['maxLength'] = bound
      }
      const maxLength = node['maxLength']
      if (typeof maxLength !== 'number' || maxLength > 2048) {
        throw new SchemaDerivationError(title, `${role} "${path}" may be at most 2048 long`)
      }
      return
    }
    case 'integer':
    case 'number': {
      if (role === 'primary key') {
        throw new SchemaDerivationError(title, `primary key "${path}" must be a string`)
      }
      if (type === 'integer' && node['multipleOf'] === undefined) node['multipleOf'] = 1
      if (node['multipleOf'] === undefined) {
        throw new SchemaDerivationError(title, `index field "${path}" needs multipleOf`)
      }
      const { minimum, maximum } = node
      if (
        typeof minimum !== 'number' ||
        typeof maximum !== 'number' ||
        !Number.isFinite(minimum) ||
        !Number.isFinite(maximum)
      ) {
        throw new SchemaDerivationError(title, `index field "${path}" needs finite min and max`)
      }
      return
    }
    case 'boolean':
      if (role === 'primary key') {
        throw new SchemaDerivationError(title, `primary key "${path}" must be a string`)
      }
      return
    default:
      throw new SchemaDerivationError(title, `${role} "${path}" of type ${type} cannot be indexed`)
  }
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    isObject(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  )

/** A string schema that only lists values (`const` / `enum`): those merge into one enum. */
function enumValues(node: Json): string[] | undefined {
  const keys = Object.keys(node).filter((key) => key !== 'type')
  if (node['type'] !== 'string' || !keys.every((key) => key === 'const' || key === 'enum')) {
    return undefined
  }
  if (typeof node['const'] === 'string') return [node['const']]
  const values = node['enum']
  return Array.isArray(values) && values.every((v) => typeof v === 'string') ? values : undefined
}

/** The longest string a schema admits, if it bounds it. */
function stringBound(node: Json): number | undefined {
  if (typeof node['maxLength'] === 'number') return node['maxLength']
  const values = enumValues(node)
  return values === undefined ? undefined : Math.max(...values.map((value) => value.length))
}

function mergeVariants(variants: readonly Json[]): Json {
  const distinct = [...new Map(variants.map((variant) => [canonical(variant), variant])).values()]
  if (distinct.length === 1 && distinct[0] !== undefined) return distinct[0]
  const values = distinct.map(enumValues)
  if (values.every((list) => list !== undefined)) {
    return { type: 'string', enum: [...new Set(values.flat())] }
  }
  if (distinct.every((variant) => variant['type'] === 'string')) {
    // Still one type (so it can be a key or indexed) with each member's own rules kept.
    const bounds = distinct.map(stringBound)
    const bounded = bounds.every((bound) => bound !== undefined)
    return {
      type: 'string',
      ...(bounded ? { maxLength: Math.max(...bounds) } : {}),
      anyOf: distinct.map(({ type: _type, ...rest }) => rest),
    }
  }
  return { anyOf: distinct }
}

/** One object schema for a union of object schemas (see the module comment). */
function mergeUnion(members: readonly unknown[], title: string): Json {
  if (!members.every((member) => isObject(member) && isObject(member['properties']))) {
    throw new SchemaDerivationError(title, 'a union collection must unite object schemas')
  }
  const objects = members.filter(isObject)
  const keys = [...new Set(objects.flatMap((member) => Object.keys(member['properties'] as Json)))]
  const properties: Json = {}
  for (const key of keys) {
    const variants = objects.map((member) => (member['properties'] as Json)[key]).filter(isObject)
    properties[key] = mergeVariants(variants)
  }
  const required = keys.filter((key) =>
    objects.every((member) => {
      const list = member['required']
      return Array.isArray(list) && list.includes(key)
    }),
  )
  // RxDB adds its own fields (_rev, _meta…) at the top level, so members must allow extra keys;
  // the top level's additionalProperties: false still refuses anything no member declares.
  const oneOf = objects.map(({ additionalProperties: _open, ...member }) => member)
  return { type: 'object', properties, required, oneOf }
}

export function deriveRxJsonSchema<S extends DocumentSchema>(
  schema: S,
  options: RxSchemaOptions,
): RxJsonSchema<z.output<S>> {
  const { title, version, primaryKey, indexes = [] } = options
  if (!Number.isInteger(version) || version < 0) {
    throw new SchemaDerivationError(title, `version must be a non-negative integer`)
  }
  // Output shape: what is stored is what zod's parse returns (defaults applied, transforms run).
  const raw = clean(
    z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' }),
    title,
    0,
  )
  const union = isObject(raw) ? (raw['oneOf'] ?? raw['anyOf']) : undefined
  const json = Array.isArray(union) ? mergeUnion(union, title) : raw
  if (!isObject(json) || !isObject(json['properties'])) {
    throw new SchemaDerivationError(title, 'the zod schema must be an object or a union of objects')
  }
  if (primaryKey.includes('.')) {
    throw new SchemaDerivationError(title, 'the primary key must be a top-level field')
  }
  prepareKeyField(json, primaryKey, title, 'primary key')
  const seen = new Set<string>()
  for (const index of indexes) {
    const fields = typeof index === 'string' ? [index] : index
    const key = fields.join('+')
    if (fields.length === 0) throw new SchemaDerivationError(title, 'an index has no fields')
    if (seen.has(key)) throw new SchemaDerivationError(title, `index [${key}] is declared twice`)
    if (fields.length === 1 && fields[0] === primaryKey) {
      throw new SchemaDerivationError(title, 'the primary key is indexed already')
    }
    seen.add(key)
    for (const field of fields) prepareKeyField(json, field, title, 'index field')
  }

  const rxSchema = {
    title,
    ...(options.description === undefined ? {} : { description: options.description }),
    version,
    primaryKey,
    type: 'object',
    properties: json['properties'],
    required: json['required'] ?? [],
    additionalProperties: false,
    ...(json['oneOf'] === undefined ? {} : { oneOf: json['oneOf'] }),
    indexes: indexes.map((index) => (typeof index === 'string' ? index : [...index])),
  }
  // The object is built from zod's output for this very schema, and the RxDB test opens every
  // derived schema in a dev-mode database; TypeScript cannot see through the JSON Schema value.
  return rxSchema as unknown as RxJsonSchema<z.output<S>>
}
