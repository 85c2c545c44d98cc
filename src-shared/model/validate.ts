import { z } from 'zod'
import { TierlineError, validationError } from '../ipc/errors'
import {
  collectionDefinitions,
  isCollectionName,
  type CollectionName,
  type DocumentOf,
  type SchemaOf,
} from './registry'

export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TierlineError }

export interface BatchFailure {
  /** Position of the row in the input. */
  readonly index: number
  /** The row's primary key, when it had a readable one. */
  readonly id: string | undefined
  readonly error: TierlineError
}

export interface BatchValidation<T> {
  readonly valid: T[]
  readonly failures: BatchFailure[]
}

/** Fields RxDB adds to stored documents; they are RxDB's business, not part of our shapes. */
const rxdbMetaFields = ['_deleted', '_rev', '_meta', '_attachments']

function withoutRxdbMeta(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc
  if (!rxdbMetaFields.some((field) => field in doc)) return doc
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !rxdbMetaFields.includes(key)))
}

function primaryKeyOf(collection: CollectionName, doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined
  const value: unknown = Reflect.get(doc, collectionDefinitions[collection].primaryKey)
  return typeof value === 'string' ? value : undefined
}

/**
 * Parses one document against its collection's zod schema. On failure the error is a
 * `TierlineError` with code `validation`, whose message and `details.issues` name each offending
 * field (`events.3.at`), plus `details.collection` and `details.id`.
 */
export function validateDocument<C extends CollectionName>(
  collection: C,
  doc: unknown,
): Validated<DocumentOf<C>> {
  if (!isCollectionName(collection)) {
    return {
      ok: false,
      error: new TierlineError('validation', `Unknown collection: ${String(collection)}`, {
        collection,
      }),
    }
  }
  const schema: SchemaOf<C> = collectionDefinitions[collection].schema
  const result = z.safeParse(schema, withoutRxdbMeta(doc))
  // zod cannot resolve the output type of a schema picked by a generic key; it is DocumentOf<C>.
  if (result.success) return { ok: true, value: result.data as DocumentOf<C> }
  const id = primaryKeyOf(collection, doc)
  const base = validationError(result.error, `${collection} document${id ? ` ${id}` : ''}`)
  return {
    ok: false,
    error: new TierlineError(base.code, base.message, { ...base.details, collection, id }),
  }
}

/** Validates rows independently: the valid ones come back, each failure says which row and why. */
export function validateBatch<C extends CollectionName>(
  collection: C,
  docs: readonly unknown[],
): BatchValidation<DocumentOf<C>> {
  const valid: DocumentOf<C>[] = []
  const failures: BatchFailure[] = []
  docs.forEach((doc, index) => {
    const result = validateDocument(collection, doc)
    if (result.ok) valid.push(result.value)
    else failures.push({ index, id: primaryKeyOf(collection, doc), error: result.error })
  })
  return { valid, failures }
}
