import { z } from 'zod'
import type { SignalKind, TargetTier } from '../engines/eligibility/eligibility'
import type { EvidenceRef } from '../engines/health/components'
import { idSchema } from '../model/primitives'

/** Read model of `eligibility.list`: accounts with at least one upgrade signal. */

export const signalKindSchema = z.enum([
  'seat-overage',
  'usage-growth',
  's1-volume',
  'prevented-breaches',
  'entitlement-overuse',
  'arr-band',
])

export const eligibilityListInput = z
  .strictObject({
    /** One account only (the account screen); absent: the whole book. */
    accountId: idSchema.optional(),
    /** Accounts currently on these tiers (tier ids); empty: all. */
    tierIds: z.array(idSchema).max(20).default([]),
    /** Only signals of these kinds; empty: all. */
    kinds: z.array(signalKindSchema).max(6).default([]),
  })
  .default({ tierIds: [], kinds: [] })

export type EligibilityListInput = z.input<typeof eligibilityListInput>

export interface SignalView {
  readonly id: string
  readonly kind: SignalKind
  readonly title: string
  readonly reasons: readonly string[]
  /** One line for a proposal's evidence. */
  readonly summary: string
  readonly value: number
  readonly evidence: readonly EvidenceRef[]
  readonly target: TargetTier | null
  readonly firstSeenAt: string
}

export interface EligibilityRow {
  readonly accountId: string
  readonly accountName: string
  readonly ownerId: string
  readonly tierId: string
  readonly tierName: string
  readonly arrReportingMinor: number
  readonly signals: readonly SignalView[]
  readonly suggestedTarget: TargetTier | null
}

export interface EligibilityList {
  readonly asOf: string
  /** Largest ARR first. */
  readonly rows: readonly EligibilityRow[]
  /** Accounts examined (unarchived, matching the filters). */
  readonly accountsChecked: number
}
