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
 * A prepared page in a form that crosses threads cheaply. Its index keys are Buffers, and a
 * small Buffer is a view of an 8 KiB shared pool: posted one by one, each would copy its whole
 * pool. So every key of the page travels in one buffer, cut apart again on arrival.
 */
export interface PackedPage {
  readonly count: number
  readonly checkpoint: SyncCheckpoint | null
  /** id, data, deleted, lwt of each row, one row after the other. */
  readonly heads: unknown[]
  readonly keysPerRow: number
  readonly keys: Uint8Array
  /** Where each key ends in `keys`. */
  readonly keyEnds: Uint32Array
}

const HEAD = 4

export function packPage(page: PreparedPage): PackedPage {
  const keysPerRow = page.rows.length === 0 ? 0 : (page.rows[0] as DocumentRow).length - HEAD
  const heads: unknown[] = []
  let total = 0
  for (const row of page.rows) {
    for (let i = 0; i < HEAD; i++) heads.push(row[i])
    for (let k = HEAD; k < row.length; k++) total += (row[k] as Uint8Array).length
  }
  const keys = new Uint8Array(total)
  const keyEnds = new Uint32Array(page.rows.length * keysPerRow)
  let offset = 0
  let at = 0
  for (const row of page.rows) {
    for (let k = HEAD; k < row.length; k++) {
      const key = row[k] as Uint8Array
      keys.set(key, offset)
      offset += key.length
      keyEnds[at++] = offset
    }
  }
  return { count: page.count, checkpoint: page.checkpoint, heads, keysPerRow, keys, keyEnds }
}

export function unpackPage(packed: PackedPage): PreparedPage {
  const rows: DocumentRow[] = []
  const keys = Buffer.from(packed.keys.buffer, packed.keys.byteOffset, packed.keys.byteLength)
  let start = 0
  let at = 0
  for (let h = 0; h < packed.heads.length; h += HEAD) {
    const row: DocumentRow = packed.heads.slice(h, h + HEAD)
    for (let k = 0; k < packed.keysPerRow; k++) {
      const end = packed.keyEnds[at++] as number
      row.push(keys.subarray(start, end))
      start = end
    }
    rows.push(row)
  }
  return { count: packed.count, checkpoint: packed.checkpoint, rows }
}
