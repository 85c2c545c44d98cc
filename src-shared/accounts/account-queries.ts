import { z } from 'zod'
import type { Account } from '../model/account'
import type { Contact } from '../model/contact'
import { healthBandSchema, segmentSchema, ticketStatusSchema } from '../model/enums'
import { idSchema } from '../model/primitives'
import type { Ticket } from '../model/ticket'
import type { Tier } from '../model/tier'
import type { UsageSnapshot } from '../model/usage'

export const accountSortFields = ['name', 'arr', 'renewalDate', 'seats', 'healthScore'] as const

export const accountListInput = z.strictObject({
  search: z.string().trim().max(160).default(''),
  tierIds: z.array(idSchema).max(20).default([]),
  ownerIds: z.array(idSchema).max(500).default([]),
  segments: z.array(segmentSchema).max(4).default([]),
  healthBands: z.array(healthBandSchema).max(4).default([]),
  /** Only accounts renewing within this many days from today (overdue renewals included). */
  renewalWithinDays: z.int().min(1).max(3650).nullable().default(null),
  includeArchived: z.boolean().default(false),
  sort: z
    .strictObject({ field: z.enum(accountSortFields), direction: z.enum(['asc', 'desc']) })
    .default({ field: 'name', direction: 'asc' }),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(500).default(50),
})

export type AccountListInput = z.input<typeof accountListInput>
export type AccountListQuery = z.output<typeof accountListInput>
export type AccountSortField = (typeof accountSortFields)[number]

/** One row of the accounts table: the account plus the names it points at. */
export interface AccountRow {
  readonly id: string
  readonly name: string
  readonly tierId: string
  readonly tierName: string
  readonly tierVersion: number | null
  readonly arr: Account['arr']
  readonly seats: number
  readonly renewalDate: string
  readonly segment: Account['segment']
  readonly ownerName: string
  readonly tamName: string | null
  readonly healthScore: number | null
  readonly healthBand: Account['healthBand']
}

export interface AccountPage {
  readonly rows: readonly AccountRow[]
  readonly total: number
  readonly offset: number
  readonly limit: number
}

export interface FilterOption {
  readonly value: string
  readonly label: string
}

/** Choices for the accounts table's filters, from the open workspace. */
export interface AccountFilterOptions {
  readonly tiers: readonly FilterOption[]
  readonly owners: readonly FilterOption[]
}

export const accountRefInput = z.strictObject({ id: idSchema })

export interface AccountDetail {
  readonly account: Account
  /** The tier version the account signed. */
  readonly tier: Tier | null
  readonly ownerName: string
  readonly tamName: string | null
  readonly contacts: readonly Contact[]
  /** Monthly snapshots, oldest first. */
  readonly usage: readonly UsageSnapshot[]
  readonly openTickets: number
  /** Days from today to the renewal date; negative when the renewal is overdue. */
  readonly daysToRenewal: number
}

export const accountTicketsInput = z.strictObject({
  accountId: idSchema,
  statuses: z.array(ticketStatusSchema).max(10).default([]),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(200).default(25),
})

export interface TicketPage {
  readonly tickets: readonly Ticket[]
  readonly total: number
}
