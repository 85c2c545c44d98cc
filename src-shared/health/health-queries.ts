import { z } from 'zod'
import type { EvidenceRef, HealthComponentKey } from '../engines/health/components'
import type { HealthTrend } from '../engines/health/health'
import type { HealthBand, Segment } from '../model/enums'
import { idSchema } from '../model/primitives'

/**
 * Read model of `health.forAccount`. Instants are ISO-8601 UTC strings here (the engine works in
 * epoch ms); the components are the engine's, with their reasons and evidence.
 */

export const healthAccountInput = z.strictObject({
  accountId: idSchema,
  /** Weeks of history for the sparkline, the current week included. */
  weeks: z.int().min(1).max(52).default(12),
})

export type HealthAccountInput = z.input<typeof healthAccountInput>

export interface HealthComponentView {
  readonly key: HealthComponentKey
  readonly label: string
  /** The measured value (growth ratio, share, count, days); null without data. */
  readonly raw: number | null
  /** 0–1. */
  readonly score: number
  /** 0–1; the component weights of the account's segment sum to 1. */
  readonly weight: number
  /** Points of the 0–100 score this component contributes (weight × score × 100). */
  readonly contribution: number
  readonly reason: string
  readonly evidence: readonly EvidenceRef[]
}

export interface HealthWeekView {
  /** Monday (UTC) of the week. */
  readonly weekStart: string
  readonly asOf: string
  readonly score: number
  readonly band: Exclude<HealthBand, 'unknown'>
}

export interface AccountHealthView {
  readonly accountId: string
  readonly segment: Segment
  readonly asOf: string
  readonly score: number
  readonly band: Exclude<HealthBand, 'unknown'>
  /** `default`: the workspace has no weights for this segment; every component counts equally. */
  readonly weightsFrom: 'segment' | 'default'
  readonly components: readonly HealthComponentView[]
  /** Oldest first; the last point is the current week (as of now). */
  readonly history: readonly HealthWeekView[]
  readonly trend: HealthTrend
  /** Score now minus the score four weeks earlier. */
  readonly trendDelta: number
  /** Tickets left out because their tier version or calendar is missing. */
  readonly unmeasuredTickets: number
}
