import type { Tier, TierDefinition } from '@shared/model/tier'
import type { TierSaveInput } from '@shared/tiers/tier-queries'

/** What the editor holds: the next version's content, before main validates and stores it. */
export interface TierDraft {
  name: string
  description: string
  status: Tier['status']
  effectiveFrom: string
  reason: string
  definition: TierDefinition
}

export type UpdateDraft = (change: (draft: TierDraft) => void) => void

export function draftOf(base: Tier, today: string): TierDraft {
  return {
    name: base.name,
    description: base.description,
    status: base.status,
    // A version already scheduled later keeps its date as the earliest sensible default.
    effectiveFrom: base.effectiveFrom > today ? base.effectiveFrom : today,
    reason: '',
    definition: structuredClone(base.definition),
  }
}

export function saveInputOf(base: Tier, draft: TierDraft): TierSaveInput {
  return { tierId: base.tierId, baseVersionId: base.id, ...draft }
}

/** Mantine's NumberInput reports '' when cleared: sent as 0 so main names the field. */
export const numberOf = (value: number | string): number =>
  typeof value === 'number' ? value : value.trim() === '' ? 0 : Number(value)
