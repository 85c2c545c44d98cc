import { z } from 'zod'
import {
  valueStorySectionSchema,
  type StoryTemplate,
  type ValueStorySection,
} from '../model/story-template'
import { isoDateTimeSchema, labelSchema, markdownSchema } from '../model/primitives'

/** `storyTemplates.save`: the workspace's wording for one section (one template per section). */
export const storyTemplateSaveInput = z.strictObject({
  section: valueStorySectionSchema,
  name: labelSchema(80),
  bodyMarkdown: markdownSchema,
  /** The stored template's `updatedAt` the editor loaded, or null when it showed the default. */
  baseUpdatedAt: isoDateTimeSchema.nullable(),
})

/** `storyTemplates.reset`: back to the built-in default (the stored template is deleted). */
export const storyTemplateResetInput = z.strictObject({ section: valueStorySectionSchema })

export type StoryTemplateSaveInput = z.infer<typeof storyTemplateSaveInput>

/** One section's template as the editor and "Draft from template" see it. */
export interface StoryTemplateItem {
  readonly section: ValueStorySection
  readonly label: string
  /** What drafts use: the stored template's body, else the default. */
  readonly bodyMarkdown: string
  readonly defaultMarkdown: string
  /** The workspace's own template, or null while the section uses the default. */
  readonly stored: StoryTemplate | null
}
