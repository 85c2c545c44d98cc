import type { RxDocumentData, RxJsonSchema } from 'rxdb'
import type { SyncCheckpoint } from '@shared/sync/protocol'
import type { DocumentRow } from '../../db/storage/bulk-load'
import type { PageStamp, PreparedPage } from './prepare-page'

/** main → page worker: one pull answer to prepare. */
export interface PrepareRequest {
  readonly id: number
  /** Which collection's layout the rows follow; its schema comes with its first request. */
  readonly collection: string
  readonly schema?: RxJsonSchema<RxDocumentData<unknown>>
  readonly bytes: ArrayBuffer
  readonly stamp: PageStamp
}

/** page worker → main. `page` null: the answer is not a pull answer. */
export type PrepareReply =
  | { readonly id: number; readonly ok: true; readonly page: PackedPage | null }
  | { readonly id: number; readonly ok: false; readonly message: string }

/**
 * A prepared page in a form that crosses threads cheaply. Its documents' data and index keys
 * are bytes, and a small Buffer is a view of an 8 KiB shared pool: posted one by one, each
 * would copy its whole pool. So every byte cell of the page travels in one buffer, cut apart
 * again on arrival; the other cells (id, deleted, lwt) as values.
 */
export interface PackedPage {
  readonly count: number
  readonly checkpoint: SyncCheckpoint | null
  /** Cells per row. */
  readonly width: number
  /** Which columns of a row are bytes, ascending; the same for every row of a page. */
  readonly byteColumns: number[]
  /** The other cells of each row, one row after the other. */
  readonly values: unknown[]
  readonly bytes: Uint8Array
  /** Where each byte cell ends in `bytes`. */
  readonly byteEnds: Uint32Array
}

export function packPage(page: PreparedPage): PackedPage {
  const first = page.rows[0] ?? []
  const byteColumns = first.flatMap((cell, column) => (cell instanceof Uint8Array ? [column] : []))
  const values: unknown[] = []
  let total = 0
  for (const row of page.rows) {
    for (const cell of row) {
      if (cell instanceof Uint8Array) total += cell.length
      else values.push(cell)
    }
  }
  const bytes = new Uint8Array(total)
  const byteEnds = new Uint32Array(page.rows.length * byteColumns.length)
  let offset = 0
  let at = 0
  for (const row of page.rows) {
    for (const column of byteColumns) {
      const cell = row[column] as Uint8Array
      bytes.set(cell, offset)
      offset += cell.length
      byteEnds[at++] = offset
    }
  }
  return {
    count: page.count,
    checkpoint: page.checkpoint,
    width: first.length,
    byteColumns,
    values,
    bytes,
    byteEnds,
  }
}

export function unpackPage(packed: PackedPage): PreparedPage {
  const rows: DocumentRow[] = []
  const bytes = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength)
  const isBytes = new Array<boolean>(packed.width).fill(false)
  for (const column of packed.byteColumns) isBytes[column] = true
  let start = 0
  let at = 0
  let value = 0
  for (let r = 0; r < packed.count; r++) {
    const row: DocumentRow = new Array(packed.width)
    for (let column = 0; column < packed.width; column++) {
      if (!isBytes[column]) {
        row[column] = packed.values[value++]
        continue
      }
      const end = packed.byteEnds[at++] as number
      row[column] = bytes.subarray(start, end)
      start = end
    }
    rows.push(row)
  }
  return { count: packed.count, checkpoint: packed.checkpoint, rows }
}
