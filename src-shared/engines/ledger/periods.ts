import type { Instant } from '../calendar/business-time'
import { addMonths } from '../health/components'

/** A period of the ledger: `[from, to)` as dates, and the months whose entries count in it. */
export interface LedgerPeriod {
  readonly kind: 'month' | 'contract-year' | 'term'
  /** `2026-10`, `contract year 2 (2026-02-01 – 2027-02-01)`, `term 2026-02-01 – 2027-02-01`. */
  readonly label: string
  readonly from: string
  /** Exclusive. */
  readonly to: string
  /** First and last month (inclusive) whose entries count: entries are booked by month. */
  readonly firstMonth: string
  readonly lastMonth: string
  /** 0–1: how much of the period had passed at `now`. */
  readonly elapsed: number
}

const DAY_MS = 86_400_000
const ms = (date: string) => Date.parse(`${date}T00:00:00.000Z`)

function period(
  kind: LedgerPeriod['kind'],
  label: string,
  from: string,
  to: string,
  now: Instant,
): LedgerPeriod {
  const span = ms(to) - ms(from)
  return {
    kind,
    label,
    from,
    to,
    firstMonth: from.slice(0, 7),
    // The month of the day before `to`: a period ending on the 1st does not include that month.
    lastMonth: new Date(ms(to) - DAY_MS).toISOString().slice(0, 7),
    elapsed: span <= 0 ? 1 : Math.min(1, Math.max(0, (now - ms(from)) / span)),
  }
}

/** The last `count` calendar months up to and including the month of `now`, oldest first. */
export function recentMonths(now: Instant, count: number): LedgerPeriod[] {
  const current = new Date(now).toISOString().slice(0, 7)
  return Array.from({ length: count }, (_, i) => {
    const month = addMonths(`${current}-01`, i - count + 1)
    return period('month', month.slice(0, 7), month, addMonths(month, 1), now)
  })
}

/**
 * Contract years of the current contract that have started by `now`: 12-month steps from the
 * contract start, the last one cut at the renewal date.
 */
export function contractYears(
  contractStart: string,
  renewalDate: string,
  now: Instant,
): LedgerPeriod[] {
  const years: LedgerPeriod[] = []
  for (let year = 0; year < 10; year++) {
    const from = addMonths(contractStart, 12 * year)
    if (from >= renewalDate || ms(from) > now) break
    const next = addMonths(contractStart, 12 * (year + 1))
    const to = next < renewalDate ? next : renewalDate
    years.push(
      period('contract-year', `contract year ${year + 1} (${from} – ${to})`, from, to, now),
    )
  }
  return years
}

export function contractTerm(
  contractStart: string,
  renewalDate: string,
  now: Instant,
): LedgerPeriod {
  return period('term', `term ${contractStart} – ${renewalDate}`, contractStart, renewalDate, now)
}
