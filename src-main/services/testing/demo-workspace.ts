import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Account } from '@shared/model/account'
import type { Ticket } from '@shared/model/ticket'
import type { Tier } from '@shared/model/tier'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { loadDemoBook } from '../../db/demo-loader'
import {
  openWorkspaceStore,
  type TierlineDatabase,
  type WorkspaceStore,
} from '../../db/workspace-store'

/**
 * Service tests run on a real SQLite file holding a small demo book, one per test file, so that
 * what they prove is what main does; this is the one place that opens and discards it.
 */
export interface DemoWorkspace {
  readonly store: WorkspaceStore
  /** Closes the database, then removes its folder (dispose engine caches before calling it). */
  close(): Promise<void>
}

/** Opens a fresh workspace in its own temporary folder and loads a demo book of `size`. */
export async function openDemoWorkspace(
  name: string,
  size: { readonly accounts: number; readonly tickets: number },
): Promise<DemoWorkspace> {
  const folder = await mkdtemp(join(tmpdir(), `tierline-${name}-`))
  const store = await openWorkspaceStore({
    file: join(folder, 'tierline.sqlite'),
    log: recordingLogger(),
    onChange: () => undefined,
  })
  await loadDemoBook(store.rx(), size)
  return {
    store,
    async close() {
      await store.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}

/** Every stored account, as plain records. */
export async function storedAccounts(rx: TierlineDatabase): Promise<Account[]> {
  return (await rx.accounts.find().exec()).map((doc) => doc.toJSON() as Account)
}

/** Every stored ticket, as plain records. */
export async function storedTickets(rx: TierlineDatabase): Promise<Ticket[]> {
  return (await rx.tickets.find().exec()).map((doc) => doc.toJSON() as Ticket)
}

/** Every stored tier version by its id (accounts point at one through `tierVersionId`). */
export async function tierVersionsById(rx: TierlineDatabase): Promise<Map<string, Tier>> {
  return new Map((await rx.tiers.find().exec()).map((doc) => [doc.id, doc.toJSON() as Tier]))
}

/** The workspace's first admin stands in for "me"; any user id the model accepts would do. */
export function firstAdminAuthor(rx: () => TierlineDatabase) {
  return {
    async current(): Promise<{ id: string; name: string }> {
      const admin = (
        await rx()
          .users.find({ selector: { role: 'admin' } })
          .exec()
      )[0]
      if (admin === undefined) throw new Error('the demo book has no admin')
      return { id: admin.id, name: admin.name }
    },
  }
}
