import { TierlineError } from '@shared/ipc/errors'
import type { CollectionName } from '@shared/model/registry'
import { validateBatch, type BatchFailure } from '@shared/model/validate'
import type { TierlineDatabase } from './workspace-store'

export interface WriteReport {
  readonly written: number
  /** Every row that was not written, with its position, id and a typed error naming the field. */
  readonly failures: readonly BatchFailure[]
}

/**
 * The one way services insert documents: each row is checked against its zod schema first, the
 * valid rows are written in one transaction, and every refused row is reported — by schema or
 * by the storage (an id that exists already) — so nothing in a batch is lost silently.
 */
export async function insertDocuments(
  rx: TierlineDatabase,
  collection: CollectionName,
  docs: readonly unknown[],
): Promise<WriteReport> {
  const { valid, failures } = validateBatch(collection, docs)
  // Each collection's bulkInsert takes its own document type; validateBatch matched them up.
  const target = rx.collections[collection] as unknown as {
    bulkInsert(rows: readonly unknown[]): Promise<{
      success: readonly unknown[]
      error: readonly { documentId: string; status: number }[]
    }>
  }
  const result = valid.length === 0 ? { success: [], error: [] } : await target.bulkInsert(valid)
  const storageFailures = result.error.map((error): BatchFailure => ({
    index: docs.findIndex((doc) => (doc as { id?: unknown }).id === error.documentId),
    id: error.documentId,
    error: new TierlineError(
      error.status === 409 ? 'conflict' : 'storage',
      error.status === 409
        ? `A ${collection} document with id ${error.documentId} exists already.`
        : `The ${collection} document ${error.documentId} could not be written (status ${error.status}).`,
      { collection, id: error.documentId },
    ),
  }))
  return {
    written: result.success.length,
    failures: [...failures, ...storageFailures].sort((a, b) => a.index - b.index),
  }
}
