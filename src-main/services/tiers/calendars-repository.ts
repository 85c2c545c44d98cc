import type { RxDocument } from 'rxdb'
import { TierlineError, validationError } from '@shared/ipc/errors'
import type { Calendar } from '@shared/model/calendar'
import { newId as defaultNewId } from '@shared/model/ids'
import type { LibraryDocument } from '@shared/model/library'
import { validateDocument } from '@shared/model/validate'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import { weekPreview, type WeekPreview } from '@shared/tiers/calendar-preview'
import { nextUpdatedAt } from '@shared/model/updated-at'
import {
  calendarPreviewInput,
  calendarSaveInput,
  type CalendarListItem,
  type CalendarPreviewInput,
  type CalendarSaveInput,
} from '@shared/tiers/tier-queries'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { AuthorSource } from './tiers-repository'

/**
 * Support calendars in the `library` collection (kind `calendar`). Unlike tiers they are edited
 * in place (accounts point at a calendar, not at a version of it); a change made elsewhere since
 * the editor loaded is refused as a conflict, and a refused save writes nothing.
 */
export function createCalendarsRepository(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly author: AuthorSource
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId

  function checked(calendar: Calendar): Calendar {
    const result = validateDocument('library', calendar)
    if (!result.ok) throw result.error
    return calendar
  }

  async function existing(db: TierlineDatabase, id: string) {
    const doc = await db.library.findOne(id).exec()
    const calendar = doc?.toJSON() as LibraryDocument | undefined
    if (doc === null || calendar === undefined || calendar.kind !== 'calendar') {
      throw new TierlineError('not-found', 'This calendar does not exist in this workspace.', {
        id,
      })
    }
    return { doc: doc as unknown as RxDocument<Calendar>, calendar }
  }

  return {
    async list(): Promise<CalendarListItem[]> {
      const db = await options.rx()
      const [docs, accounts, settings] = await Promise.all([
        db.library
          .find({ selector: { kind: 'calendar' }, sort: [{ kind: 'asc' }, { name: 'asc' }] })
          .exec(),
        db.accounts.find({ selector: { archived: false } }).exec(),
        db.library.findOne(WORKSPACE_SETTINGS_ID).exec(),
      ])
      const workspace = settings?.toJSON() as LibraryDocument | undefined
      const defaultId = workspace?.kind === 'workspace' ? workspace.defaultCalendarId : null
      const counts = new Map<string, number>()
      for (const account of accounts) {
        counts.set(account.calendarId, (counts.get(account.calendarId) ?? 0) + 1)
      }
      return docs
        .map((doc) => doc.toJSON() as LibraryDocument)
        .filter((doc): doc is Calendar => doc.kind === 'calendar')
        .map((calendar) => ({
          calendar,
          accounts: counts.get(calendar.id) ?? 0,
          isDefault: calendar.id === defaultId,
        }))
    },

    async save(raw: CalendarSaveInput): Promise<Calendar> {
      const parsed = calendarSaveInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'calendar')
      const input = parsed.data
      const db = await options.rx()
      const author = await options.author.current()
      const at = now().toISOString()
      if (input.id === null) {
        const calendar = checked({
          id: newId(),
          kind: 'calendar',
          ...input.calendar,
          createdAt: at,
          updatedAt: at,
          updatedBy: author.id,
        })
        await db.library.insert(calendar)
        return calendar
      }
      const { doc, calendar } = await existing(db, input.id)
      if (calendar.updatedAt !== input.baseUpdatedAt) {
        throw new TierlineError(
          'conflict',
          `“${calendar.name}” changed while you were editing it. Reload it and apply your change again.`,
          { id: calendar.id, updatedAt: calendar.updatedAt },
        )
      }
      const next = checked({
        ...calendar,
        ...input.calendar,
        updatedAt: nextUpdatedAt(calendar.updatedAt, now()),
        updatedBy: author.id,
      })
      await doc.incrementalPatch(next)
      return next
    },

    preview(raw: CalendarPreviewInput): WeekPreview {
      const parsed = calendarPreviewInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'calendar')
      return weekPreview(parsed.data.calendar, parsed.data.date)
    },
  }
}

export type CalendarsRepository = ReturnType<typeof createCalendarsRepository>
