import { z } from 'zod'
import { DEFAULT_APPROVAL_THRESHOLD_SHARE } from '../proposals/approval'
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

/** Largest logo kept in settings, in image bytes: it replicates with every settings change. */
export const LOGO_MAX_BYTES = 64 * 1024

/** Base64 of {@link LOGO_MAX_BYTES} bytes plus the longest prefix. */
const LOGO_MAX_DATA_URL_LENGTH =
  'data:image/jpeg;base64,'.length + Math.ceil(LOGO_MAX_BYTES / 3) * 4

const LOGO_DATA_URL_PATTERN = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/

/** Decoded size of a base64 payload, without decoding it. */
function base64Bytes(payload: string): number {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0
  return (payload.length / 4) * 3 - padding
}

/**
 * Whether the payload's first bytes are the declared format's signature, so a renamed file
 * (an SVG or a PDF called logo.png) is refused here rather than breaking an export later.
 */
function hasImageSignature(format: string, payload: string): boolean {
  const head = atob(payload.slice(0, 12))
  const bytes = Array.from(head, (char) => char.charCodeAt(0))
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  const jpeg = [0xff, 0xd8, 0xff]
  const signature = format === 'png' ? png : jpeg
  return signature.every((byte, index) => bytes[index] === byte)
}

/** A small PNG or JPEG as a `data:` URL: what exports embed and the settings screen previews. */
export const logoDataUrlSchema = z
  .string()
  .max(LOGO_MAX_DATA_URL_LENGTH, `must be at most ${LOGO_MAX_BYTES / 1024} KB`)
  .superRefine((value, ctx) => {
    const match = LOGO_DATA_URL_PATTERN.exec(value)
    const format = match?.[1]
    const payload = match?.[2]
    if (format === undefined || payload === undefined || payload.length % 4 !== 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a PNG or JPEG image' })
      return
    }
    if (base64Bytes(payload) > LOGO_MAX_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${LOGO_MAX_BYTES / 1024} KB` })
    } else if (!hasImageSignature(format, payload)) {
      ctx.addIssue({ code: 'custom', message: `is not a ${format.toUpperCase()} image` })
    }
  })

/** `#rrggbb`: what PDF, DOCX and CSS all accept without conversion. */
export const hexColourSchema = z
  .string()
  .length(7)
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c7ed6')

/** How exported proposals look: the sender's name, colours and logo. */
export const brandingSchema = z.strictObject({
  companyName: labelSchema(120),
  primaryColour: hexColourSchema,
  accentColour: hexColourSchema,
  logoDataUrl: logoDataUrlSchema.nullable(),
})

/** The threshold a workspace starts with (and the v0 → v1 migration gives existing ones). */
export const defaultApprovalThresholdShare = DEFAULT_APPROVAL_THRESHOLD_SHARE

/** Branding for a workspace that has not chosen its own (also the v0 → v1 migration's). */
export function defaultBranding(companyName: string): Branding {
  return {
    companyName: companyName.trim().slice(0, 120) || 'Tierline',
    primaryColour: '#1c7ed6',
    accentColour: '#f08c00',
    logoDataUrl: null,
  }
}

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
    /** A proposal whose discount share is above this needs a manager's or admin's approval. */
    approvalThresholdShare: shareSchema,
    branding: brandingSchema,
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

export type Branding = z.infer<typeof brandingSchema>
export type HealthWeights = z.infer<typeof healthWeightsSchema>
export type WorkspaceSettings = Readonly<z.infer<typeof workspaceSettingsSchema>>
