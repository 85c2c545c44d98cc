import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { changedTopic } from '@shared/ipc/contract'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { loadDemoBook } from '../../db/demo-loader'
import { openWorkspaceStore, type WorkspaceStore } from '../../db/workspace-store'
import { createEventBus, type EventBus } from '../events/event-bus'

/** The demo book's "now": its renewals, alerts and tickets are dated around it. */
export const BOOK_NOW = new Date('2026-11-01T00:00:00.000Z')

export interface TestWorkspace {
  readonly folder: string
  readonly store: WorkspaceStore
  /** Receives `changed:<collection>` from the store's change stream, as in the app. */
  readonly events: EventBus
  close(): Promise<void>
}

/** A small real demo book in a real SQLite file, with change events wired as main wires them. */
export async function openTestWorkspace(
  size: { accounts: number; tickets: number } = { accounts: 60, tickets: 900 },
): Promise<TestWorkspace> {
  const folder = await mkdtemp(join(tmpdir(), 'tierline-portfolio-'))
  const events = createEventBus()
  const store = await openWorkspaceStore({
    file: join(folder, 'tierline.sqlite'),
    log: recordingLogger(),
    onChange: (changed) => {
      for (const collection of changed) events.publish(changedTopic(collection), { collection })
    },
  })
  await loadDemoBook(store.rx(), size)
  return {
    folder,
    store,
    events,
    async close() {
      await store.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}

/** Resolves once main has announced a change to `collection` (change events arrive per tick). */
export function nextChange(events: EventBus, collection: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = events.subscribe((topic) => {
      if (topic === `changed:${collection}`) {
        stop()
        resolve()
      }
    })
  })
}
