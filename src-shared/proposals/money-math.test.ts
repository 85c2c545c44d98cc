import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, divideHalfEven, toMinorNumber } from './money-math'

describe('money arithmetic', () => {
  it.each([
    [5n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 2n],
    [35n, 10n, 4n],
    [26n, 10n, 3n],
    [24n, 10n, 2n],
    [-15n, 10n, -2n],
    [-25n, 10n, -2n],
    [7n, 12n, 1n],
  ])('%i / %i rounds half to even to %i', (n, d, expected) => {
    expect(divideHalfEven(n, d)).toBe(expected)
  })

  it('allocates by largest remainder, ties to the earlier part', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n])
    expect(allocate(100n, [300n, 200n, 100n])).toEqual([50n, 33n, 17n])
    expect(allocate(0n, [0n, 0n])).toEqual([0n, 0n])
    expect(() => allocate(1n, [0n])).toThrow(RangeError)
    expect(() => allocate(-1n, [1n])).toThrow(RangeError)
  })

  it('allocations add up exactly and stay within each weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, share) => {
          const sum = weights.reduce((a, b) => a + b, 0n)
          const total = sum === 0n ? 0n : (sum * BigInt(Math.round(share * 1e6))) / 1_000_000n
          const parts = allocate(total, weights)
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total)
          parts.forEach((part, index) => {
            expect(part >= 0n && part <= (weights[index] ?? 0n)).toBe(true)
          })
        },
      ),
    )
  })

  it('refuses amounts a document cannot store', () => {
    expect(toMinorNumber(10n ** 15n)).toBe(1e15)
    expect(() => toMinorNumber(10n ** 15n + 1n)).toThrow(RangeError)
  })
})
