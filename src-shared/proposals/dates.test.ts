import { describe, expect, it } from 'vitest'
import { addMonths, daysBetween, isCalendarDate } from './dates'

describe('contract dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-12-31', 12, '2027-12-31'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s (clamped to the month’s last day)', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected)
  })

  it('counts actual days, leap days included', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1)
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366)
    expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365)
  })

  it('knows which dates exist', () => {
    expect(
      ['2028-02-29', '2026-02-29', '2026-04-31', '2026-1-05', '2026-13-01'].map(isCalendarDate),
    ).toEqual([true, false, false, false, false])
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError)
  })
})
