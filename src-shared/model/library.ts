import { z } from 'zod'
import { calendarSchema } from './calendar'
import { caseStudySchema } from './case-study'
import { defineCollection, type MigrationStep } from './collection'
import { playbookSchema } from './playbook'
import { savedViewSchema } from './saved-view'
import { storyTemplateSchema } from './story-template'
import {
  defaultApprovalThresholdShare,
  defaultBranding,
  workspaceSettingsSchema,
} from './workspace-settings'

/**
 * The workspace's library of small, named definitions: the workspace settings (one document),
 * support calendars, playbooks, saved views, case studies and value-story templates. They share
 * a collection, told apart by `kind`, because RxDB's open-source build opens at most 13
 * collections per process (COL23) and these are few, small, edited rarely and read by name;
 * each kind keeps its own zod schema and TypeScript type (`Calendar`, `Playbook`, `SavedView`,
 * `WorkspaceSettings`, `CaseStudy`, `StoryTemplate`).
 */
export const libraryDocumentSchema = z.discriminatedUnion('kind', [
  workspaceSettingsSchema,
  calendarSchema,
  playbookSchema,
  savedViewSchema,
  caseStudySchema,
  storyTemplateSchema,
])

export const libraryKinds = [
  'workspace',
  'calendar',
  'playbook',
  'savedView',
  'caseStudy',
  'storyTemplate',
] as const

/**
 * v0 → v1: the workspace document gains the proposal approval threshold and branding (the
 * defaults, its company name taken from the workspace's name); the new kinds have no v0
 * documents, and the other kinds are unchanged. The sync server runs the same step on the rows
 * v0 clients stored (src-server/db/migrations.ts).
 */
export const migrateLibraryV0: MigrationStep = (old) => {
  if (old['kind'] !== 'workspace') return { ...old }
  const name = typeof old['name'] === 'string' ? old['name'] : ''
  return {
    ...old,
    approvalThresholdShare: defaultApprovalThresholdShare,
    branding: defaultBranding(name),
  }
}

export const libraryCollection = defineCollection({
  name: 'library',
  description:
    'Workspace settings, support calendars, playbooks, saved views, case studies and value-story templates, by kind.',
  schema: libraryDocumentSchema,
  version: 1,
  migrationStrategies: { 1: migrateLibraryV0 },
  // "All calendars / playbooks / views / case studies, by name" — the only way these are listed.
  indexes: [['kind', 'name']],
})

export type LibraryDocument = Readonly<z.infer<typeof libraryDocumentSchema>>
export type LibraryKind = LibraryDocument['kind']
export type LibraryDocumentOf<K extends LibraryKind> = Extract<LibraryDocument, { kind: K }>
