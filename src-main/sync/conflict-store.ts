import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { syncCollectionSchema } from '@shared/sync/protocol'
import { quarantineCopy, readJsonFile } from '../services/fs/json-file'
import { writeJsonAtomic } from '../services/fs/atomic-file'

/**
 * Conflict copies: when the server refused a push of an authored document because someone else
 * changed it first, the server's version is applied locally and the version written here is
 * kept, so nothing a person typed is lost silently. Refusals are kept the same way: a write the
 * server answered 403 for (an account reassigned away, a tier only admins may change) is taken
 * out of the push queue, so it cannot hold back the others, and kept here with the server's
 * reason until the user discards it. Stored beside the workspace's database (not in it: it is
 * this computer's record and is never replicated).
 */
export const syncConflictSchema = z.strictObject({
  id: z.string(),
  collection: syncCollectionSchema,
  documentId: z.string(),
  /** What this computer had written (it lost). */
  mine: z.record(z.string(), z.unknown()),
  /** The server's version, applied locally. */
  theirs: z.record(z.string(), z.unknown()),
  detectedAt: z.string(),
  /** `refused`: the server would not accept `mine` at all (403); absent in older files. */
  kind: z.enum(['conflict', 'refused']).optional(),
  /** The server's message for a refusal, in its words. */
  reason: z.string().optional(),
})
export type SyncConflict = z.infer<typeof syncConflictSchema>

const fileSchema = z.strictObject({ version: z.literal(1), conflicts: z.array(syncConflictSchema) })

export const CONFLICTS_FILE = 'sync-conflicts.json'

export interface ConflictStore {
  add(conflicts: readonly Omit<SyncConflict, 'id'>[]): Promise<void>
  list(): Promise<readonly SyncConflict[]>
  remove(id: string): Promise<SyncConflict | undefined>
  clear(): Promise<void>
}

export function createConflictStore(folder: string): ConflictStore {
  const file = join(folder, CONFLICTS_FILE)
  // Writes are serialised so two pushes finishing together cannot drop each other's copies.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }
  let damagedKept = false
  async function read(): Promise<SyncConflict[]> {
    const result = await readJsonFile(file)
    if (result.state === 'missing') return []
    const parsed = result.state === 'ok' ? fileSchema.safeParse(result.value) : undefined
    if (parsed?.success) return parsed.data.conflicts
    // A damaged file is copied aside before the next write replaces it, so its copies survive.
    if (!damagedKept) {
      await quarantineCopy(file)
      damagedKept = true
    }
    return []
  }
  const write = (conflicts: SyncConflict[]) => writeJsonAtomic(file, { version: 1, conflicts })

  return {
    add: (conflicts) =>
      serial(async () => {
        if (conflicts.length === 0) return
        const all = await read()
        all.push(...conflicts.map((c) => ({ ...c, id: randomUUID() })))
        await write(all)
      }),
    list: () => serial(read),
    remove: (id) =>
      serial(async () => {
        const all = await read()
        const found = all.find((c) => c.id === id)
        if (found) await write(all.filter((c) => c.id !== id))
        return found
      }),
    clear: () => serial(() => write([])),
  }
}
