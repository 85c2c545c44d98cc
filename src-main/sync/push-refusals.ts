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
 * Pushes `rows`; when the server refuses some of them (403, all-or-nothing per protocol rule 5,
 * naming the refused rows in `details.rows`), pushes the others again without them, so one
 * document the user may not write never holds back the rest of a collection's queue. A 403
 * that names no rows refuses them all. Any other failure is thrown, to be retried as before.
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
      if (!(error instanceof SyncRequestError) || error.code !== 'forbidden') throw error
      const named = refusedIndexes(error.details, remaining.length)
      const out = new Set(named.length > 0 ? named : remaining.map((_, i) => i))
      for (const index of out) {
        const row = remaining[index]
        if (row !== undefined) refused.push({ row, reason: error.message })
      }
      remaining = remaining.filter((_, i) => !out.has(i))
    }
  }
  for (const row of remaining) refused.push({ row, reason: 'The server kept refusing this push' })
  return { conflicts: [], refused }
}

function refusedIndexes(details: Readonly<Record<string, unknown>> | undefined, size: number) {
  const rows = details?.rows
  if (!Array.isArray(rows)) return []
  return rows.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < size)
}
