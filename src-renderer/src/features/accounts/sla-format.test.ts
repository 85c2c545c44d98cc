import { describe, expect, it } from 'vitest'
import { formatDuration } from './sla-format'

describe('formatDuration', () => {
  it.each([
    [5 * 86_400, false, '5d'],
    [86_400 + 4 * 3_600 + 59, false, '1d 4h'],
    [86_400 + 4 * 3_600 + 59, true, '1d 04h 00m 59s'],
    [16 * 3_600, false, '16h'],
    [2 * 3_600 + 5 * 60 + 9, false, '2h 05m'],
    [2 * 3_600 + 5 * 60 + 9, true, '2h 05m 09s'],
    [16 * 3_600, true, '16h 00m 00s'],
    [45 * 60, false, '45m'],
    [4 * 60 + 30, true, '4m 30s'],
    [-20, true, '0m 00s'],
  ])('%i seconds (seconds: %s) → %s', (seconds, withSeconds, expected) => {
    expect(formatDuration(seconds, withSeconds)).toBe(expected)
  })
})
