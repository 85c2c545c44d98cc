import type { CollectionName } from '@shared/model/registry'
import { validateDocument } from '@shared/model/validate'
import {
  pullLines,
  sameDocumentState,
  type PushRow,
  type SyncCheckpoint,
  type WireDocument,
} from '@shared/sync/protocol'
import type { SqlDatabase, SqlExecutor } from '../db/database'
import { accountChildCollections, CHANGES_CHANNEL, tableOf } from '../db/tables'
import { SyncError } from '../errors'
import { assertMayWrite, readPredicate, type AccessScope } from './access'

interface DocumentRow {
  id: string
  data: Record<string, unknown>
  deleted: boolean
  seq: string | number
}

const toWire = (row: Pick<DocumentRow, 'data' | 'deleted'>): WireDocument => ({
  ...row.data,
  id: String(row.data.id),
  _deleted: row.deleted,
})

/**
 * Writers of one collection take this lock first and keep it to commit, so `server_seq` order is
 * commit order: no pull can pass seq N while a row with a smaller seq is still uncommitted (the
 * "checkpoint ran ahead of the data" bug). Locks are always taken in registry order.
 */
export async function lockCollection(tx: SqlExecutor, collection: CollectionName): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tierline:docs:${collection}`])
}

async function notifyChange(tx: SqlExecutor, collection: CollectionName, seq: number) {
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify({ collection, seq })])
}

/** A pull's answer, already serialised: the body of a {@link PullResponse}. */
export interface PullPage {
  /**
   * `{"documents":[…],"checkpoint":…}` as UTF-8 JSON. Bytes rather than a string: given a
   * string, Fastify measured its UTF-8 length for Content-Length and Node then encoded it
   * again to write it, two passes over ~4 MB per page of tickets (6 % of the server's time).
   */
  readonly body: Buffer
  readonly count: number
  readonly checkpoint: SyncCheckpoint | null
}

/**
 * Rows after `checkpoint` in `(server_seq, id)` order that the scope may read. Read-only and
 * deterministic for a given database state, so repeating a pull is harmless (rule 3).
 *
 * The documents travel as PostgreSQL's own JSON text: parsing each one into an object only to
 * serialise it again was most of a cold sync's time. `_deleted` is spliced in as the first key
 * (every document is a non-empty object, so its text starts with `{"`), and each document
 * has a line of its own (see pullLines).
 */
export async function pullDocuments(
  db: SqlExecutor,
  collection: CollectionName,
  scope: AccessScope,
  checkpoint: SyncCheckpoint | null,
  limit: number,
): Promise<PullPage> {
  const access = readPredicate(collection, scope, 4)
  const sql = `SELECT id, data::text AS json, deleted, server_seq::text AS seq
      FROM ${tableOf(collection)}
     WHERE (server_seq, id) > ($1::bigint, $2::text) AND ${access.sql}
     ORDER BY server_seq, id LIMIT $3`
  const params = [checkpoint?.seq ?? -1, checkpoint?.id ?? '', limit, ...access.params]
  const rows =
    db.queryBytes === undefined
      ? await db.query<TextRow<string>>(sql, params)
      : await db.queryBytes<TextRow<Buffer>>(sql, params)
  const next = checkpointAfter(rows, checkpoint)
  const parts: Buffer[] = [DOCUMENTS_OPEN]
  rows.forEach((row, i) => {
    const json = typeof row.json === 'string' ? Buffer.from(row.json) : row.json
    parts.push(
      i > 0 ? NEXT_LINE : NEWLINE,
      row.deleted ? DELETED_OPEN : LIVE_OPEN,
      json.subarray(1),
    )
  })
  parts.push(Buffer.from(`\n${pullLines.lastOpening}${JSON.stringify(next)}}`))
  return { body: Buffer.concat(parts), count: rows.length, checkpoint: next }
}

/** A pull's row, its text columns as strings or (see SqlExecutor.queryBytes) as bytes. */
interface TextRow<Text extends string | Buffer> {
  id: Text
  json: Text
  deleted: boolean
  seq: Text
}

// In the protocol's line layout (pullLines): one document per line.
const DOCUMENTS_OPEN = Buffer.from(pullLines.first)
const NEWLINE = Buffer.from('\n')
const NEXT_LINE = Buffer.from(',\n')
const LIVE_OPEN = Buffer.from('{"_deleted":false,')
const DELETED_OPEN = Buffer.from('{"_deleted":true,')

/** The last row's checkpoint, or the asked one when the page is empty (rule 3). */
function checkpointAfter(
  rows: readonly TextRow<string | Buffer>[],
  checkpoint: SyncCheckpoint | null,
): SyncCheckpoint | null {
  const last = rows.at(-1)
  return last === undefined ? checkpoint : { id: String(last.id), seq: Number(String(last.seq)) }
}

interface ValidRow {
  readonly index: number
  readonly id: string
  readonly data: Record<string, unknown>
  readonly deleted: boolean
  readonly assumed: WireDocument | null
}

/** Parses every row's new state with its collection schema; one bad row fails the batch. */
export function validatePushRows(collection: CollectionName, rows: readonly PushRow[]): ValidRow[] {
  const failures: { index: number; id: string; issues: unknown }[] = []
  const valid: ValidRow[] = []
  const seen = new Set<string>()
  rows.forEach((row, index) => {
    const id = row.newDocumentState.id
    const assumed = row.assumedMasterState ?? null
    if (seen.has(id)) {
      failures.push({ index, id, issues: [{ field: 'id', message: 'pushed twice in one batch' }] })
      return
    }
    seen.add(id)
    if (assumed !== null && assumed.id !== id) {
      failures.push({
        index,
        id,
        issues: [{ field: 'assumedMasterState.id', message: 'must be the same document' }],
      })
      return
    }
    const result = validateDocument(collection, row.newDocumentState)
    if (!result.ok) {
      failures.push({ index, id, issues: result.error.details?.issues ?? [] })
      return
    }
    valid.push({
      index,
      id,
      data: { ...result.value },
      deleted: row.newDocumentState._deleted,
      assumed,
    })
  })
  if (failures.length > 0) {
    throw new SyncError(
      'validation',
      `${failures.length} of ${rows.length} documents do not match the ${collection} schema; nothing was written`,
      { failures },
    )
  }
  return valid
}

/**
 * Upserts documents and gives each a new seq; returns the highest seq written. The caller holds
 * {@link lockCollection} for the collection in the same transaction.
 */
export async function writeRows(
  tx: SqlExecutor,
  collection: CollectionName,
  rows: readonly { id: string; data: Record<string, unknown>; deleted: boolean }[],
  onlyIfChanged: boolean,
): Promise<number | undefined> {
  if (rows.length === 0) return undefined
  const table = tableOf(collection)
  const written = await tx.query<{ seq: string | number }>(
    `INSERT INTO ${table} AS t (id, data, deleted, server_seq, updated_at)
     SELECT r.doc->>'id', r.doc->'data', (r.doc->>'deleted')::boolean, nextval('sync_seq'), now()
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, n)
      ORDER BY r.n
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, deleted = excluded.deleted,
       server_seq = excluded.server_seq, updated_at = excluded.updated_at
     ${onlyIfChanged ? 'WHERE (t.data, t.deleted) IS DISTINCT FROM (excluded.data, excluded.deleted)' : ''}
     RETURNING server_seq::text AS seq`,
    [JSON.stringify(rows.map((row) => ({ id: row.id, data: row.data, deleted: row.deleted })))],
  )
  if (written.length === 0) return undefined
  const max = Math.max(...written.map((row) => Number(row.seq)))
  await notifyChange(tx, collection, max)
  return max
}

/**
 * When an account changes hands, its children get new seqs so they reach the new owner's
 * client: they are older than that client's checkpoint and would otherwise never be pulled.
 */
async function reannounceChildren(tx: SqlExecutor, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return
  for (const child of accountChildCollections) {
    await lockCollection(tx, child)
    const rows = await tx.query<{ seq: string | number }>(
      `UPDATE ${tableOf(child)} SET server_seq = nextval('sync_seq')
        WHERE account_id IN (SELECT jsonb_array_elements_text($1::jsonb))
        RETURNING server_seq::text AS seq`,
      [JSON.stringify(accountIds)],
    )
    if (rows.length > 0) {
      await notifyChange(tx, child, Math.max(...rows.map((row) => Number(row.seq))))
    }
  }
}

/**
 * RxDB-style push in one transaction: rows whose `assumedMasterState` matches the stored row
 * (or that are new) are written; for the others nothing is written and the current master
 * document is returned as a conflict. A forbidden row fails the whole push (403, no writes).
 */
export async function pushDocuments(
  db: SqlDatabase,
  collection: CollectionName,
  scope: AccessScope,
  rows: readonly PushRow[],
): Promise<WireDocument[]> {
  const valid = validatePushRows(collection, rows)
  return db.transaction(async (tx) => {
    await lockCollection(tx, collection)
    const storedRows = await tx.query<DocumentRow>(
      `SELECT id, data, deleted, server_seq::text AS seq FROM ${tableOf(collection)}
        WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) FOR UPDATE`,
      [JSON.stringify(valid.map((row) => row.id))],
    )
    const stored = new Map(storedRows.map((row) => [row.id, row]))
    await assertMayWrite(
      tx,
      collection,
      scope,
      valid.map((row) => ({
        index: row.index,
        stored: stored.get(row.id)?.data,
        next: row.data,
        deleted: row.deleted,
      })),
    )
    const conflicts: WireDocument[] = []
    const accepted: ValidRow[] = []
    for (const row of valid) {
      const current = stored.get(row.id)
      if (current === undefined) {
        // Nothing to overwrite: a new document (or one the client wrongly thought existed).
        accepted.push(row)
      } else if (row.assumed !== null && sameDocumentState(row.assumed, toWire(current))) {
        accepted.push(row)
      } else {
        conflicts.push(toWire(current))
      }
    }
    await writeRows(tx, collection, accepted, false)
    if (collection === 'accounts') {
      await reannounceChildren(
        tx,
        changedHands(accepted, (id) => stored.get(id)?.data),
      )
    }
    return conflicts
  })
}

/** Accounts among `rows` whose owner or TAM differs from their stored version. */
function changedHands(
  rows: readonly { id: string; data: Readonly<Record<string, unknown>> }[],
  before: (id: string) => Readonly<Record<string, unknown>> | undefined,
): string[] {
  return rows
    .filter((row) => {
      const old = before(row.id)
      return old !== undefined && (old.ownerId !== row.data.ownerId || old.tamId !== row.data.tamId)
    })
    .map((row) => row.id)
}

/**
 * After a user's team or role changed (who sees their accounts changed), gives those accounts
 * and their children new seqs so they reach everyone who may now see them.
 */
export async function reannounceAccountsOf(
  db: SqlDatabase,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return
  await db.transaction(async (tx) => {
    await lockCollection(tx, 'accounts')
    const rows = await tx.query<{ id: string; seq: string }>(
      `UPDATE ${tableOf('accounts')} SET server_seq = nextval('sync_seq')
        WHERE owner_id IN (SELECT jsonb_array_elements_text($1::jsonb))
           OR tam_id IN (SELECT jsonb_array_elements_text($1::jsonb))
        RETURNING id, server_seq::text AS seq`,
      [JSON.stringify(userIds)],
    )
    if (rows.length === 0) return
    await notifyChange(tx, 'accounts', Math.max(...rows.map((row) => Number(row.seq))))
    await reannounceChildren(
      tx,
      rows.map((row) => row.id),
    )
  })
}

/**
 * Loads documents as the source of truth (seed, imports): validated, upserted without a
 * conflict check, through the same locks, sequence and notifications as a push. Unchanged
 * documents keep their seq, so loading the same book twice sends clients nothing new.
 */
export async function importDocuments(
  db: SqlDatabase,
  collection: CollectionName,
  docs: readonly Readonly<Record<string, unknown>>[],
): Promise<number> {
  const rows = validatePushRows(
    collection,
    docs.map((doc) => ({
      newDocumentState: { ...doc, id: String(doc.id), _deleted: false } satisfies WireDocument,
    })),
  )
  return db.transaction(async (tx) => {
    await lockCollection(tx, collection)
    const before =
      collection === 'accounts'
        ? await tx.query<{ id: string; data: Record<string, unknown> }>(
            `SELECT id, data FROM ${tableOf(collection)}
              WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
            [JSON.stringify(rows.map((row) => row.id))],
          )
        : []
    await writeRows(tx, collection, rows, true)
    if (collection === 'accounts') {
      const stored = new Map(before.map((row) => [row.id, row.data]))
      await reannounceChildren(
        tx,
        changedHands(rows, (id) => stored.get(id)),
      )
    }
    return rows.length
  })
}
