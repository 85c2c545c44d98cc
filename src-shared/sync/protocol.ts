import { z } from 'zod'
import { collectionNames, type CollectionName } from '../model/registry'

/**
 * The wire protocol between the desktop client (`src-main/sync/`) and the team sync server
 * (`src-server/`), in the style of RxDB's HTTP replication: pull by checkpoint, push of
 * `{ newDocumentState, assumedMasterState }` rows with conflicts returned, and a live stream.
 *
 * Rules both sides must keep (DESIGN.md §2, the lessons of RxDB's own replication bugs). The
 * server's side of each has regression tests in `src-server/*.test.ts` (rule 2 is the client's,
 * tested with the client in `src-main/sync/`):
 *
 * 1. **Strict total order.** Every write on the server gives the row a new `server_seq` from one
 *    database sequence. A pull returns rows ordered by `(seq, id)` strictly after the checkpoint
 *    it was given, and its `checkpoint` is the `(seq, id)` of the last row it returned. Two rows
 *    never compare equal, so equal `updatedAt` timestamps can never make a page skip or repeat
 *    a row. Writers of one collection are serialised, so `server_seq` order is commit order:
 *    a checkpoint can never run ahead of a row that commits later with a smaller seq.
 * 2. **Checkpoint after data.** The client stores a pull's checkpoint only after the documents
 *    of that pull are written locally (in the same transaction where it can). A crash between
 *    the two re-pulls the same page, which is harmless because of rule 3.
 * 3. **Idempotent pulls.** Pulling from the same checkpoint twice returns the same rows (or
 *    newer versions of them); delivery is at-least-once and applying a document twice is a
 *    no-op. A pull never writes anything.
 * 4. **RESYNC after every (re)connect.** The live stream's first event is always `RESYNC`, and
 *    the server sends another whenever it may have missed changes (its database listener
 *    reconnected). On `RESYNC` the client pulls every collection from its stored checkpoint.
 *    Stream events carry no documents, only "collection X has changes up to seq N": documents
 *    travel only through pulls, which apply the caller's access rules.
 * 5. **Push is compare-and-set.** For each row the server compares `assumedMasterState` with the
 *    stored row inside one transaction. On a mismatch nothing is written and the current master
 *    document is returned as a conflict; the client resolves it and pushes again with that
 *    master as its new assumption. A push is all-or-nothing: one invalid or forbidden row fails
 *    the whole request (400/403) and writes nothing. A push is acknowledged only by a 200.
 * 6. **Tokens only in headers.** `Authorization: Bearer <token>` on every request, the live
 *    stream included; never in a URL, a query string or a body, so they stay out of access logs.
 * 7. **Lost access is asked, not pushed.** A pull never returns rows the caller may no longer
 *    see, so it cannot tell a client that an account was reassigned away. After every `RESYNC`
 *    and every `CHANGE` of accounts the client asks `GET /v1/sync/access` which accounts it may
 *    see now, and removes the others and their children locally *as if the server had deleted
 *    them* (tombstones delivered through its own pull, so they are never pushed back). The
 *    answer is state, not an event log: a client that was offline when the change happened
 *    still finds out, and the server keeps nothing per client.
 *
 * Deletes are tombstones: a document with `_deleted: true` keeps its fields and replicates like
 * any other write.
 */

export const SYNC_PROTOCOL_VERSION = 1

/** Every path is under this prefix, so a later protocol can live beside this one. */
export const SYNC_API_PREFIX = '/v1'

export const syncLimits = Object.freeze({
  /** Largest `limit` a pull accepts; larger asks are refused with 400. */
  pullBatchMax: 1000,
  /** `limit` when the pull does not say. */
  pullBatchDefault: 200,
  /** Most rows in one push; more is refused with 413. */
  pushBatchMax: 500,
  /** Largest request body in bytes; more is refused with 413. */
  bodyBytesMax: 8 * 1024 * 1024,
  /** The live stream sends a heartbeat at least this often; a client that hears nothing for
   * three intervals treats the stream as dead and reconnects. */
  heartbeatMs: 15_000,
})

