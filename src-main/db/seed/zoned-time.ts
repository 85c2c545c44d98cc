/**
 * Wall-clock time in IANA zones without a date library: Intl gives the zone's offset at an
 * instant, and a local time converts to UTC by subtracting the offset (checked once more, so
 * DST changes land on the right side).
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, format)
  }
  return format
}

/** The zone's offset from UTC at `utcMs`, in ms (Berlin in winter: +3,600,000). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const parts: Record<string, number> = {}
  for (const part of formatter(zone).formatToParts(utcMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const local = Date.UTC(
    parts['year'] ?? 1970,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  )
  return local - (utcMs - (((utcMs % 1000) + 1000) % 1000))
}

/** The UTC instant of `minutes` after local midnight of `date` (YYYY-MM-DD) in `zone`. */
export function localToUtc(zone: string, date: string, minutes: number): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number)
  const wall = Date.UTC(year, month - 1, day) + minutes * 60_000
  const first = wall - zoneOffsetMs(zone, wall)
  const second = wall - zoneOffsetMs(zone, first)
  return second
}

export const DAY_MS = 86_400_000

/** YYYY-MM-DD of a UTC day number (days since the epoch). */
export function isoDay(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return isoDay(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS)
}

const dayPrefixes = new Map<number, string>()
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n))

/**
 * `new Date(ms).toISOString()`, rounded to the millisecond — without a Date per call, because
 * the benchmark book formats a few million instants and allocation dominated its profile.
 */
export function iso(ms: number): string {
  const t = Math.round(ms)
  const day = Math.floor(t / DAY_MS)
  let prefix = dayPrefixes.get(day)
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11)
    dayPrefixes.set(day, prefix)
  }
  let rest = t - day * DAY_MS
  const hours = Math.floor(rest / 3_600_000)
  rest -= hours * 3_600_000
  const minutes = Math.floor(rest / 60_000)
  rest -= minutes * 60_000
  const seconds = Math.floor(rest / 1000)
  return `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`
}
