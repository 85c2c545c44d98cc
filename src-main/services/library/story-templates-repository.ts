import { TierlineError, validationError } from '@shared/ipc/errors'
import {
  storyTemplateResetInput,
  storyTemplateSaveInput,
  type StoryTemplateItem,
  type StoryTemplateSaveInput,
} from '@shared/library/story-template-queries'
import { newId as defaultNewId } from '@shared/model/ids'
import { nextUpdatedAt } from '@shared/model/updated-at'
import {
  valueStorySections,
  type StoryTemplate,
  type ValueStorySection,
} from '@shared/model/story-template'
import {
  defaultStoryTemplates,
  storySectionLabels,
  templateProblems,
} from '@shared/proposals/value-story'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { CurrentUserSource } from '../session/current-user'
import { checkedLibraryDocument, listLibraryDocuments } from './library-documents'

/**
 * The workspace's value-story templates (kind `storyTemplate`), one per section; a section with
 * none uses the built-in default. Two devices may each create one offline: the newest wins when
 * reading, and saving or resetting a section deals with all of them, so duplicates disappear.
 */
export function createStoryTemplatesRepository(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly currentUser: Pick<CurrentUserSource, 'current'>
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId

  async function storedBySection(db: TierlineDatabase) {
    const bySection = new Map<ValueStorySection, StoryTemplate[]>()
    for (const template of await listLibraryDocuments(db, 'storyTemplate')) {
      bySection.set(template.section, [...(bySection.get(template.section) ?? []), template])
    }
    for (const list of bySection.values()) {
      list.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    }
    return bySection
  }

  return {
    async list(): Promise<StoryTemplateItem[]> {
      const stored = await storedBySection(await options.rx())
      return valueStorySections.map((section) => {
        const own = stored.get(section)?.[0] ?? null
        return {
          section,
          label: storySectionLabels[section],
          bodyMarkdown: own?.bodyMarkdown ?? defaultStoryTemplates[section],
          defaultMarkdown: defaultStoryTemplates[section],
          stored: own,
        }
      })
    },

    async save(raw: StoryTemplateSaveInput): Promise<StoryTemplate> {
      const parsed = storyTemplateSaveInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'template')
      const input = parsed.data
      const problems = templateProblems(input.bodyMarkdown)
      if (problems.unknown.length > 0 || problems.unclosed.length > 0) {
        const parts = [
          ...(problems.unknown.length > 0
            ? [`unknown variables ${problems.unknown.map((name) => `{{${name}}}`).join(', ')}`]
            : []),
          ...(problems.unclosed.length > 0
            ? [`braces not closed near “${problems.unclosed.join('”, “')}”`]
            : []),
        ]
        throw new TierlineError('validation', `Invalid template: ${parts.join('; ')}.`, {
          issues: [{ field: 'bodyMarkdown', message: parts.join('; ') }],
          unknown: problems.unknown,
          unclosed: problems.unclosed,
        })
      }
      const db = await options.rx()
      const author = await options.currentUser.current()
      const existing = (await storedBySection(db)).get(input.section) ?? []
      const current = existing[0] ?? null
      if ((current?.updatedAt ?? null) !== input.baseUpdatedAt) {
        throw new TierlineError(
          'conflict',
          `The ${storySectionLabels[input.section].toLowerCase()} template changed while you were editing it. Reload it and apply your change again.`,
          { section: input.section, updatedAt: current?.updatedAt ?? null },
        )
      }
      const at = now().toISOString()
      const next = checkedLibraryDocument<StoryTemplate>({
        id: current?.id ?? newId(),
        kind: 'storyTemplate',
        name: input.name,
        section: input.section,
        bodyMarkdown: input.bodyMarkdown,
        createdAt: current?.createdAt ?? at,
        updatedAt: current === null ? at : nextUpdatedAt(current.updatedAt, now()),
        updatedBy: author.id,
      })
      await db.library.upsert(next)
      // Offline duplicates of this section lose to the one just saved.
      await db.library.bulkRemove(existing.slice(1).map((template) => template.id))
      return next
    },

    /** Drops the workspace's wording for a section; drafts use the default again. */
    async reset(raw: { readonly section: ValueStorySection }): Promise<StoryTemplateItem> {
      const parsed = storyTemplateResetInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'template')
      const db = await options.rx()
      await options.currentUser.current()
      const { section } = parsed.data
      const existing = (await storedBySection(db)).get(section) ?? []
      await db.library.bulkRemove(existing.map((template) => template.id))
      return {
        section,
        label: storySectionLabels[section],
        bodyMarkdown: defaultStoryTemplates[section],
        defaultMarkdown: defaultStoryTemplates[section],
        stored: null,
      }
    },
  }
}

export type StoryTemplatesRepository = ReturnType<typeof createStoryTemplatesRepository>