/** The endpoints, relative to the server's base URL. */
export const syncPaths = Object.freeze({
  health: '/health',
  ready: '/ready',
  me: `${SYNC_API_PREFIX}/me`,
  pull: (collection: CollectionName) => `${SYNC_API_PREFIX}/sync/${collection}/pull`,
  push: (collection: CollectionName) => `${SYNC_API_PREFIX}/sync/${collection}/push`,
  stream: `${SYNC_API_PREFIX}/sync/stream`,
  access: `${SYNC_API_PREFIX}/sync/access`,
})

export const syncCollectionSchema = z.enum(collectionNames as [CollectionName, ...CollectionName[]])

// ---------------------------------------------------------------------------------------------
// Tokens

/** `tl_` and 43 base64url characters: 256 bits from a CSPRNG (the server mints them). */
export const TOKEN_PATTERN = /^tl_[A-Za-z0-9_-]{43}$/
export const tokenSchema = z.string().regex(TOKEN_PATTERN, 'must be a Tierline token (tl_…)')

/** The header value a client sends; the only place a token ever travels. */
export function authorizationHeader(token: string): string {
  return `Bearer ${token}`
}

// ---------------------------------------------------------------------------------------------
// Checkpoints and documents

/**
 * Where a client is in one collection's change order. `seq` is the `server_seq` of the last
 * row the client has, `id` its primary key; the pair is a strict total order (rule 1).
 */
export const checkpointSchema = z.strictObject({
  id: z.string().min(1).max(128),
  seq: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
})
export type SyncCheckpoint = z.infer<typeof checkpointSchema>

/** Orders checkpoints (and rows) by `(seq, id)`: negative when `a` comes first. */
export function compareCheckpoints(a: SyncCheckpoint, b: SyncCheckpoint): number {
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * A document on the wire: the collection's own document (validated with its zod schema from
 * `src-shared/model`, see `validateDocument`) plus `_deleted`. RxDB's `_rev`, `_meta` and
 * `_attachments` may be present on what a client sends; the server ignores them.
 */
export const wireDocumentSchema = z.looseObject({
  id: z.string().min(1).max(128),
  _deleted: z.boolean(),
})
export type WireDocument = z.infer<typeof wireDocumentSchema>

/** Fields RxDB keeps on its documents that are not part of a document's state. */
export const rxdbBookkeepingFields = ['_rev', '_meta', '_attachments'] as const

/**
 * The state a conflict check compares: the document without RxDB's bookkeeping, `_deleted`
 * kept. Two states are the same when they are deep-equal regardless of key order; comparing
 * `updatedAt` alone would let two edits stamped in the same millisecond overwrite each other.
 */
export function documentState(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const state: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(doc)) {
    if (!(rxdbBookkeepingFields as readonly string[]).includes(key)) state[key] = value
  }
  return state
}

export function sameDocumentState(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  return deepEqual(documentState(a), documentState(b))
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  }
  // An absent key and a key holding `undefined` are the same state: JSON cannot tell them apart.
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    if (!deepEqual(Reflect.get(a, key), Reflect.get(b, key))) return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Pull: GET {prefix}/sync/:collection/pull?seq=&id=&limit=

/**
 * The query string of a pull. No `seq`/`id` means "from the beginning"; both or neither.
 * Values arrive as strings and are coerced.
 */
export const pullQuerySchema = z
  .strictObject({
    seq: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    id: z.string().min(1).max(128).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(syncLimits.pullBatchMax)
      .default(syncLimits.pullBatchDefault),
  })
  .refine((q) => (q.seq === undefined) === (q.id === undefined), {
    message: 'seq and id are given together (a checkpoint) or not at all',
    path: ['seq'],
  })
export type PullQuery = z.infer<typeof pullQuerySchema>

