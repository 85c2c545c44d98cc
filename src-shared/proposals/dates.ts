/**
 * Calendar-date arithmetic for contracts, on ISO dates (`2026-01-31`) without a time or zone:
 * a contract runs from a date to a date wherever the customer is, so every step here is done
 * on UTC day numbers and no time zone or DST can move a day.
 */

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 for a real calendar date, or `null` for `2026-02-30`, `2026-1-5`, …. */
export function epochDayOrNull(isoDate: string): number | null {
  const match = ISO_DATE.exec(isoDate)
  if (match === null) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return Date.UTC(year, month - 1, day) / DAY_MS
}

/** Days since 1970-01-01; throws a RangeError on a date that does not exist (callers validate first). */
export function epochDay(isoDate: string): number {
  const day = epochDayOrNull(isoDate)
  if (day === null) throw new RangeError(`not a calendar date: ${isoDate}`)
  return day
}

export function isoDateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function isCalendarDate(isoDate: string): boolean {
  return epochDayOrNull(isoDate) !== null
}

/** Whole days from `from` to `to` (negative when `to` is earlier); leap days count as days. */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from)
}

export function addDays(isoDate: string, days: number): string {
  return isoDateOfEpochDay(epochDay(isoDate) + days)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * `months` calendar months after `isoDate`, the day clamped to the target month's last day:
 * 31 Jan + 1 month = 28 Feb (29 Feb in a leap year), 29 Feb 2028 + 12 months = 28 Feb 2029,
 * 31 Jan + 2 months = 31 Mar. This is the convention billing systems use for anniversaries
 * (a subscription anchored on the 31st renews on the last day of shorter months), and every
 * anniversary is counted from the original start, never from the previous one, so a month-end
 * start does not drift to the 28th for the rest of the contract.
 */
export function addMonths(isoDate: string, months: number): string {
  const match = ISO_DATE.exec(isoDate)
  if (match === null || epochDayOrNull(isoDate) === null) {
    throw new RangeError(`not a calendar date: ${isoDate}`)
  }
  const monthIndex = Number(match[1]) * 12 + (Number(match[2]) - 1) + months
  const year = Math.floor(monthIndex / 12)
  const month = (monthIndex % 12) + 1
  const day = Math.min(Number(match[3]), daysInMonth(year, month))
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
