import { join } from 'node:path'
import { fillWithDefaultSettings, now, prepareQuery } from 'rxdb'
import type {
  FilledMangoQuery,
  MangoQuerySelector,
  MangoQuerySortPart,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
} from 'rxdb'
import type { RxStorageSqlite } from './rx-storage-sqlite'
import { getRxStorageSqlite } from './rx-storage-sqlite'
import type { RxStorageInstanceSqlite } from './storage-instance'

/** Shared by the storage's tests (not used by the app). */

export interface Account {
  id: string
  name: string
  tier: 'community' | 'standard' | 'premium' | 'enterprise'
  arr: number
  seats: number
  renewalDate: string
  owner: { id: string; name: string }
  tags: string[]
  health?: number
}

export const accountSchema: RxJsonSchema<RxDocumentData<Account>> = fillWithDefaultSettings({
  version: 0,
  type: 'object',
  primaryKey: 'id',
  properties: {
    id: { type: 'string', maxLength: 40 },
    name: { type: 'string', maxLength: 100 },
    tier: {
      type: 'string',
      enum: ['community', 'standard', 'premium', 'enterprise'],
      maxLength: 20,
    },
    arr: { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 },
    seats: { type: 'integer', minimum: 0, maximum: 100_000, multipleOf: 1 },
    renewalDate: { type: 'string', maxLength: 30 },
    owner: {
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, name: { type: 'string' } },
      required: ['id', 'name'],
    },
    tags: { type: 'array', items: { type: 'string' } },
    health: { type: 'number' },
  },
  required: ['id', 'name', 'tier', 'arr', 'seats', 'renewalDate', 'owner', 'tags'],
  indexes: [['tier', 'arr'], 'renewalDate', ['owner.id', 'name']],
})

export const REV_1 = '1-12080c42d471e3d2625e49dcca3b8e1a'
export const REV_2 = '2-22080c42d471e3d2625e49dcca3b8e2b'
export const REV_3 = '3-32080c42d471e3d2625e49dcca3b8e3c'
export const REV_4 = '4-42080c42d471e3d2625e49dcca3b8e3c'

const TIERS = ['community', 'standard', 'premium', 'enterprise'] as const

/** A deterministic account for index `i`, with storage meta fields. */
export function account(
  i: number,
  overrides: Partial<RxDocumentData<Account>> = {},
): RxDocumentData<Account> {
  return {
    id: `acc-${String(i).padStart(5, '0')}`,
    name: `Account ${(i * 7919) % 1000}`,
    tier: TIERS[i % 4] ?? 'community',
    arr: ((i * 104_729) % 500) * 1000,
    seats: (i * 31) % 700,
    renewalDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    owner: { id: `csm-${i % 5}`, name: `CSM ${i % 5}` },
    tags: i % 3 === 0 ? ['strategic', 'emea'] : ['smb'],
    ...(i % 2 === 0 ? { health: (i % 100) / 100 } : {}),
    _deleted: false,
    _attachments: {},
    _rev: REV_1,
    _meta: { lwt: now() },
    ...overrides,
  }
}

export function storageIn(folder: string): RxStorageSqlite {
  return getRxStorageSqlite({ fileFor: (name) => join(folder, `${name}.sqlite`) })
}

export async function openAccounts(
  storage: RxStorageSqlite,
  options: {
    databaseName?: string
    collectionName?: string
    schema?: RxJsonSchema<RxDocumentData<Account>>
  } = {},
): Promise<RxStorageInstanceSqlite<Account>> {
  return storage.createStorageInstance<Account>({
    databaseInstanceToken: 'test-token',
    databaseName: options.databaseName ?? 'workspace',
    collectionName: options.collectionName ?? 'accounts',
    schema: options.schema ?? accountSchema,
    options: {},
    multiInstance: false,
    devMode: true,
  })
}

export function preparedQuery(
  query: {
    selector?: MangoQuerySelector<RxDocumentData<Account>>
    sort?: MangoQuerySortPart<RxDocumentData<Account>>[]
    skip?: number
    limit?: number
    index?: string[]
  },
  schema: RxJsonSchema<RxDocumentData<Account>> = accountSchema,
): PreparedQuery<Account> {
  const filled: FilledMangoQuery<Account> = {
    selector: query.selector ?? {},
    sort: [
      ...(query.sort ?? []),
      ...(query.sort?.some((part) => 'id' in part) ? [] : [{ id: 'asc' as const }]),
    ],
    skip: query.skip ?? 0,
    ...(query.limit === undefined ? {} : { limit: query.limit }),
    ...(query.index === undefined ? {} : { index: query.index }),
  }
  return prepareQuery(schema, filled)
}

export const ids = (documents: readonly { id: string }[]): string[] => documents.map((d) => d.id)
