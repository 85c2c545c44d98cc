import { z } from 'zod'
import { defineCollection } from './collection'
import { healthBandSchema, severitySchema } from './enums'
import {
  actorSchema,
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  markdownSchema,
} from './primitives'

export const playbookStepSchema = z.strictObject({
  id: idSchema,
  title: labelSchema(200),
  descriptionMarkdown: z.string().max(5000),
  kind: z.enum(['task', 'email', 'call', 'meeting', 'review']),
  ownerRole: z.enum(['csm', 'tam', 'manager']),
  /** Due this many days after the run starts. */
  dueAfterDays: z.int().min(0).max(365),
})

/** What starts a playbook; the fields not relevant to `kind` are null. */
export const playbookTriggerSchema = z
  .strictObject({
    kind: z.enum([
      'manual',
      'health-band',
      'renewal-window',
      'sla-breach',
      'upgrade-signal',
      'new-account',
    ]),
    healthBand: healthBandSchema.nullable(),
    daysBeforeRenewal: z.int().min(1).max(730).nullable(),
    severities: z.array(severitySchema).max(4),
  })
  .superRefine((trigger, ctx) => {
    if ((trigger.kind === 'health-band') !== (trigger.healthBand !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['healthBand'],
        message: 'set exactly for health-band triggers',
      })
    }
    if ((trigger.kind === 'renewal-window') !== (trigger.daysBeforeRenewal !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['daysBeforeRenewal'],
        message: 'set exactly for renewal-window triggers',
      })
    }
  })

/** A reusable playbook; stored in the `library` collection (kind `playbook`). */
export const playbookSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('playbook'),
  name: labelSchema(120),
  descriptionMarkdown: z.string().max(5000),
  active: z.boolean(),
  trigger: playbookTriggerSchema,
  /** Empty: applies to every tier. */
  appliesToTierIds: z.array(idSchema).max(20),
  steps: z.array(playbookStepSchema).min(1).max(50),
  createdById: idSchema,
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

export const playbookRunStepSchema = z.strictObject({
  stepId: idSchema,
  status: z.enum(['pending', 'done', 'skipped']),
  dueAt: isoDateTimeSchema,
  completedAt: isoDateTimeSchema.nullable(),
  completedById: idSchema.nullable(),
  note: markdownSchema,
})

/** One run of a playbook on one account; its steps copy the playbook's at start. */
export const playbookRunSchema = z.strictObject({
  id: idSchema,
  playbookId: idSchema,
  accountId: idSchema,
  status: z.enum(['active', 'completed', 'cancelled']),
  startedAt: isoDateTimeSchema,
  startedBy: actorSchema,
  completedAt: isoDateTimeSchema.nullable(),
  steps: z.array(playbookRunStepSchema).max(50),
  ...documentMetaShape,
})

export const playbookRunsCollection = defineCollection({
  name: 'playbookRuns',
  description: 'Playbooks running on accounts, with per-step progress.',
  schema: playbookRunSchema,
  version: 0,
  indexes: [
    ['accountId', 'startedAt'],
    ['status', 'startedAt'],
    ['playbookId', 'startedAt'],
  ],
})

export type PlaybookStep = z.infer<typeof playbookStepSchema>
export type PlaybookTrigger = z.infer<typeof playbookTriggerSchema>
export type Playbook = Readonly<z.infer<typeof playbookSchema>>
export type PlaybookRunStep = z.infer<typeof playbookRunStepSchema>
export type PlaybookRun = Readonly<z.infer<typeof playbookRunSchema>>
