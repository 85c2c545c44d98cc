import type { BulkWriteRow, CategorizeBulkWriteRowsOutput } from 'rxdb'
import type { CollectionTable } from './collection-table'

/**
 * Attachment bytes by the Blob RxDB handed us. Blobs can only be read asynchronously, while a
 * better-sqlite3 transaction must run synchronously, so bulkWrite() reads them all first.
 */
export type AttachmentBytes = ReadonlyMap<Blob, Buffer>

export const NO_ATTACHMENT_BYTES: AttachmentBytes = new Map()

export async function readAttachmentBytes<T>(
  rows: readonly BulkWriteRow<T>[],
): Promise<AttachmentBytes> {
  const bytes = new Map<Blob, Buffer>()
  for (const row of rows) {
    for (const attachment of Object.values(row.document._attachments ?? {})) {
      const data: unknown = 'data' in attachment ? attachment.data : undefined
      if (data instanceof Blob && !bytes.has(data)) {
        bytes.set(data, Buffer.from(await data.arrayBuffer()))
      }
    }
  }
  return bytes
}

/** Applies the attachment changes RxDB's categorizeBulkWriteRows() worked out; inside the write transaction. */
export function writeAttachments<T>(
  table: CollectionTable,
  categorized: CategorizeBulkWriteRowsOutput<T>,
  bytes: AttachmentBytes,
): void {
  const put = table.statement(
    `insert or replace into ${table.sql.attachments} (doc_id, attachment_id, digest, type, data) values (?, ?, ?, ?, ?)`,
  )
  for (const change of [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate]) {
    const data = bytes.get(change.attachmentData.data)
    if (data === undefined) {
      throw new TypeError(
        `Attachment ${change.attachmentId} of document ${change.documentId} has no Blob data.`,
      )
    }
    put.run(change.documentId, change.attachmentId, change.digest, change.attachmentData.type, data)
  }
  const remove = table.statement(
    `delete from ${table.sql.attachments} where doc_id = ? and attachment_id = ?`,
  )
  for (const change of categorized.attachmentsRemove) {
    remove.run(change.documentId, change.attachmentId)
  }
}

export function readAttachment(
  table: CollectionTable,
  documentId: string,
  attachmentId: string,
  digest: string,
): Blob | undefined {
  const row = table
    .statement(
      `select digest, type, data from ${table.sql.attachments} where doc_id = ? and attachment_id = ?`,
    )
    .get(documentId, attachmentId) as { digest: string; type: string; data: Buffer } | undefined
  if (row === undefined || row.digest !== digest) return undefined
  // A Uint8Array view: a Buffer may sit on a shared pool, which the DOM's BlobPart type rejects.
  return new Blob([new Uint8Array(row.data)], { type: row.type })
}