/** The query string for a checkpoint (none = from the beginning). */
export function pullSearchParams(
  checkpoint: SyncCheckpoint | null,
  limit: number = syncLimits.pullBatchDefault,
): URLSearchParams {
  const params = new URLSearchParams({ limit: String(limit) })
  if (checkpoint !== null) {
    params.set('seq', String(checkpoint.seq))
    params.set('id', checkpoint.id)
  }
  return params
}

/**
 * Headers of a pull answer that announce its size and checkpoint before its body arrives, so a
 * client can ask for the next page while this one is still being read (a first sync of a large
 * book is hundreds of pages in a row). Optional: a client without them asks after reading.
 */
export const pullAnnounceHeaders = {
  count: 'tierline-page-count',
  checkpoint: 'tierline-page-checkpoint',
} as const

/** The header values announcing a page of `count` documents ending at `checkpoint`. */
export function pullAnnouncement(
  count: number,
  checkpoint: SyncCheckpoint | null,
): Record<string, string> {
  return {
    [pullAnnounceHeaders.count]: String(count),
    [pullAnnounceHeaders.checkpoint]: JSON.stringify(checkpoint),
  }
}

/** What a pull answer's headers announce; undefined when absent or not understood. */
export function announcedPage(headers: {
  get(name: string): string | null
}): { readonly count: number; readonly checkpoint: SyncCheckpoint | null } | undefined {
  const count = Number(headers.get(pullAnnounceHeaders.count) ?? Number.NaN)
  const raw = headers.get(pullAnnounceHeaders.checkpoint)
  if (!Number.isInteger(count) || count < 0 || raw === null) return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return undefined
  }
  const checkpoint = checkpointSchema.nullable().safeParse(value)
  return checkpoint.success ? { count, checkpoint: checkpoint.data } : undefined
}

/**
 * Documents strictly after the asked checkpoint in `(seq, id)` order, at most `limit`.
 * `checkpoint` is the last returned row's, or the asked one when nothing is newer (so a client
 * can always store what it got). Fewer than `limit` documents means "caught up for now".
 */
export const pullResponseSchema = z.strictObject({
  documents: z.array(wireDocumentSchema),
  checkpoint: checkpointSchema.nullable(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>

const pullEnvelopeSchema = z.strictObject({
  documents: z.array(z.unknown()),
  checkpoint: checkpointSchema.nullable(),
})

/**
 * The client's check of a pull answer: the same rules as {@link pullResponseSchema}, but the
 * documents are checked in place instead of parsed into copies. A cold sync receives hundreds
 * of thousands of documents, and copying each one was a measurable share of it.
 */
export function parsePullResponse(value: unknown): PullResponse | undefined {
  const envelope = pullEnvelopeSchema.safeParse(value)
  if (!envelope.success) return undefined
  for (const doc of envelope.data.documents) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined
    const id: unknown = Reflect.get(doc, 'id')
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) return undefined
    if (typeof Reflect.get(doc, '_deleted') !== 'boolean') return undefined
  }
  return envelope.data as PullResponse
}

/**
 * How the server lays a pull answer out: the envelope's opening alone on the first line, each
 * document on a line of its own (all but the last ending in a comma), and the checkpoint on the
 * last line. It is still one JSON value (newlines are whitespace, and JSON never holds a raw
 * newline inside a string), so any client can parse it whole; a first sync's bulk load
 * (src-main/sync/first-pull/) uses the lines to keep each document's own text instead of
 * serialising the parsed document again, and parses the answer whole when they are not there.
 */
export const pullLines = {
  first: '{"documents":[',
  /** The start of the last line; the checkpoint and the closing brace follow. */
  lastOpening: '],"checkpoint":',
} as const

// ---------------------------------------------------------------------------------------------
// Push: POST {prefix}/sync/:collection/push

/**
 * One write. `assumedMasterState` is the server document the client last saw (from a pull or
 * a conflict), `null`/absent when it believes the server has none.
 */
export const pushRowSchema = z.strictObject({
  newDocumentState: wireDocumentSchema,
  assumedMasterState: wireDocumentSchema.nullable().optional(),
})
export type PushRow = z.infer<typeof pushRowSchema>

export const pushRequestSchema = z.strictObject({
  rows: z.array(pushRowSchema).min(1),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

/**
 * The current master document of every row whose assumption did not hold; those rows were not
 * written. The other rows were written (acknowledged) when the status is 200.
 */
export const pushResponseSchema = z.strictObject({
  conflicts: z.array(wireDocumentSchema),
})
export type PushResponse = z.infer<typeof pushResponseSchema>

// ---------------------------------------------------------------------------------------------
// Access: GET {prefix}/sync/access (rule 7)

/**
 * The accounts the caller may see right now: `all` for admins, otherwise the ids (deleted
 * accounts in scope included, since their tombstones replicate like any other row). A client
 * removes every local account not listed, with the documents that belong to it.
 */
export const accessResponseSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('all') }),
  z.strictObject({ scope: z.literal('accounts'), accountIds: z.array(z.string()) }),
])
export type AccessResponse = z.infer<typeof accessResponseSchema>

