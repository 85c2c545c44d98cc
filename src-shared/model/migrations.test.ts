import type { RxJsonSchema } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineCollection } from './collection'
import { exampleId } from './examples'
import { migrateFixture, migrateThroughRxdb } from './migration-testing'
import { documentMetaShape, idSchema, markdownSchema } from './primitives'
import { collectionDefinitions, collectionNames } from './registry'

/**
 * Every collection declares exactly the steps 1..version (RxDB runs them in order from the
 * stored version). These tests pin the mechanism on a throwaway collection defined here (not
 * part of the model): a v0 → v1 step that splits `text` into a title and a Markdown body. Each
 * real step gets the same two tests in its own file (e.g. proposal-migration.test.ts), with its
 * frozen v(N-1) RxDB schema under fixtures/.
 */

const v0Schema: RxJsonSchema<Record<string, unknown>> = {
  title: 'memos',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    text: { type: 'string' },
    updatedAt: { type: 'string' },
    updatedBy: { type: 'string' },
  },
  required: ['id', 'text', 'updatedAt', 'updatedBy'],
  additionalProperties: false,
}

const memos = defineCollection({
  name: 'memos',
  description: 'Test-only collection for the migration helpers.',
  version: 1,
  schema: z.strictObject({
    id: idSchema,
    title: z.string().min(1).max(200),
    bodyMarkdown: markdownSchema,
    ...documentMetaShape,
  }),
  migrationStrategies: {
    1: (old) => {
      const text = String(old['text'])
      const [first = '', ...rest] = text.split('\n')
      // Empty memos carried no information; dropping them is the v1 decision under test.
      if (text.trim() === '') return null
      return {
        id: old['id'],
        title: first.slice(0, 200),
        bodyMarkdown: rest.join('\n'),
        updatedAt: old['updatedAt'],
        updatedBy: 'system:migration',
      }
    },
  },
})

const meta = { updatedAt: '2026-01-05T09:00:00.000Z', updatedBy: exampleId(1) }
const fixtures = [
  { id: exampleId(200), text: 'Renewal call\nCFO wants a discount', ...meta },
  { id: exampleId(201), text: '   ', ...meta },
]

describe('migration mechanism', () => {
  it('every model collection has exactly the steps 1..version, each a function', () => {
    for (const name of collectionNames) {
      const { version, migrationStrategies } = collectionDefinitions[name]
      const declared = Object.keys(migrationStrategies)
        .map(Number)
        .sort((a, b) => a - b)
      expect(declared, name).toEqual(Array.from({ length: version }, (_, i) => i + 1))
      for (const step of Object.values(migrationStrategies))
        expect(typeof step, name).toBe('function')
    }
  })

  it('migrateFixture runs the steps and validates against the current zod schema', () => {
    expect(migrateFixture(memos, 0, fixtures[0] ?? {})).toEqual({
      ok: true,
      value: {
        id: exampleId(200),
        title: 'Renewal call',
        bodyMarkdown: 'CFO wants a discount',
        updatedAt: meta.updatedAt,
        updatedBy: 'system:migration',
      },
    })
    expect(migrateFixture(memos, 0, fixtures[1] ?? {})).toEqual({ ok: true, value: null })
    expect(migrateFixture(memos, 0, { ...fixtures[0], updatedAt: 'yesterday' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^updatedAt: /),
    })
  })

  it('migrateThroughRxdb migrates stored documents when RxDB reopens with the new schema', async () => {
    const migrated = await migrateThroughRxdb({
      definition: memos,
      oldSchema: v0Schema,
      oldDocuments: fixtures,
    })
    expect(migrated).toHaveLength(1)
    expect(memos.schema.parse(migrated[0])).toMatchObject({ title: 'Renewal call' })
  })
})
