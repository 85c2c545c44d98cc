import { DAY_MS } from './zoned-time'

/** Calendar-date arithmetic on YYYY-MM-DD / YYYY-MM strings, all in UTC. */

export function dayMs(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`)
}

export function addMonths(date: string, months: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

/** The first day of the month `months` before the month of `asOf`. */
export function monthStartBefore(asOf: string, months: number): string {
  return addMonths(`${asOf.slice(0, 7)}-01`, -months)
}

/** The `count` whole months before `asOf`'s month, oldest first, as YYYY-MM. */
export function monthsBefore(asOf: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthStartBefore(asOf, count - i).slice(0, 7))
}

export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7))
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
}

export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / DAY_MS
}
