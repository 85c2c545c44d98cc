import type { RxDocument } from 'rxdb'
import {
  activityRefInput,
  addNoteInput,
  logCheckInInput,
  titleFromMarkdown,
  updateActivityInput,
  type AddNoteInput,
  type LogCheckInInput,
  type UpdateActivityInput,
} from '@shared/activities/activity-inputs'
import { canEditActivity, type DeletedActivity } from '@shared/activities/timeline'
import { TierlineError } from '@shared/ipc/errors'
import type { Activity } from '@shared/model/activity'
import { newId as defaultNewId } from '@shared/model/ids'
import { validateDocument } from '@shared/model/validate'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { CurrentUserSource } from '../session/current-user'
import { parseInput } from './parse-input'

/**
 * Writes the signed-in user's notes and check-ins. Every write is local (RxDB on the
 * workspace file), so it works offline and replicates later. Rules: only the author edits,
 * deletes or restores, and only notes and check-ins; an edit names the version it started from
 * and is refused if the document moved on; a refused write changes nothing.
 */
export function createActivityWriter(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly currentUser: CurrentUserSource
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId

  async function requireAccount(db: TierlineDatabase, accountId: string): Promise<void> {
    if ((await db.accounts.findOne(accountId).exec()) === null) {
      throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
        id: accountId,
      })
    }
  }

  /** Validates the whole document against the stored schema before RxDB sees it. */
  function checked(doc: Activity): Activity {
    const result = validateDocument('activities', doc)
    if (!result.ok) throw result.error
    return result.value
  }

  async function insert(db: TierlineDatabase, doc: Activity): Promise<Activity> {
    const stored = await db.activities.insert(checked(doc))
    return stored.toJSON() as Activity
  }

  async function editableDocument(
    db: TierlineDatabase,
    id: string,
    verb: string,
  ): Promise<{ doc: RxDocument<Activity>; me: string }> {
    const doc = await db.activities.findOne(id).exec()
    if (doc === null) {
      throw new TierlineError(
        'not-found',
        'This activity does not exist (it may have been deleted).',
        {
          id,
        },
      )
    }
    const me = (await options.currentUser.current()).id
    assertMayEdit(doc.toJSON() as Activity, me, verb)
    return { doc: doc as unknown as RxDocument<Activity>, me }
  }

  return {
    async addNote(input: AddNoteInput): Promise<Activity> {
      const note = parseInput(addNoteInput, input, 'note')
      const db = await options.rx()
      await requireAccount(db, note.accountId)
      const me = (await options.currentUser.current()).id
      const at = now().toISOString()
      return insert(db, {
        id: newId(),
        kind: 'note',
        accountId: note.accountId,
        occurredAt: at,
        authorId: me,
        title:
          note.title === undefined || note.title === ''
            ? titleFromMarkdown(note.bodyMarkdown, 'Note')
            : note.title,
        bodyMarkdown: note.bodyMarkdown,
        contactIds: note.contactIds,
        pinned: false,
        createdAt: at,
        updatedAt: at,
        updatedBy: me,
      })
    },

    async logCheckIn(input: LogCheckInInput): Promise<Activity> {
      const checkIn = parseInput(logCheckInInput, input, 'check-in')
      const db = await options.rx()
      await requireAccount(db, checkIn.accountId)
      const me = (await options.currentUser.current()).id
      const at = now().toISOString()
      return insert(db, {
        id: newId(),
        kind: 'check-in',
        accountId: checkIn.accountId,
        occurredAt: at,
        authorId: me,
        title: 'Check-in',
        bodyMarkdown: checkIn.bodyMarkdown,
        contactIds: checkIn.contactIds,
        pinned: false,
        sentiment: checkIn.sentiment,
        nps: checkIn.nps,
        createdAt: at,
        updatedAt: at,
        updatedBy: me,
      })
    },

    async update(input: UpdateActivityInput): Promise<Activity> {
      const change = parseInput(updateActivityInput, input, 'activity change')
      const db = await options.rx()
      const { doc, me } = await editableDocument(db, change.id, 'edit')
      const current = doc.toJSON() as Activity
      if (current.updatedAt !== change.expectedUpdatedAt) {
        throw new TierlineError(
          'conflict',
          'This entry changed since you started editing it (on another device or by a sync). Reload it and edit again.',
          { id: change.id, updatedAt: current.updatedAt },
        )
      }
      if (current.kind === 'note' && change.bodyMarkdown === '') {
        throw new TierlineError('validation', 'A note needs some text.', {
          issues: [{ field: 'bodyMarkdown', message: 'A note needs some text' }],
        })
      }
      if (
        current.kind !== 'check-in' &&
        (change.sentiment !== undefined || change.nps !== undefined)
      ) {
        throw new TierlineError('validation', 'Only a check-in has a sentiment and an NPS score.', {
          issues: [{ field: 'sentiment', message: 'only for check-ins' }],
        })
      }
      const patch = {
        ...(change.title === undefined || change.title === '' ? {} : { title: change.title }),
        ...(change.bodyMarkdown === undefined ? {} : { bodyMarkdown: change.bodyMarkdown }),
        ...(change.sentiment === undefined ? {} : { sentiment: change.sentiment }),
        ...(change.nps === undefined ? {} : { nps: change.nps }),
        updatedAt: now().toISOString(),
        updatedBy: me,
      }
      checked({ ...current, ...patch } as Activity)
      const saved = await doc.incrementalPatch(patch)
      return saved.toJSON() as Activity
    },

    /** A tombstone, so the delete replicates; {@link restore} brings the document back. */
    async delete(input: { readonly id: string }): Promise<DeletedActivity> {
      const { id } = parseInput(activityRefInput, input, 'activity reference')
      const db = await options.rx()
      const { doc } = await editableDocument(db, id, 'delete')
      await doc.incrementalRemove()
      return { id, deletedAt: now().toISOString() }
    },

    /**
     * Undo of a delete: the tombstone still holds the document, which is written back as it
     * was (with a new `updatedAt`, so replication carries the restore to other devices).
     */
    async restore(input: { readonly id: string }): Promise<Activity> {
      const { id } = parseInput(activityRefInput, input, 'activity reference')
      const db = await options.rx()
      const live = await db.activities.findOne(id).exec()
      if (live !== null) return live.toJSON() as Activity
      const [tombstone] = await db.activities.storageInstance.findDocumentsById([id], true)
      if (tombstone === undefined) {
        throw new TierlineError(
          'not-found',
          'There is no deleted activity with this id to restore.',
          {
            id,
          },
        )
      }
      const me = (await options.currentUser.current()).id
      const {
        _deleted: _d,
        _rev: _r,
        _meta: _m,
        _attachments: _a,
        ...data
      } = tombstone as typeof tombstone &
        Record<'_deleted' | '_rev' | '_meta' | '_attachments', unknown>
      const previous = data as Activity
      assertMayEdit(previous, me, 'restore')
      return insert(db, { ...previous, updatedAt: now().toISOString(), updatedBy: me })
    },
  }
}

function assertMayEdit(activity: Activity, me: string, verb: string): void {
  if (canEditActivity(activity, me)) return
  throw new TierlineError(
    'forbidden',
    activity.authorId !== me
      ? `You can only ${verb} your own notes and check-ins; this one was written by someone else.`
      : `A ${activity.kind} cannot be changed here; only notes and check-ins can.`,
    { id: activity.id, authorId: activity.authorId, kind: activity.kind },
  )
}

export type ActivityWriter = ReturnType<typeof createActivityWriter>
