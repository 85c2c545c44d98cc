import { z } from 'zod'
import { TOKEN_PATTERN, type SyncRole } from './protocol'

/**
 * What the header and the Settings screen show about team sync. Derived in main from the sync
 * engine's snapshot (see {@link syncStateOf}); the renderer only renders it.
 */
export type SyncPhase = 'signed-out' | 'offline' | 'syncing' | 'up-to-date' | 'error'

export interface SyncAccount {
  readonly serverUrl: string
  readonly user: {
    readonly id: string
    readonly name: string
    readonly email: string
    readonly role: SyncRole
  }
  readonly workspaceId: string
  readonly tokenExpiresAt: string
}

export interface SyncState {
  readonly phase: SyncPhase
  readonly account: SyncAccount | null
  /** Human-readable: why offline or failing, what is being synced. */
  readonly message: string
  /** First sync only: collections fully pulled of all, and documents received. */
  readonly progress: {
    readonly done: number
    readonly total: number
    readonly documents: number
  } | null
  readonly lastSyncedAt: string | null
  /** Local writes not yet acknowledged by the server (capped, see `pendingCapped`). */
  readonly pending: number
  readonly pendingCapped: boolean
  readonly conflicts: number
  /** The token store's caveat (e.g. Linux without a keyring), shown in Settings. */
  readonly tokenWarning: string | null
}

/** What the replication engine in main knows at one moment. */
export interface SyncSnapshotInput {
  /** Some request or the live stream is failing; the last failure. */
  readonly failure: {
    readonly code: string
    readonly message: string
    readonly retryable: boolean
  } | null
  readonly streamConnected: boolean
  /** Some collection is pulling or pushing right now. */
  readonly active: boolean
  /** Collections whose first full pull finished (in this run). */
  readonly collectionsReady: number
  readonly collectionsTotal: number
  /** Documents received from the server in this run. */
  readonly documentsReceived: number
  /** When every collection last finished a round with nothing left to do. */
  readonly lastSyncedAt: string | null
  readonly pending: number
}

/** The phase and message for a running engine's snapshot. */
export function syncStateOf(
  account: SyncAccount,
  snapshot: SyncSnapshotInput,
  extra: {
    readonly conflicts: number
    readonly tokenWarning: string | null
    readonly pendingCap: number
  },
): SyncState {
  const base = {
    account,
    lastSyncedAt: snapshot.lastSyncedAt,
    pending: snapshot.pending,
    pendingCapped: snapshot.pending >= extra.pendingCap,
    conflicts: extra.conflicts,
    tokenWarning: extra.tokenWarning,
    progress: null,
  }
  const { failure } = snapshot
  if (failure !== null && !failure.retryable) {
    return { ...base, phase: 'error', message: failure.message }
  }
  if (failure !== null || !snapshot.streamConnected) {
    return {
      ...base,
      phase: 'offline',
      message: failure?.message ?? 'Connecting to the sync server…',
    }
  }
  const firstSync = snapshot.collectionsReady < snapshot.collectionsTotal
  if (firstSync || snapshot.active || snapshot.pending > 0 || snapshot.lastSyncedAt === null) {
    return {
      ...base,
      phase: 'syncing',
      message: firstSync ? 'First sync: downloading the team’s data' : 'Syncing changes',
      progress: firstSync
        ? {
            done: snapshot.collectionsReady,
            total: snapshot.collectionsTotal,
            documents: snapshot.documentsReceived,
          }
        : null,
    }
  }
  return { ...base, phase: 'up-to-date', message: 'Up to date' }
}

export const signedOutState = (tokenWarning: string | null): SyncState => ({
  phase: 'signed-out',
  account: null,
  message: 'Team sync is not set up: this workspace is stored only on this computer.',
  progress: null,
  lastSyncedAt: null,
  pending: 0,
  pendingCapped: false,
  conflicts: 0,
  tokenWarning,
})

export const syncSignInInput = z.strictObject({
  serverUrl: z
    .string()
    .trim()
    .min(1, 'Enter the sync server’s address')
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value)
        return url.protocol === 'https:' || url.protocol === 'http:'
      } catch {
        return false
      }
    }, 'Enter an http:// or https:// address'),
  token: z
    .string()
    .trim()
    .regex(TOKEN_PATTERN, 'A Tierline token starts with tl_ followed by 43 characters'),
})
export type SyncSignInInput = z.infer<typeof syncSignInInput>

export const syncSignOutInput = z.strictObject({
  /** Keep this computer's copy of the team's data (it stays readable offline) or delete it. */
  keepLocalData: z.boolean(),
})

export const syncResolveConflictInput = z
  .strictObject({
    id: z.string().min(1).max(100),
    /**
     * `mine`: write this computer's version over the server's; `theirs`: drop the copy;
     * `merged`: write the server's version with `text` as the note's body (notes only).
     */
    keep: z.enum(['mine', 'theirs', 'merged']),
    text: z.string().max(200_000).optional(),
  })
  .refine((input) => (input.keep === 'merged') === (input.text !== undefined), {
    message: 'The merged text is given with “merged”, and only then',
    path: ['text'],
  })

export interface SyncConflictItem {
  readonly id: string
  readonly collection: string
  readonly documentId: string
  /** A short title for the list: the document's title or name when it has one. */
  readonly label: string
  readonly mine: Readonly<Record<string, unknown>>
  readonly theirs: Readonly<Record<string, unknown>>
  readonly detectedAt: string
  /**
   * `conflict`: someone else changed it first (keep mine or theirs). `refused`: the server does
   * not let this user write it (403), so it can only be discarded.
   */
  readonly kind: 'conflict' | 'refused'
  /** The server's reason for a refusal. */
  readonly reason: string | null
  /**
   * For a note whose two versions have different bodies: both bodies merged line by line, for
   * the user to edit and save ("merge text"). Null when there is nothing to merge.
   */
  readonly mergeDraft: string | null
}
