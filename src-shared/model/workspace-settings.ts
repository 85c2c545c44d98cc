import { z } from 'zod'
import { segmentSchema } from './enums'
import {
  currencySchema,
  documentMetaShape,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  shareSchema,
} from './primitives'

/** Health-score component weights for one segment; they sum to 1. */
export const healthWeightsSchema = z
  .strictObject({
    usageTrend: shareSchema,
    seatUtilisation: shareSchema,
    slaBreaches: shareSchema,
    openHighSeverity: shareSchema,
    sentiment: shareSchema,
    engagementRecency: shareSchema,
    renewalProximity: shareSchema,
  })
  .refine((weights) => Math.abs(Object.values(weights).reduce((a, b) => a + b, 0) - 1) < 1e-9, {
    message: 'weights must sum to 1',
  })

/** The id of the one workspace-settings document. */
export const WORKSPACE_SETTINGS_ID = 'workspace'

/**
 * Workspace-wide settings that replicate with the data (per-device preferences such as theme
 * live in settings.json instead); stored in the `library` collection (kind `workspace`). The id
 * is a fixed key, not a ULID: there is exactly one such document per workspace, and two devices
 * creating it offline must collide on the same id (a conflict to resolve) rather than produce
 * two competing documents.
 */
export const workspaceSettingsSchema = z
  .strictObject({
    id: z.literal(WORKSPACE_SETTINGS_ID),
    kind: z.literal('workspace'),
    name: labelSchema(120),
    reportingCurrency: currencySchema,
    /** How many reporting-currency units one unit of `currency` is worth. */
    fxRates: z
      .array(z.strictObject({ currency: currencySchema, toReporting: z.number().positive() }))
      .max(50),
    /** A running SLA clock is at risk once this share of its target has elapsed. */
    slaAtRiskShare: shareSchema,
    renewalWindowsDays: z.array(z.int().min(1).max(730)).min(1).max(6),
    /** Health score at or above `healthyFrom` is healthy, at or above `watchFrom` watch. */
    healthBands: z.strictObject({
      healthyFrom: z.int().min(0).max(100),
      watchFrom: z.int().min(0).max(100),
    }),
    /** One entry per segment (an array because `mid-market` cannot be an RxDB field name). */
    healthWeights: z
      .array(z.strictObject({ segment: segmentSchema, weights: healthWeightsSchema }))
      .max(4),
    fiscalYearStartMonth: z.int().min(1).max(12),
    defaultCalendarId: idSchema,
    createdAt: isoDateTimeSchema,
    ...documentMetaShape,
  })
  .superRefine((settings, ctx) => {
    if (settings.healthBands.watchFrom >= settings.healthBands.healthyFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['healthBands', 'watchFrom'],
        message: 'must be below healthyFrom',
      })
    }
    const segments = settings.healthWeights.map((entry) => entry.segment)
    if (new Set(segments).size !== segments.length) {
      ctx.addIssue({ code: 'custom', path: ['healthWeights'], message: 'one entry per segment' })
    }
    if (settings.fxRates.some((rate) => rate.currency === settings.reportingCurrency)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fxRates'],
        message: 'the reporting currency needs no rate',
      })
    }
  })

export type HealthWeights = z.infer<typeof healthWeightsSchema>
export type WorkspaceSettings = Readonly<z.infer<typeof workspaceSettingsSchema>>