// ---------------------------------------------------------------------------------------------
// Who am I: GET {prefix}/me

export const syncRoleSchema = z.enum(['admin', 'manager', 'csm', 'tam'])
export type SyncRole = z.infer<typeof syncRoleSchema>

export const meResponseSchema = z.strictObject({
  user: z.strictObject({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: syncRoleSchema,
  }),
  token: z.strictObject({ expiresAt: z.string() }),
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
})
export type MeResponse = z.infer<typeof meResponseSchema>

// ---------------------------------------------------------------------------------------------
// Live stream: GET {prefix}/sync/stream (text/event-stream)

/**
 * Server-Sent Events, each `event: <type>` with a JSON `data:` line:
 * - `RESYNC` first on every connection, and again when the server may have missed changes;
 * - `CHANGE` when a collection got new rows up to `seq` (the client pulls; no documents here);
 * - `HEARTBEAT` every {@link syncLimits.heartbeatMs} so dead connections are noticed.
 */
export const streamEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('RESYNC'),
    reason: z.enum(['connected', 'listener-restarted']),
  }),
  z.strictObject({
    type: z.literal('CHANGE'),
    collection: syncCollectionSchema,
    seq: z.int().min(0),
  }),
  z.strictObject({ type: z.literal('HEARTBEAT'), at: z.string() }),
])
export type StreamEvent = z.infer<typeof streamEventSchema>

/** One SSE frame for an event. */
export function formatStreamEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
}

// ---------------------------------------------------------------------------------------------
// Errors

export const syncErrorCodeSchema = z.enum([
  /** No token, an unknown, expired or revoked one, or a disabled user: 401. */
  'unauthorized',
  /** Valid token, but the caller may not read or write this: 403. */
  'forbidden',
  /** No such route or collection: 404. */
  'not-found',
  /** Malformed JSON, wrong shape, a document failing its collection schema: 400. */
  'validation',
  /** Body over {@link syncLimits.bodyBytesMax} or push over {@link syncLimits.pushBatchMax}: 413. */
  'payload-too-large',
  /** Too many requests for this token: 429, retry after `details.retryAfterSeconds`. */
  'rate-limited',
  /** The database is unreachable or the server is shutting down: 503, retry with backoff. */
  'unavailable',
  'internal',
])
export type SyncErrorCode = z.infer<typeof syncErrorCodeSchema>

/** Every non-2xx answer has this body; `message` is for people, `code` for programs. */
export const syncErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: syncErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
})
export type SyncErrorBody = z.infer<typeof syncErrorBodySchema>

export const syncErrorStatus: Readonly<Record<SyncErrorCode, number>> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  validation: 400,
  'payload-too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
}

/** Whether a client should retry the same request later (with backoff and jitter). */
export function isRetryableSyncError(code: SyncErrorCode): boolean {
  return code === 'rate-limited' || code === 'unavailable' || code === 'internal'
}
