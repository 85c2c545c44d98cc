import { z } from 'zod'
import type { LedgerItem, LedgerLine } from '../engines/ledger/ledger'
import { entitlementKeySchema } from '../model/ledger'
import { idSchema } from '../model/primitives'

/**
 * "Log usage" on the account screen: one consumption entry in the entitlement ledger, booked in
 * the current month. Quantities are positive (corrections are adjustments, made elsewhere); TAM
 * hours go in quarter hours, everything else in whole sessions or reviews.
 */
export const logLedgerUsageInput = z
  .strictObject({
    accountId: idSchema,
    entitlement: entitlementKeySchema,
    quantity: z
      .number({ message: 'must be a number' })
      .positive({ message: 'must be more than 0' })
      .max(1_000, { message: 'must be at most 1,000 in one entry' })
      .multipleOf(0.25, { message: 'must be in quarter hours (0.25, 0.5, …)' }),
    description: z
      .string()
      .trim()
      .min(1, { message: 'Say what was delivered' })
      .max(500, { message: 'can be at most 500 characters' }),
    /** The note or call that documents the delivery, if any. */
    activityId: idSchema.nullable().default(null),
  })
  .superRefine((entry, ctx) => {
    if (entry.entitlement !== 'tamHours' && !Number.isInteger(entry.quantity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['quantity'],
        message: 'must be a whole number of sessions or reviews',
      })
    }
  })

export type LogLedgerUsageInput = z.input<typeof logLedgerUsageInput>

const order: readonly LedgerItem[] = [
  'tamHours',
  'architectureReview',
  'healthCheck',
  'onboardingSession',
  'qbr',
]

/**
 * The ledger engine's lines for the period running at `asOf`, one per item: this month's TAM
 * hours, this contract year's reviews, health checks and QBRs, this term's onboarding. An item
 * whose periods have all ended (a renewal is overdue) shows its latest period.
 */
export function currentPeriodLines(lines: readonly LedgerLine[], asOf: string): LedgerLine[] {
  const day = asOf.slice(0, 10)
  return order.flatMap((item) => {
    const mine = lines.filter((line) => line.item === item)
    const running = mine.find((line) => line.period.from <= day && day < line.period.to)
    const latest = [...mine].sort((a, b) => (a.period.from < b.period.from ? 1 : -1))[0]
    const chosen = running ?? latest
    return chosen === undefined ? [] : [chosen]
  })
}
