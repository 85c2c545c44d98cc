import { join } from 'node:path'
import { z } from 'zod'
import { TierlineError } from '@shared/ipc/errors'
import { collectionNames } from '@shared/model/registry'
import {
  meResponseSchema,
  sameDocumentState,
  syncPaths,
  syncRoleSchema,
} from '@shared/sync/protocol'
import {
  signedOutState,
  syncStateOf,
  type SyncAccount,
  type SyncConflictItem,
  type SyncSignInInput,
  type SyncState,
} from '@shared/sync/sync-state'
import type { TierlineDatabase } from '../db/workspace-store'
import { writeJsonAtomic } from '../services/fs/atomic-file'
import { readJsonFile } from '../services/fs/json-file'
import type { Logger } from '../services/log/logger'
import { createConflictStore, type ConflictStore, type SyncConflict } from './conflict-store'
import { PENDING_COUNT_CAP } from './pending-count'
import { startSyncEngine, type SyncEngine } from './sync-engine'
import type { WorkerEntry } from '../threads/worker-entry'
import { syncJson, SyncRequestError } from './sync-http'
import type { TokenStore } from './token-store'
import { mergeTextDraft } from '@shared/sync/merge-text'

export const SYNC_FILE = 'sync.json'

/** Which server, user and workspace this computer syncs; the token itself is in the TokenStore. */
const bindingSchema = z.strictObject({
  version: z.literal(1),
  serverUrl: z.string(),
  workspaceId: z.string(),
  user: z.strictObject({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: syncRoleSchema,
  }),
  tokenExpiresAt: z.string(),
  signedIn: z.boolean(),
})
type Binding = z.infer<typeof bindingSchema>

export interface SyncWorkspace {
  readonly id: string
  readonly folder: string
  readonly rx: TierlineDatabase
}

export interface SyncServiceOptions {
  readonly dataRoot: string
  readonly tokens: TokenStore
  /** The open workspace; sync runs only while it is the one signed in. */
  readonly workspace: () => Promise<SyncWorkspace>
  readonly log: Logger
  readonly onState: (state: SyncState) => void
  readonly fetch?: typeof fetch
  readonly now?: () => Date
  /** See SyncEngineOptions.pageWorker. */
  readonly pageWorker?: WorkerEntry | null
}

export interface SyncService {
  /** Resumes the saved sign-in, if any, on the open workspace. */
  start(): Promise<void>
  /** Re-checks after a workspace switch: stops, or resumes when the synced one is open again. */
  workspaceChanged(): Promise<void>
  state(): SyncState
  signIn(input: SyncSignInInput): Promise<SyncState>
  signOut(input: { readonly keepLocalData: boolean }): Promise<SyncState>
  conflicts(): Promise<readonly SyncConflictItem[]>
  /** Keep mine (writes my version over the server's, pushed as a normal edit) or theirs. */
  resolveConflict(input: {
    readonly id: string
    readonly keep: 'mine' | 'theirs' | 'merged'
    readonly text?: string | undefined
  }): Promise<null>
  close(): Promise<void>
}

/** Both bodies of a conflicting note, merged line by line; null unless both are text and differ. */
function mergeDraftOf(conflict: SyncConflict): string | null {
  const mine = conflict.mine.bodyMarkdown
  const theirs = conflict.theirs.bodyMarkdown
  if (typeof mine !== 'string' || typeof theirs !== 'string' || mine === theirs) return null
  return mergeTextDraft(mine, theirs)
}

/**
 * A conflict is kept before RxDB writes the server's version locally. A resolution written in
 * between would be pushed against the version the server already replaced, and conflict again:
 * wait for that write first (bounded; the document is read afresh either way).
 */
async function untilLocalCopyIsTheirs(
  engine: SyncEngine,
  rx: TierlineDatabase,
  conflict: SyncConflict,
): Promise<void> {
  const doc = await rx.collections[conflict.collection].findOne(conflict.documentId).exec()
  // A deleted document is absent locally (RxDB keeps tombstones out of queries).
  const applied =
    doc === null
      ? conflict.theirs._deleted === true
      : sameDocumentState(
          { ...(doc.toJSON() as Record<string, unknown>), _deleted: false },
          conflict.theirs,
        )
  if (applied) return
  await engine.awaitCollectionIdle(conflict.collection, THEIRS_WAIT_MS)
}

/** How long a resolution waits for RxDB to apply the server's version (it takes milliseconds). */
const THEIRS_WAIT_MS = 5_000

