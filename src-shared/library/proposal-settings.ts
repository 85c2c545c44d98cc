import { z } from 'zod'
import type { UserRole } from '../model/enums'
import { isoDateTimeSchema, shareSchema } from '../model/primitives'
import { brandingSchema, type Branding } from '../model/workspace-settings'

/** `proposalSettings.save`: the workspace's approval threshold and branding. */
export const proposalSettingsSaveInput = z.strictObject({
  approvalThresholdShare: shareSchema,
  branding: brandingSchema,
  /** The settings' `updatedAt` the form loaded; a change elsewhere since is refused. */
  baseUpdatedAt: isoDateTimeSchema,
})

export type ProposalSettingsSaveInput = z.infer<typeof proposalSettingsSaveInput>

/** Roles that may change the approval threshold: those who approve. */
export const thresholdEditorRoles: readonly UserRole[] = ['manager', 'admin']

export interface ProposalSettings {
  readonly approvalThresholdShare: number
  readonly branding: Branding
  readonly updatedAt: string
  readonly updatedByName: string | null
  /** Whether the current user may change the threshold (branding anyone may change). */
  readonly canEditThreshold: boolean
}
