import type { RxDocumentData } from 'rxdb'
import { parsePullResponse, type PullResponse, type SyncCheckpoint } from '@shared/sync/protocol'
import { documentRowOf, type DocumentRow, type RowLayout } from '../../db/storage/bulk-load'

/** What RxDB would stamp on each document of one of its writes: the write's time and revision. */
export interface PageStamp {
  /** `_meta.lwt`: RxDB's `now()` when the page is handed over. */
  readonly lwt: number
  /** `_rev` of a first version: `1-` and the database's token, as RxDB writes an insert. */
  readonly revision: string
}

/** A pull answer turned into documents-table rows, ready to append. */
export interface PreparedPage {
  readonly count: number
  readonly checkpoint: SyncCheckpoint | null
  readonly rows: DocumentRow[]
}

const utf8 = new TextDecoder()

/** A pull answer's bytes, decoded and checked as `syncJson` would; undefined if not understood. */
export function parsePullBytes(bytes: ArrayBuffer | Uint8Array): PullResponse | undefined {
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(bytes))
  } catch {
    return undefined
  }
  return parsePullResponse(value)
}

/**
 * The rows RxDB's own downstream would store for a first pull's documents into an empty table:
 * the server's document, then `_meta`, `_rev` and `_attachments` as RxDB sets them on an insert
 * (first-pull-rows.test.ts compares the two byte for byte). Pure, so it can run in a worker.
 */
export function preparePullPage(
  bytes: ArrayBuffer | Uint8Array,
  layout: RowLayout,
  stamp: PageStamp,
): PreparedPage | undefined {
  const page = parsePullBytes(bytes)
  if (page === undefined) return undefined
  const rows = page.documents.map((wire) => {
    // The page was parsed for this alone, so its objects are completed in place; the keys
    // land in the order RxDB's `{ ...masterState, _meta, _rev, _attachments }` gives them.
    const document = Object.assign(wire, {
      _meta: { lwt: stamp.lwt },
      _rev: stamp.revision,
      _attachments: {},
    }) as unknown as RxDocumentData<unknown>
    return documentRowOf(document, JSON.stringify(document), layout.primaryPath, layout.columns)
  })
  return { count: page.documents.length, checkpoint: page.checkpoint, rows }
}
