import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoToMs } from './iso-time'

describe('isoToMs', () => {
  it('agrees with Date.parse on the model format', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(isoToMs(new Date(ms).toISOString())).toBe(ms)
      }),
      { numRuns: 500 },
    )
  })

  it('falls back to Date.parse for other ISO forms', () => {
    expect(isoToMs('2026-03-08T07:00:00+00:00')).toBe(Date.UTC(2026, 2, 8, 7))
  })
})
