import { z } from 'zod'
import { calendarSchema } from './calendar'
import { defineCollection } from './collection'
import { playbookSchema } from './playbook'
import { savedViewSchema } from './saved-view'
import { workspaceSettingsSchema } from './workspace-settings'

/**
 * The workspace's library of small, named definitions: the workspace settings (one document),
 * support calendars, playbooks and saved views. They share a collection, told apart by `kind`,
 * because RxDB's open-source build opens at most 13 collections per process (COL23) and these
 * four are few, small, edited rarely and read by name; each kind keeps its own zod schema and
 * TypeScript type (`Calendar`, `Playbook`, `SavedView`, `WorkspaceSettings`).
 */
export const libraryDocumentSchema = z.discriminatedUnion('kind', [
  workspaceSettingsSchema,
  calendarSchema,
  playbookSchema,
  savedViewSchema,
])

export const libraryKinds = ['workspace', 'calendar', 'playbook', 'savedView'] as const

export const libraryCollection = defineCollection({
  name: 'library',
  description: 'Workspace settings, support calendars, playbooks and saved views, by kind.',
  schema: libraryDocumentSchema,
  version: 0,
  // "All calendars / playbooks / views, by name" — the only way these are listed.
  indexes: [['kind', 'name']],
})

export type LibraryDocument = Readonly<z.infer<typeof libraryDocumentSchema>>
export type LibraryKind = LibraryDocument['kind']
export type LibraryDocumentOf<K extends LibraryKind> = Extract<LibraryDocument, { kind: K }>
