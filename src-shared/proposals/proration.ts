import type { Account } from '../model/account'
import { TierlineError } from '../ipc/errors'
import { daysBetween, epochDay } from './dates'
import { divideHalfEven, toMinorNumber } from './money-math'
import type { CurrentContract } from './validation'
import { currentContractIssues, invalidInput } from './validation'

/**
 * Credit for the unused part of the current contract when an upgrade starts mid-term.
 *
 * Day-count convention: **actual/actual in calendar days**. The current contract covers the
 * days from `start` (inclusive) to `end`, the renewal date (exclusive) — so a leap year's term
 * has 366 days and 29 Feb is a day like any other. The upgrade date is the first day on the new
 * tier: the days before it were used, it and the days after it until `end` are credited.
 *
 *   credit = value × remaining days / term days, rounded half to even to the minor unit.
 *
 * An upgrade on the first day credits the whole value, on the last day one day's worth, on or
 * after the renewal date nothing (the contract has run out: state `expired`). An upgrade before
 * the contract has started is a mistake in the form, not a credit, and is refused.
 */

export interface ProrationCredit {
  readonly state: 'in-term' | 'expired'
  readonly termDays: number
  readonly usedDays: number
  readonly remainingDays: number
  readonly creditMinor: number
}

export function prorationCredit(contract: CurrentContract, upgradeDate: string): ProrationCredit {
  const issues = currentContractIssues(contract)
  if (issues.length > 0) throw invalidInput('current contract', issues)
  if (epochDayOrThrow(upgradeDate) < epochDay(contract.start)) {
    throw new TierlineError(
      'validation',
      `The upgrade cannot start (${upgradeDate}) before the current contract does (${contract.start})`,
      {
        issues: [
          {
            field: 'startDate',
            message: `Start date must be on or after the current contract’s start, ${contract.start}`,
          },
        ],
      },
    )
  }
  const termDays = daysBetween(contract.start, contract.end)
  const usedDays = Math.min(daysBetween(contract.start, upgradeDate), termDays)
  const remainingDays = termDays - usedDays
  const creditMinor = divideHalfEven(
    BigInt(contract.valueMinor) * BigInt(remainingDays),
    BigInt(termDays),
  )
  return {
    state: remainingDays === 0 ? 'expired' : 'in-term',
    termDays,
    usedDays,
    remainingDays,
    creditMinor: toMinorNumber(creditMinor),
  }
}

function epochDayOrThrow(isoDate: string): number {
  try {
    return epochDay(isoDate)
  } catch {
    throw invalidInput('upgrade', [
      { field: 'startDate', message: 'Start date must be a date like 2026-11-01' },
    ])
  }
}

/**
 * The current contract of an account as proration reads it: its term runs from
 * `contractStart` to `renewalDate`, and its value is the ARR for the term's months
 * (ARR × termMonths / 12, half to even) in the contract currency.
 */
export function currentContractOf(
  account: Pick<Account, 'contractStart' | 'renewalDate' | 'termMonths' | 'arr'>,
): CurrentContract & { readonly currency: string } {
  return {
    start: account.contractStart,
    end: account.renewalDate,
    currency: account.arr.currency,
    valueMinor: toMinorNumber(
      divideHalfEven(BigInt(account.arr.amountMinor) * BigInt(account.termMonths), 12n),
    ),
  }
}
