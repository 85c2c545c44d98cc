import { isUtf8 } from 'node:buffer'
import type { RxDocumentData } from 'rxdb'
import {
  parsePullResponse,
  pullLines,
  type PullResponse,
  type SyncCheckpoint,
} from '@shared/sync/protocol'
import { documentRowOf, type DocumentRow, type RowLayout } from '../../db/storage/bulk-load'

/** What RxDB would stamp on each document of one of its writes: the write's time and revision. */
export interface PageStamp {
  /** `_meta.lwt`: RxDB's `now()` when the page is handed over. */
  readonly lwt: number
  /** `_rev` of a first version: `1-` and the database's token, as RxDB writes an insert. */
  readonly revision: string
}

/** A pull answer turned into documents-table rows (their data as UTF-8 bytes), ready to append. */
export interface PreparedPage {
  readonly count: number
  readonly checkpoint: SyncCheckpoint | null
  readonly rows: DocumentRow[]
}

const utf8 = new TextDecoder()
const NEWLINE = 0x0a
const COMMA = 0x2c
const CLOSING_BRACE = 0x7d

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
 * (first-pull-bulk.test.ts compares what the two store). Pure, so it can run in a worker.
 */
export function preparePullPage(
  bytes: ArrayBuffer | Uint8Array,
  layout: RowLayout,
  stamp: PageStamp,
): PreparedPage | undefined {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  return prepareFromLines(view, layout, stamp) ?? prepareFromWhole(view, layout, stamp)
}

/**
 * The stamp's keys as the end of a document's JSON text: a document's own text, its closing
 * brace replaced by this, is the text of `{ ...document, _meta, _rev, _attachments }`.
 */
function stampTail(stamp: PageStamp): Uint8Array {
  const meta = JSON.stringify({ _meta: { lwt: stamp.lwt }, _rev: stamp.revision, _attachments: {} })
  return Buffer.from(`,${meta.slice(1)}`)
}

/**
 * A page in the server's line layout (see pullLines): each document is parsed from its own
 * line, for its index keys and the answer's checks, and stored as the server's text with the
 * stamp spliced in, so it is never serialised again (that was the worker's largest cost).
 * Undefined when the answer is laid out otherwise, so it is parsed whole instead.
 */
function prepareFromLines(
  bytes: Uint8Array,
  layout: RowLayout,
  stamp: PageStamp,
): PreparedPage | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // Bytes kept as they came must be UTF-8 that SQLite can store as text as they are. UTF-8
  // encodes nothing else with a newline's byte, so each line is UTF-8 on its own and is decoded
  // alone: decoding the page whole made one string of it, two bytes a character as soon as
  // one was not ASCII, a third of this function's time.
  if (!isUtf8(buffer)) return undefined
  const firstEnd = buffer.indexOf(NEWLINE)
  if (firstEnd < 0 || buffer.toString('utf8', 0, firstEnd) !== pullLines.first) return undefined
  const lastStart = buffer.lastIndexOf(NEWLINE) + 1
  const lastLine = buffer.toString('utf8', lastStart)
  if (!lastLine.startsWith(pullLines.lastOpening)) return undefined
  const documents: unknown[] = []
  // Where each document's text starts and ends (after its closing brace) in `bytes`.
  const spans: number[] = []
  for (let start = firstEnd + 1; start < lastStart;) {
    const lineEnd = buffer.indexOf(NEWLINE, start)
    const isLast = lineEnd + 1 === lastStart
    const end = isLast ? lineEnd : lineEnd - 1
    if (!isLast && buffer[end] !== COMMA) return undefined
    if (buffer[end - 1] !== CLOSING_BRACE) return undefined
    try {
      documents.push(JSON.parse(buffer.toString('utf8', start, end)))
    } catch {
      return undefined
    }
    spans.push(start, end)
    start = lineEnd + 1
  }
  const count = documents.length
  let envelope: unknown
  try {
    envelope = JSON.parse(pullLines.first + lastLine)
  } catch {
    return undefined
  }
  const page = parsePullResponse({ ...(envelope as object), documents })
  if (page === undefined) return undefined

  const tail = stampTail(stamp)
  let size = 0
  for (let i = 0; i < count; i++) size += (spans[2 * i + 1] as number) - (spans[2 * i] as number)
  const data = Buffer.allocUnsafe(size + count * (tail.length - 1))
  let at = 0
  const rows = page.documents.map((wire, i) => {
    const from = at
    at += buffer.copy(data, at, spans[2 * i] as number, (spans[2 * i + 1] as number) - 1)
    at += tail.length
    data.set(tail, at - tail.length)
    return documentRowOf(
      stamped(wire, stamp),
      data.subarray(from, at),
      layout.primaryPath,
      layout.columns,
    )
  })
  return { count, checkpoint: page.checkpoint, rows }
}

/** Any other pull answer: parsed whole, each document serialised with its stamp. */
function prepareFromWhole(
  bytes: Uint8Array,
  layout: RowLayout,
  stamp: PageStamp,
): PreparedPage | undefined {
  const page = parsePullBytes(bytes)
  if (page === undefined) return undefined
  const rows = page.documents.map((wire) => {
    const document = stamped(wire, stamp)
    return documentRowOf(
      document,
      Buffer.from(JSON.stringify(document)),
      layout.primaryPath,
      layout.columns,
    )
  })
  return { count: page.documents.length, checkpoint: page.checkpoint, rows }
}

/**
 * The document as RxDB's downstream completes an insert. The page was parsed for this alone,
 * so its objects are completed in place; the keys land in the order RxDB's
 * `{ ...masterState, _meta, _rev, _attachments }` gives them. The index keys read these
 * fields too (RxDB's changes index starts with `_meta.lwt`).
 */
function stamped(wire: object, stamp: PageStamp): RxDocumentData<unknown> {
  return Object.assign(wire, {
    _meta: { lwt: stamp.lwt },
    _rev: stamp.revision,
    _attachments: {},
  }) as unknown as RxDocumentData<unknown>
}
