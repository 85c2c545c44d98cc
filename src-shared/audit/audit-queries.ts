import { z } from 'zod'
import type { DriftDifference } from '../engines/audit/drift'
import { idSchema } from '../model/primitives'

/** Read model of `audit.drift`: accounts whose delivery departs from their tier's definition. */

export const driftAuditInput = z
  .strictObject({
    /** Accounts currently on these tiers (tier ids); empty: all. */
    tierIds: z.array(idSchema).max(20).default([]),
    /** SLA achieved is measured on tickets opened in the last `months` months. */
    months: z.int().min(1).max(36).default(12),
  })
  .default({ tierIds: [], months: 12 })

export type DriftAuditInput = z.input<typeof driftAuditInput>

export interface DriftRow {
  readonly accountId: string
  readonly accountName: string
  readonly ownerId: string
  readonly tierId: string
  readonly tierName: string
  readonly arrReportingMinor: number
  readonly signedVersionId: string
  readonly signedVersion: number
  readonly currentVersion: number | null
  readonly differences: readonly DriftDifference[]
  /** Differences by kind, for the table's columns. */
  readonly counts: Readonly<Record<DriftDifference['kind'], number>>
}

export interface DriftList {
  readonly asOf: string
  /** Drifted accounts only, most differences first (then largest ARR). */
  readonly rows: readonly DriftRow[]
  readonly accountsChecked: number
  /** The SLA met-share bar below which achieved SLA counts as drift. */
  readonly minMetShare: number
}