const normaliseUrl = (url: string) => url.trim().replace(/\/+$/, '')

function labelOf(conflict: SyncConflict): string {
  for (const key of ['title', 'name', 'label']) {
    const value = conflict.theirs[key] ?? conflict.mine[key]
    if (typeof value === 'string' && value !== '') return value
  }
  return conflict.documentId
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const file = join(options.dataRoot, SYNC_FILE)
  let binding: Binding | null = null
  let running: { engine: SyncEngine; workspace: SyncWorkspace; conflicts: ConflictStore } | null =
    null
  let conflictCount = 0
  let state: SyncState = signedOutState(options.tokens.warning())
  // Sign-in, sign-out and workspace switches are serialised: each sees the last one finished.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  const account = (b: Binding): SyncAccount => ({
    serverUrl: b.serverUrl,
    user: b.user,
    workspaceId: b.workspaceId,
    tokenExpiresAt: b.tokenExpiresAt,
  })

  function publish(next: SyncState) {
    state = next
    options.onState(next)
  }
  function refresh() {
    if (binding === null || !binding.signedIn)
      return publish(signedOutState(options.tokens.warning()))
    if (running === null) {
      return publish({
        ...signedOutState(options.tokens.warning()),
        phase: 'offline',
        account: account(binding),
        message: 'Team sync runs in the workspace you signed in from; open it to sync.',
      })
    }
    publish(
      syncStateOf(account(binding), running.engine.snapshot(), {
        conflicts: conflictCount,
        tokenWarning: options.tokens.warning(),
        pendingCap: PENDING_COUNT_CAP,
      }),
    )
  }

  async function saveBinding(next: Binding | null) {
    binding = next
    if (next !== null) await writeJsonAtomic(file, next)
  }

  async function run(workspace: SyncWorkspace, b: Binding, token: string) {
    const conflicts = createConflictStore(workspace.folder)
    conflictCount = (await conflicts.list()).length
    const counting: ConflictStore = {
      ...conflicts,
      add: async (copies) => {
        await conflicts.add(copies)
        conflictCount = (await conflicts.list()).length
        refresh()
      },
    }
    const engine = startSyncEngine({
      rx: workspace.rx,
      connection: {
        baseUrl: b.serverUrl,
        token,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
      conflicts: counting,
      identity: `${b.serverUrl}|${b.user.id}`,
      onChange: () => refresh(),
      log: options.log,
      ...(options.now ? { now: options.now } : {}),
      ...(options.pageWorker === undefined ? {} : { pageWorker: options.pageWorker }),
    })
    running = { engine, workspace, conflicts: counting }
    refresh()
  }

  async function halt() {
    const current = running
    running = null
    await current?.engine.stop()
  }

  async function resume() {
    if (binding === null || !binding.signedIn) return refresh()
    const workspace = await options.workspace()
    if (running !== null && running.workspace.rx === workspace.rx) return refresh()
    await halt()
    if (workspace.id === binding.workspaceId) {
      const token = await options.tokens.load()
      if (token === null) {
        await saveBinding({ ...binding, signedIn: false })
        options.log.warn('sync token missing or unreadable; signed out')
      } else await run(workspace, binding, token)
    }
    refresh()
  }

  async function hasDocuments(rx: TierlineDatabase): Promise<boolean> {
    for (const name of collectionNames) {
      if ((await rx.collections[name].count().exec()) > 0) return true
    }
    return false
  }

  return {
    start: () =>
      serial(async () => {
        const saved = await readJsonFile(file)
        const parsed = saved.state === 'ok' ? bindingSchema.safeParse(saved.value) : undefined
        binding = parsed?.success ? parsed.data : null
        if (saved.state !== 'missing' && binding === null)
          options.log.warn('sync.json unreadable; signed out')
        await resume()
      }),
    workspaceChanged: () => serial(resume),
    state: () => state,
    signIn: (input) =>
      serial(async () => {
        const serverUrl = normaliseUrl(input.serverUrl)
        let me: z.infer<typeof meResponseSchema>
        try {
          me = await syncJson(
            {
              baseUrl: serverUrl,
              token: input.token,
              ...(options.fetch ? { fetch: options.fetch } : {}),
            },
            syncPaths.me,
            meResponseSchema,
          )
        } catch (error) {
          const failure = error instanceof SyncRequestError ? error : undefined
          const field = failure?.code === 'unauthorized' ? 'token' : 'serverUrl'
          throw new TierlineError(
            'validation',
            failure?.code === 'unauthorized'
              ? 'The server did not accept this token (unknown, expired or revoked).'
              : `Could not sign in: ${failure?.message ?? String(error)}`,
            { issues: [{ field, message: failure?.message ?? String(error) }] },
          )
        }
        const workspace = await options.workspace()
        const resumingHere = binding !== null && binding.workspaceId === workspace.id
        // Pushing a workspace that was never synced would send its local data (the demo book)
        // to the team's server; team sync starts in an empty workspace instead.
        if (!resumingHere && (await hasDocuments(workspace.rx))) {
          throw new TierlineError(
            'conflict',
            'Team sync starts in an empty workspace, so this one’s data is not sent to the team’s server. Create an empty workspace, open it, and sign in there.',
          )
        }
        await halt()
        await options.tokens.save(input.token)
        const next: Binding = {
          version: 1,
          serverUrl,
          workspaceId: workspace.id,
          user: me.user,
          tokenExpiresAt: me.token.expiresAt,
          signedIn: true,
        }
        await saveBinding(next)
        await run(workspace, next, input.token)
        return state
      }),
    signOut: ({ keepLocalData }) =>
      serial(async () => {
        const current = running
        running = null
        if (current !== null && !keepLocalData) {
          // Forget RxDB's checkpoints and master states first, so the removals below are never
          // pushed as deletes if this workspace signs in again.
          await current.engine.forget()
          for (const name of collectionNames)
            await current.workspace.rx.collections[name].find().remove()
          await current.conflicts.clear()
          conflictCount = 0
        } else await current?.engine.stop()
        await options.tokens.clear()
        if (binding !== null) await saveBinding({ ...binding, signedIn: false })
        refresh()
        return state
      }),
    conflicts: async () => {
      const workspace = await options.workspace()
      const list = await createConflictStore(workspace.folder).list()
      return list.map(({ kind, reason, ...c }) => ({
        ...c,
        label: labelOf(c),
        kind: kind ?? 'conflict',
        reason: reason ?? null,
        mergeDraft: kind === 'refused' ? null : mergeDraftOf(c),
      }))
    },
    resolveConflict: ({ id, keep, text }) =>
      serial(async () => {
        const workspace = await options.workspace()
        const store =
          running?.workspace.id === workspace.id
            ? running.conflicts
            : createConflictStore(workspace.folder)
        const conflict = (await store.list()).find((c) => c.id === id)
        if (conflict === undefined)
          throw new TierlineError('not-found', 'That conflict was already resolved.')
        if (keep === 'mine' && conflict.kind === 'refused') {
          // Writing it again would be refused again, and stay refused: it can only be discarded.
          throw new TierlineError(
            'conflict',
            `The server refused this change (${conflict.reason ?? 'not allowed'}); it can only be discarded.`,
          )
        }
        if (keep !== 'theirs' && running?.workspace.id === workspace.id) {
          await untilLocalCopyIsTheirs(running.engine, workspace.rx, conflict)
        }
        if (keep === 'merged') {
          const collection = workspace.rx.collections[conflict.collection]
          const doc = await collection.findOne(conflict.documentId).exec()
          if (conflict.kind === 'refused' || mergeDraftOf(conflict) === null || doc === null) {
            throw new TierlineError(
              'validation',
              'Only two versions of a note’s text can be merged.',
              {
                issues: [{ field: 'keep', message: 'choose “Keep mine” or “Keep theirs”' }],
              },
            )
          }
          // The server's version with the merged body: pushed as an ordinary edit of it.
          await doc.incrementalModify(
            (current: Record<string, unknown>) =>
              ({
                ...current,
                bodyMarkdown: text ?? '',
                updatedAt: (options.now?.() ?? new Date()).toISOString(),
              }) as never,
          )
        }
        if (keep === 'mine') {
          const { _deleted: deleted, ...mine } = conflict.mine
          const collection = workspace.rx.collections[conflict.collection]
          const doc = await collection.findOne(conflict.documentId).exec()
          if (deleted === true) await doc?.remove()
          else if (doc === null) await collection.insert(mine as never)
          else await doc.incrementalModify(() => mine as never)
        }
        await store.remove(id)
        conflictCount = (await store.list()).length
        refresh()
        return null
      }),
    close: () => serial(halt),
  }
}
