import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TierlineError } from '../ipc/errors'
import { addDays, addMonths, isoDateOfEpochDay, epochDay } from './dates'
import { currentContractOf, prorationCredit } from './proration'

const contract = (start: string, end: string, valueMinor: number) => ({ start, end, valueMinor })

describe('prorationCredit', () => {
  it.each<[string, string, number, string, number, number, number, string]>([
    // start, end (renewal, exclusive), value, upgrade, term days, remaining, credit
    ['2026-01-01', '2027-01-01', 365_000, '2026-01-01', 365, 365, 365_000, 'first day: all of it'],
    ['2026-01-01', '2027-01-01', 365_000, '2026-12-31', 365, 1, 1_000, 'last day: one day'],
    ['2026-01-01', '2027-01-01', 365_000, '2027-01-01', 365, 0, 0, 'renewal day: expired'],
    ['2026-01-01', '2027-01-01', 365_000, '2027-06-01', 365, 0, 0, 'long expired'],
    ['2026-01-01', '2027-01-01', 365_000, '2026-07-02', 365, 183, 183_000, 'mid-term'],
    [
      '2028-01-01',
      '2029-01-01',
      366_000,
      '2028-03-01',
      366,
      306,
      306_000,
      'leap year counts 29 Feb',
    ],
    ['2028-02-29', '2029-02-28', 365_000, '2028-03-01', 365, 364, 364_000, 'leap-day start'],
    ['2026-01-31', '2026-02-28', 28_000, '2026-02-14', 28, 14, 14_000, 'month-end start'],
    ['2026-01-01', '2027-01-01', 100, '2026-07-02', 365, 183, 50, '50.14 rounds to 50'],
    ['2026-01-01', '2026-01-03', 3, '2026-01-02', 2, 1, 2, '1.5 rounds half to even: 2'],
    ['2026-01-01', '2026-01-03', 5, '2026-01-02', 2, 1, 2, '2.5 rounds half to even: 2'],
  ])(
    '%s → %s worth %i, upgrade %s: %i days, %i left, credit %i (%s)',
    (start, end, value, upgrade, termDays, remainingDays, creditMinor) => {
      expect(prorationCredit(contract(start, end, value), upgrade)).toMatchObject({
        termDays,
        remainingDays,
        usedDays: termDays - remainingDays,
        creditMinor,
        state: remainingDays === 0 ? 'expired' : 'in-term',
      })
    },
  )

  it('works in yen: a 3-year contract from 31 Jan', () => {
    const start = '2026-01-31'
    const end = addMonths(start, 36)
    expect(end).toBe('2029-01-31')
    const credit = prorationCredit(contract(start, end, 10_000_000), '2027-07-31')
    // 1 096 days (2028 is a leap year), 550 remaining: 10 000 000 × 550 / 1 096 = 5 018 248.17.
    expect(credit).toMatchObject({ termDays: 1_096, remainingDays: 550, creditMinor: 5_018_248 })
  })

  it('refuses an upgrade before the contract starts, naming the start date', () => {
    try {
      prorationCredit(contract('2026-03-01', '2027-03-01', 1_000), '2026-02-28')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(TierlineError)
      if (!(error instanceof TierlineError)) return
      expect(error.code).toBe('validation')
      expect(error.details?.['issues']).toEqual([
        { field: 'startDate', message: expect.stringContaining('2026-03-01') },
      ])
    }
  })

  it('refuses a contract that ends before it starts and dates that do not exist', () => {
    expect(() => prorationCredit(contract('2026-03-01', '2026-03-01', 1), '2026-03-01')).toThrow(
      /currentContract.end: Renewal date must be after the contract start/,
    )
    expect(() => prorationCredit(contract('2026-03-01', '2027-03-01', -1), '2026-03-01')).toThrow(
      /currentContract.valueMinor/,
    )
    expect(() => prorationCredit(contract('2026-03-01', '2027-03-01', 1), '2026-02-30')).toThrow(
      TierlineError,
    )
  })

  it('stays between zero and the value, and never grows as the upgrade comes later', () => {
    const day = fc.integer({ min: epochDay('2020-01-01'), max: epochDay('2035-12-31') })
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 2_500 }),
        fc.integer({ min: 0, max: 30 }),
        (startDay, termDays, value, offset, later) => {
          const start = isoDateOfEpochDay(startDay)
          const terms = contract(start, addDays(start, termDays), value)
          const early = prorationCredit(terms, addDays(start, offset))
          const late = prorationCredit(terms, addDays(start, offset + later))
          expect(early.creditMinor).toBeGreaterThanOrEqual(0)
          expect(early.creditMinor).toBeLessThanOrEqual(value)
          expect(late.creditMinor).toBeLessThanOrEqual(early.creditMinor)
          expect(early.usedDays + early.remainingDays).toBe(termDays)
        },
      ),
    )
  })
})

describe('currentContractOf', () => {
  it('values the term from the ARR', () => {
    expect(
      currentContractOf({
        contractStart: '2025-07-01',
        renewalDate: '2027-07-01',
        termMonths: 24,
        arr: { amountMinor: 1_200_001, currency: 'EUR' },
      }),
    ).toEqual({ start: '2025-07-01', end: '2027-07-01', currency: 'EUR', valueMinor: 2_400_002 })
    expect(
      currentContractOf({
        contractStart: '2026-01-01',
        renewalDate: '2026-08-01',
        termMonths: 7,
        arr: { amountMinor: 6, currency: 'JPY' },
      }).valueMinor,
    ).toBe(4) // 3.5 → 4 (half to even)
  })
})
