import type { WireDocument } from '@shared/sync/protocol'
import { SyncRequestError } from './sync-http'

export interface WireRow {
  readonly newDocumentState: WireDocument
  readonly assumedMasterState: WireDocument | null
}

export interface RefusedRow {
  readonly row: WireRow
  /** The server's message, for the user. */
  readonly reason: string
}

/** Most rounds one batch takes: each round drops at least one row, so this is only a guard. */
const MAX_ROUNDS = 20

/**
 * Pushes `rows`; when the server refuses some of them, pushes the others again without them,
 * so one document never holds back the rest of a collection's queue:
 * - 403 (all-or-nothing per protocol rule 5) names the refused rows in `details.rows`; a 403
 *   that names none refuses them all;
 * - 400 naming rows in `details.failures` (documents the server's schema rejects: a client
 *   and a server on different Tierline versions) refuses those rows, with the first issue as
 *   the reason. Retrying them would be refused the same way forever.
 * Any other failure is thrown, to be retried as before.
 */
export async function pushKeepingRefusals(
  rows: readonly WireRow[],
  push: (rows: readonly WireRow[]) => Promise<readonly WireDocument[]>,
): Promise<{ conflicts: readonly WireDocument[]; refused: readonly RefusedRow[] }> {
  const refused: RefusedRow[] = []
  let remaining = rows
  for (let round = 0; remaining.length > 0 && round < MAX_ROUNDS; round++) {
    try {
      return { conflicts: await push(remaining), refused }
    } catch (error) {
      const out = refusalsOf(error, remaining.length)
      if (out === undefined) throw error
      for (const [index, reason] of out) {
        const row = remaining[index]
        if (row !== undefined) refused.push({ row, reason })
      }
      remaining = remaining.filter((_, i) => !out.has(i))
    }
  }
  for (const row of remaining) refused.push({ row, reason: 'The server kept refusing this push' })
  return { conflicts: [], refused }
}

/** The refused rows' indexes with each one's reason; undefined: not a refusal, rethrow. */
function refusalsOf(error: unknown, size: number): Map<number, string> | undefined {
  if (!(error instanceof SyncRequestError)) return undefined
  const inBatch = (i: unknown): i is number =>
    Number.isInteger(i) && Number(i) >= 0 && Number(i) < size
  if (error.code === 'forbidden') {
    const rows = error.details?.rows
    const named = Array.isArray(rows) ? rows.filter(inBatch) : []
    const indexes = named.length > 0 ? named : Array.from({ length: size }, (_, i) => i)
    return new Map(indexes.map((i) => [i, error.message]))
  }
  if (error.code === 'validation') {
    const failures = error.details?.failures
    if (!Array.isArray(failures)) return undefined
    const named = new Map<number, string>()
    for (const failure of failures as unknown[]) {
      const { index, issues } = (failure ?? {}) as { index?: unknown; issues?: unknown }
      if (inBatch(index)) named.set(index, schemaReason(issues))
    }
    // A 400 that names no row is a malformed request, not a document to set aside.
    return named.size > 0 ? named : undefined
  }
  return undefined
}

function schemaReason(issues: unknown): string {
  const first = Array.isArray(issues)
    ? (issues[0] as { field?: unknown; message?: unknown })
    : undefined
  const issue =
    typeof first?.field === 'string' && typeof first.message === 'string'
      ? ` (${first.field === '' ? '' : `${first.field}: `}${first.message})`
      : ''
  return `The team server does not accept this document${issue}; it may run another version of Tierline.`
}
