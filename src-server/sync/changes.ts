import { syncCollectionSchema, type StreamEvent } from '@shared/sync/protocol'
import { z } from 'zod'
import type { SqlDatabase } from '../db/database'
import { CHANGES_CHANNEL } from '../db/tables'

const notificationSchema = z.strictObject({
  collection: syncCollectionSchema,
  seq: z.int().min(0),
})

export type ChangeListener = (event: StreamEvent) => void

/**
 * Fans the database's change notifications (LISTEN/NOTIFY, sent by every write inside its
 * transaction, so only committed changes arrive) out to this instance's live streams. Any
 * instance hears every instance's writes: the server keeps no state of its own.
 */
export interface ChangeHub {
  subscribe(listener: ChangeListener): () => void
  readonly size: number
  stop(): Promise<void>
}

export async function startChangeHub(
  db: SqlDatabase,
  onError: (message: string) => void = () => undefined,
): Promise<ChangeHub> {
  const listeners = new Set<ChangeListener>()
  const broadcast = (event: StreamEvent) => {
    for (const listener of listeners) listener(event)
  }
  const unlisten = await db.listen(CHANGES_CHANNEL, {
    onNotify(payload) {
      const parsed = notificationSchema.safeParse(safeJson(payload))
      if (parsed.success) broadcast({ type: 'CHANGE', ...parsed.data })
      else onError('ignored a malformed change notification')
    },
    // Notifications sent while the listener was away are lost: every client must re-pull.
    onReconnect: () => broadcast({ type: 'RESYNC', reason: 'listener-restarted' }),
  })
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get size() {
      return listeners.size
    },
    async stop() {
      listeners.clear()
      await unlisten()
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
