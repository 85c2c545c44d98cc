import { TierlineError, validationError } from '@shared/ipc/errors'
import {
  caseStudyListInput,
  caseStudyMatches,
  caseStudyRefInput,
  caseStudyRestoreInput,
  caseStudySaveInput,
  type CaseStudyListInput,
  type CaseStudyListItem,
  type CaseStudyRestoreInput,
  type CaseStudySaveInput,
} from '@shared/library/case-study-queries'
import type { CaseStudy } from '@shared/model/case-study'
import { newId as defaultNewId } from '@shared/model/ids'
import type { Tier } from '@shared/model/tier'
import { nextUpdatedAt } from '@shared/model/updated-at'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { CurrentUserSource } from '../session/current-user'
import {
  checkedLibraryDocument,
  findLibraryDocument,
  listLibraryDocuments,
  userNames,
} from './library-documents'

/**
 * Case studies in the `library` collection (kind `caseStudy`). Anyone in the workspace may add,
 * edit and delete them: they are shared team material, not someone's own notes. A delete is an
 * RxDB tombstone (so it replicates) and returns the story, which `restore` writes back for undo.
 */
export function createCaseStudiesRepository(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly currentUser: Pick<CurrentUserSource, 'current'>
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId

  async function existing(db: TierlineDatabase, id: string) {
    const found = await findLibraryDocument(db, 'caseStudy', id)
    if (found === null) {
      throw new TierlineError(
        'not-found',
        'This case study does not exist in this workspace (it may have been deleted).',
        { id },
      )
    }
    return found
  }

  async function tierNames(db: TierlineDatabase): Promise<Map<string, string>> {
    // Every version carries the tier's name; the highest version's is the current one.
    const latest = new Map<string, Tier>()
    for (const doc of await db.tiers.find().exec()) {
      const tier = doc.toJSON() as Tier
      const seen = latest.get(tier.tierId)
      if (seen === undefined || seen.version < tier.version) latest.set(tier.tierId, tier)
    }
    return new Map([...latest].map(([tierId, tier]) => [tierId, tier.name]))
  }

  async function knownTierIds(db: TierlineDatabase, tierIds: readonly string[]) {
    const names = await tierNames(db)
    const unknown = tierIds.filter((id) => !names.has(id))
    if (unknown.length > 0) {
      throw new TierlineError('validation', 'Invalid case study: a tagged tier does not exist.', {
        issues: [{ field: 'caseStudy.tierIds', message: 'must be tiers of this workspace' }],
        unknown,
      })
    }
  }

  return {
    async list(raw: CaseStudyListInput = {}): Promise<CaseStudyListItem[]> {
      const parsed = caseStudyListInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'case study filter')
      const db = await options.rx()
      const [stories, tiers, users] = await Promise.all([
        listLibraryDocuments(db, 'caseStudy'),
        tierNames(db),
        userNames(db),
      ])
      return stories
        .filter((story) => caseStudyMatches(story, parsed.data))
        .map((caseStudy) => ({
          caseStudy,
          tierNames: caseStudy.tierIds.flatMap((id) => tiers.get(id) ?? []),
          createdByName: users.get(caseStudy.createdById) ?? null,
        }))
    },

    async save(raw: CaseStudySaveInput): Promise<CaseStudy> {
      const parsed = caseStudySaveInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'case study')
      const input = parsed.data
      const db = await options.rx()
      const author = await options.currentUser.current()
      await knownTierIds(db, input.caseStudy.tierIds)
      const at = now().toISOString()
      if (input.id === null) {
        const created = checkedLibraryDocument<CaseStudy>({
          id: newId(),
          kind: 'caseStudy',
          ...input.caseStudy,
          createdById: author.id,
          createdAt: at,
          updatedAt: at,
          updatedBy: author.id,
        })
        await db.library.insert(created)
        return created
      }
      const { doc, value } = await existing(db, input.id)
      if (value.updatedAt !== input.baseUpdatedAt) {
        throw new TierlineError(
          'conflict',
          `“${value.name}” changed while you were editing it. Reload it and apply your change again.`,
          { id: value.id, updatedAt: value.updatedAt },
        )
      }
      const next = checkedLibraryDocument<CaseStudy>({
        ...value,
        ...input.caseStudy,
        updatedAt: nextUpdatedAt(value.updatedAt, now()),
        updatedBy: author.id,
      })
      await doc.incrementalPatch(next)
      return next
    },

    async delete(raw: { readonly id: string }): Promise<CaseStudy> {
      const parsed = caseStudyRefInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'case study')
      const db = await options.rx()
      await options.currentUser.current()
      const { doc, value } = await existing(db, parsed.data.id)
      await doc.remove()
      return value
    },

    /** Writes a deleted story back, as it was (the undo of `delete`). */
    async restore(raw: CaseStudyRestoreInput): Promise<CaseStudy> {
      const parsed = caseStudyRestoreInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'case study')
      const db = await options.rx()
      const author = await options.currentUser.current()
      if ((await db.library.findOne(parsed.data.caseStudy.id).exec()) !== null) {
        throw new TierlineError('conflict', 'This case study is already in the library.', {
          id: parsed.data.caseStudy.id,
        })
      }
      await knownTierIds(db, parsed.data.caseStudy.tierIds)
      const restored = checkedLibraryDocument<CaseStudy>({
        ...parsed.data.caseStudy,
        updatedAt: now().toISOString(),
        updatedBy: author.id,
      })
      // RxDB turns an insert over a tombstone into a new revision of the same document.
      await db.library.insert(restored)
      return restored
    },
  }
}

export type CaseStudiesRepository = ReturnType<typeof createCaseStudiesRepository>
