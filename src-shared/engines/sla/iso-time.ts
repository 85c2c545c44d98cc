/**
 * Epoch ms of the model's ISO times. Histories are parsed on every measurement, and the model
 * fixes one format (`2026-11-01T09:30:00.000Z`, see isoDateTimeSchema), so that format is read
 * digit by digit — several times faster than `Date.parse`, which remains the fallback for
 * anything else.
 */
export function isoToMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */) return Date.parse(iso)
  const year = two(iso, 0) * 100 + two(iso, 2)
  const time =
    two(iso, 11) * 3_600_000 +
    two(iso, 14) * 60_000 +
    two(iso, 17) * 1000 +
    (iso.charCodeAt(20) * 100 + iso.charCodeAt(21) * 10 + iso.charCodeAt(22) - 48 * 111)
  return daysFromCivil(year, two(iso, 5), two(iso, 8)) * 86_400_000 + time
}

/**
 * Two digits at `i` ('0' is 48). A top-level function rather than a closure: tsx keeps function
 * names, which costs a call per closure created, and this runs for every event of every ticket.
 */
function two(iso: string, i: number): number {
  return iso.charCodeAt(i) * 10 + iso.charCodeAt(i + 1) - 48 * 11
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}
