import type { RxDocument } from 'rxdb'
import type { z } from 'zod'
import { TierlineError } from '@shared/ipc/errors'
import { newId as defaultNewId } from '@shared/model/ids'
import type { LibraryDocument } from '@shared/model/library'
import type { SavedView } from '@shared/model/saved-view'
import { validateDocument } from '@shared/model/validate'
import { fromStoredView, toStoredView } from '@shared/portfolio/portfolio-view'
import type {
  renameViewInput,
  saveViewInput,
  shareViewInput,
  ViewSummary,
} from '@shared/portfolio/view-inputs'
import type { TierlineDatabase } from '../../db/workspace-store'

/** Whoever "me" is (the session's current user); views are saved in their name. */
export interface ViewOwnerSource {
  current(): Promise<{ readonly id: string }>
}

const sameName = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0

/**
 * Saved views in the `library` collection (kind `savedView`): mine, plus those others shared.
 * Only the owner changes a view; names are unique among my views of a screen. Every write is
 * validated against the model before RxDB sees it, so a refused write leaves the view as it was.
 */
export function createViewsRepository(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly owner: ViewOwnerSource
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId

  async function views(db: TierlineDatabase, screen: SavedView['screen']): Promise<SavedView[]> {
    const docs = await db.library
      .find({ selector: { kind: 'savedView' }, sort: [{ kind: 'asc' }, { name: 'asc' }] })
      .exec()
    return docs
      .map((doc) => doc.toJSON() as LibraryDocument)
      .filter((doc): doc is SavedView => doc.kind === 'savedView' && doc.screen === screen)
  }

  async function summaries(db: TierlineDatabase, list: readonly SavedView[], me: string) {
    const owners = await db.users.findByIds([...new Set(list.map((view) => view.ownerId))]).exec()
    return list.map((view): ViewSummary => {
      const { state, unsupported } = fromStoredView(view)
      return {
        id: view.id,
        name: view.name,
        shared: view.shared,
        mine: view.ownerId === me,
        ownerName: owners.get(view.ownerId)?.name ?? 'Unknown user',
        state,
        unsupportedFilters: unsupported.length,
        updatedAt: view.updatedAt,
      }
    })
  }

  function checked(view: SavedView): SavedView {
    const result = validateDocument('library', view)
    if (!result.ok) throw result.error
    return view
  }

  async function myView(db: TierlineDatabase, id: string, me: string, verb: string) {
    const doc = await db.library.findOne(id).exec()
    const view = doc?.toJSON() as LibraryDocument | undefined
    if (doc === null || view === undefined || view.kind !== 'savedView') {
      throw new TierlineError('not-found', 'This view does not exist (it may have been deleted).', {
        id,
      })
    }
    if (view.ownerId !== me) {
      throw new TierlineError('forbidden', `Only the person who saved this view can ${verb} it.`, {
        id,
      })
    }
    return { doc: doc as unknown as RxDocument<SavedView>, view }
  }

  async function assertNameFree(
    db: TierlineDatabase,
    screen: SavedView['screen'],
    name: string,
    me: string,
    exceptId: string | null,
  ) {
    const clash = (await views(db, screen)).find(
      (view) => view.ownerId === me && view.id !== exceptId && sameName(view.name, name),
    )
    if (clash !== undefined) {
      throw new TierlineError('conflict', `You already have a view named "${clash.name}".`, {
        field: 'name',
        id: clash.id,
      })
    }
  }

  async function summaryOf(db: TierlineDatabase, view: SavedView, me: string) {
    const [summary] = await summaries(db, [view], me)
    if (summary === undefined) throw new Error('a summary per view')
    return summary
  }

  return {
    async list(screen: SavedView['screen']): Promise<ViewSummary[]> {
      const db = await options.rx()
      const me = (await options.owner.current()).id
      const visible = (await views(db, screen)).filter((view) => view.ownerId === me || view.shared)
      return summaries(db, visible, me)
    },

    async save(input: z.output<typeof saveViewInput>): Promise<ViewSummary> {
      const db = await options.rx()
      const me = (await options.owner.current()).id
      await assertNameFree(db, input.screen, input.name, me, input.id)
      const at = now().toISOString()
      const stored = toStoredView(input.state)
      if (input.id === null) {
        const view = checked({
          id: newId(),
          kind: 'savedView',
          ownerId: me,
          name: input.name,
          screen: input.screen,
          ...stored,
          shared: input.shared,
          pinned: false,
          createdAt: at,
          updatedAt: at,
          updatedBy: me,
        })
        await db.library.insert(view)
        return summaryOf(db, view, me)
      }
      const { doc, view } = await myView(db, input.id, me, 'change')
      const next = checked({
        ...view,
        ...stored,
        name: input.name,
        shared: input.shared,
        updatedAt: at,
        updatedBy: me,
      })
      await doc.incrementalPatch(next)
      return summaryOf(db, next, me)
    },

    async rename(input: z.output<typeof renameViewInput>): Promise<ViewSummary> {
      const db = await options.rx()
      const me = (await options.owner.current()).id
      const { doc, view } = await myView(db, input.id, me, 'rename')
      await assertNameFree(db, view.screen, input.name, me, view.id)
      const next = checked({
        ...view,
        name: input.name,
        updatedAt: now().toISOString(),
        updatedBy: me,
      })
      await doc.incrementalPatch({ name: next.name, updatedAt: next.updatedAt, updatedBy: me })
      return summaryOf(db, next, me)
    },

    async share(input: z.output<typeof shareViewInput>): Promise<ViewSummary> {
      const db = await options.rx()
      const me = (await options.owner.current()).id
      const { doc, view } = await myView(db, input.id, me, 'share')
      const next = checked({
        ...view,
        shared: input.shared,
        updatedAt: now().toISOString(),
        updatedBy: me,
      })
      await doc.incrementalPatch({ shared: next.shared, updatedAt: next.updatedAt, updatedBy: me })
      return summaryOf(db, next, me)
    },

    /** Deletes one of my views (a tombstone, so the delete replicates). */
    async delete(id: string): Promise<{ readonly id: string; readonly name: string }> {
      const db = await options.rx()
      const me = (await options.owner.current()).id
      const { doc, view } = await myView(db, id, me, 'delete')
      await doc.remove()
      return { id: view.id, name: view.name }
    },
  }
}

export type ViewsRepository = ReturnType<typeof createViewsRepository>
