import { z } from 'zod'
import { ULID_LENGTH, ULID_PATTERN } from './ids'

/**
 * The building blocks every collection shares (DESIGN.md §2 'Data'). Each carries the limits
 * RxDB needs (maxLength on strings that may be indexed, bounds on numbers), so a schema that
 * indexes a field inherits what the index requires from the one place the field is defined.
 */

export const idSchema = z.string().length(ULID_LENGTH).regex(ULID_PATTERN, 'must be a ULID')

/**
 * `Date.prototype.toISOString()` output only: UTC, millisecond precision, fixed 24 characters.
 * One fixed width means the strings sort lexicographically in time order inside indexes.
 */
export const isoDateTimeSchema = z.iso
  .datetime({
    precision: 3,
    message: 'must be an ISO-8601 UTC time like 2026-11-01T09:30:00.000Z',
  })
  .max(24)

/** A calendar date without a time (renewals, holidays); interpreted in a zone where it matters. */
export const isoDateSchema = z.iso.date({ message: 'must be a date like 2026-11-01' }).max(10)

export const yearMonthSchema = z
  .string()
  .length(7)
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-11')

export const yearQuarterSchema = z
  .string()
  .length(7)
  .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q4')

/** Wall-clock time of day in a calendar's zone; `24:00` closes an interval at midnight. */
export const localTimeSchema = z
  .string()
  .length(5)
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time of day like 09:30')

/** Shares and rates are numbers 0–1, never 0–100. */
export const shareSchema = z.number().min(0).max(1)

export const currencySchema = z
  .string()
  .length(3)
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code like USD')

/** Money in integer minor units (cents; yen for JPY) so sums never drift. */
export const minorUnitsSchema = z.int().min(-1e15).max(1e15)

export const moneySchema = z.strictObject({
  amountMinor: minorUnitsSchema,
  currency: currencySchema,
})

/** Who last wrote a document: a user id, or a named system process (seed, import, migration). */
export const actorSchema = z
  .string()
  .max(40)
  .regex(
    /^([0-7][0-9A-HJKMNP-TV-Z]{25}|system:[a-z][a-z-]{0,31})$/,
    'must be a user id or system:<process>',
  )

const knownZones = new Map<string, boolean>()

/** Whether the runtime's time-zone database knows the zone; pure, cached per name. */
export function isIanaTimeZone(zone: string): boolean {
  let known = knownZones.get(zone)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
      known = zone.includes('/') || zone === 'UTC'
    } catch {
      known = false
    }
    knownZones.set(zone, known)
  }
  return known
}

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' })

export const emailSchema = z.email().max(254)

/** Short human text: names, titles, subjects. */
export const labelSchema = (max = 200) => z.string().min(1).max(max)

/** Long Markdown text: notes, ticket messages, agendas. Bounded so sync bodies stay bounded. */
export const markdownSchema = z.string().max(20_000)

/** Fields every document carries so replication and audit can tell who changed what, when. */
export const documentMetaShape = {
  updatedAt: isoDateTimeSchema,
  updatedBy: actorSchema,
}

export type Money = z.infer<typeof moneySchema>
export type Actor = z.infer<typeof actorSchema>

/** ISO 4217 currencies whose minor unit is not the cent; everything else has two decimals. */
const minorUnitExponents: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
}

export function minorUnitExponent(currency: string): number {
  return minorUnitExponents[currency] ?? 2
}
