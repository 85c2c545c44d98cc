import { z } from 'zod'
import {
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  markdownSchema,
} from './primitives'

/**
 * The four parts of a proposal's value story, in reading order: the customer's situation, the
 * impact it has, what the target tier changes, and the outcomes to expect (with figures).
 */
export const valueStorySectionSchema = z.enum(['situation', 'impact', 'change', 'outcomes'])
export const valueStorySections = valueStorySectionSchema.options

/**
 * A workspace's own wording for one value-story section, with `{{variables}}` the proposal
 * fills (see src-shared/proposals/value-story.ts); stored in the `library` collection (kind
 * `storyTemplate`). A section without one uses the built-in default.
 */
export const storyTemplateSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('storyTemplate'),
  name: labelSchema(80),
  section: valueStorySectionSchema,
  bodyMarkdown: markdownSchema,
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

export type ValueStorySection = z.infer<typeof valueStorySectionSchema>
export type StoryTemplate = Readonly<z.infer<typeof storyTemplateSchema>>
