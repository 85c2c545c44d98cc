import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineCollection } from './collection'
import { idSchema, isoDateTimeSchema } from './primitives'
import { deriveRxJsonSchema, SchemaDerivationError } from './rx-schema'

const thing = z.strictObject({
  id: idSchema,
  status: z.enum(['open', 'done']),
  score: z.int().min(0).max(100),
  weight: z.number().min(0).max(1).multipleOf(0.01),
  at: isoDateTimeSchema,
  note: z.string().nullable(),
  free: z.string(),
  tags: z.array(z.string().max(10)).max(3),
  nested: z.strictObject({ level: z.int().min(0).max(9) }),
  maybe: z.string().max(5).optional(),
})

const derive = (indexes: (string | string[])[], primaryKey = 'id') =>
  deriveRxJsonSchema(thing, { title: 'things', version: 0, primaryKey, indexes })

describe('deriveRxJsonSchema', () => {
  it('adds what RxDB needs to the zod-generated JSON schema', () => {
    const schema = derive([['status', 'score'], 'at', 'nested.level', 'weight'])
    expect(schema).toMatchObject({
      title: 'things',
      version: 0,
      primaryKey: 'id',
      type: 'object',
      additionalProperties: false,
      indexes: [['status', 'score'], 'at', 'nested.level', 'weight'],
    })
    expect(schema).not.toHaveProperty('$schema')
    const properties: Record<string, unknown> = schema.properties
    expect(properties['id']).toMatchObject({ type: 'string', maxLength: 26 })
    // Enum strings get their bound from the longest value, integers get multipleOf 1.
    expect(properties['status']).toMatchObject({ maxLength: 4 })
    expect(properties['score']).toMatchObject({ multipleOf: 1, minimum: 0, maximum: 100 })
    expect(properties['at']).toMatchObject({ maxLength: 24, format: 'date-time' })
    expect(properties['note']).toEqual({ type: ['string', 'null'] })
    expect(schema.required).toContain('note')
    expect(schema.required).not.toContain('maybe')
  })

  it.each([
    [['free'], /"free" needs a maximum length/],
    [['note'], /"note" must have a single type/],
    [['maybe'], /"maybe" must be required/],
    [['tags'], /"tags" of type array cannot be indexed/],
    [['nope'], /unknown field "nope"/],
    [['at', 'at'], /declared twice/],
    [['id'], /primary key is indexed already/],
  ])('explains why %j cannot be an index', (index, message) => {
    const indexes = index.length === 2 ? [index[0] ?? '', index[1] ?? ''] : [index]
    expect(() => derive(indexes)).toThrow(SchemaDerivationError)
    expect(() => derive(indexes)).toThrow(message)
  })

  it('needs a bounded string primary key', () => {
    expect(() => derive([], 'free')).toThrow(/needs a maximum length/)
    expect(() => derive([], 'score')).toThrow(/must be a string/)
    expect(() => derive([], 'nested.level')).toThrow(/top-level/)
  })

  it('needs bounds and a step on indexed numbers', () => {
    const loose = z.strictObject({ id: idSchema, n: z.number().min(0).max(1) })
    expect(() =>
      deriveRxJsonSchema(loose, { title: 'x', version: 0, primaryKey: 'id', indexes: ['n'] }),
    ).toThrow(/needs multipleOf/)
    const unbounded = z.strictObject({ id: idSchema, n: z.number().multipleOf(1) })
    expect(() =>
      deriveRxJsonSchema(unbounded, { title: 'x', version: 0, primaryKey: 'id', indexes: ['n'] }),
    ).toThrow(/finite min and max/)
  })

  it('refuses recursive schemas, which would need refs', () => {
    interface Tree {
      children: Tree[]
    }
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(tree) }))
    const withTree = z.strictObject({ id: idSchema, tree })
    expect(() =>
      deriveRxJsonSchema(withTree, { title: 'x', version: 0, primaryKey: 'id' }),
    ).toThrow(/recursive/)
  })

  it('merges a discriminated union into one indexable object with a per-kind oneOf', () => {
    const a = z.strictObject({
      id: idSchema,
      kind: z.literal('a'),
      name: z.string().max(10),
      x: z.int(),
    })
    const b = z.strictObject({
      id: z.literal('singleton'),
      kind: z.literal('b'),
      name: z.string().max(20),
    })
    const schema = deriveRxJsonSchema(z.discriminatedUnion('kind', [a, b]), {
      title: 'mixed',
      version: 0,
      primaryKey: 'id',
      indexes: [['kind', 'name']],
    })
    const properties: Record<string, unknown> = schema.properties
    expect(properties['kind']).toEqual({ type: 'string', enum: ['a', 'b'], maxLength: 1 })
    expect(properties['id']).toMatchObject({ type: 'string', maxLength: 26 })
    expect(properties['name']).toMatchObject({ type: 'string', maxLength: 20 })
    expect(schema.required).toEqual(['id', 'kind', 'name'])
    const oneOf = (schema as unknown as { oneOf: Record<string, unknown>[] }).oneOf
    expect(oneOf).toHaveLength(2)
    expect(oneOf[0]?.['required']).toEqual(['id', 'kind', 'name', 'x'])
    expect(oneOf[0]).not.toHaveProperty('additionalProperties')
  })
})

describe('defineCollection', () => {
  const schema = z.strictObject({ id: idSchema, updatedAt: isoDateTimeSchema })

  it('needs a migration step for each version and no others', () => {
    expect(() => defineCollection({ name: 'x', description: '', schema, version: 2 })).toThrow(
      /missing: 1, 2/,
    )
    expect(() =>
      defineCollection({
        name: 'x',
        description: '',
        schema,
        version: 1,
        migrationStrategies: { 1: (doc) => ({ ...doc }), 3: (doc) => ({ ...doc }) },
      }),
    ).toThrow(/unexpected: 3/)
    const ok = defineCollection({
      name: 'x',
      description: '',
      schema,
      version: 1,
      migrationStrategies: { 1: (doc) => ({ ...doc }) },
    })
    expect(ok.rxSchema.version).toBe(1)
  })
})
