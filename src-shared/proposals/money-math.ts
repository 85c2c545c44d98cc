/**
 * Exact money arithmetic for pricing: amounts are integer minor units, computed as bigint so a
 * product such as 1,000,000 seats × 99,999 minor units × 60 months never passes through an
 * inexact float, and every division says how it rounds.
 *
 * Rounding rule (one for the whole proposal): **round half to even** ("banker's rounding") to
 * the minor unit. Half-up would push every exact half the same way; over many lines and many
 * proposals half-even is unbiased. Where one rounded figure is split over several parts (an
 * overall discount over lines, a contract value over years) the parts are allocated with the
 * largest-remainder method instead, so they always add up to the figure exactly.
 */

/** `numerator / denominator` rounded half to even; `denominator` must be positive. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive')
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  let quotient = magnitude / denominator
  const twiceRemainder = (magnitude % denominator) * 2n
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) {
    quotient += 1n
  }
  return negative ? -quotient : quotient
}

/**
 * Splits `total` (≥ 0) into parts proportional to `weights` (≥ 0) that sum to `total` exactly:
 * each part gets the floor of its exact share, and the minor units left over go one each to
 * the parts with the largest fractional remainders, ties to the earlier part (so the same input
 * always gives the same split). No part exceeds its exact share rounded up, so when
 * `total ≤ Σ weights` no part exceeds its own weight. All-zero weights give all-zero parts
 * (and `total` must then be 0).
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n)
  if (total < 0n || weights.some((weight) => weight < 0n)) {
    throw new RangeError('allocate takes non-negative amounts')
  }
  if (sum === 0n) {
    if (total !== 0n) throw new RangeError('cannot allocate an amount over zero weights')
    return weights.map(() => 0n)
  }
  const parts = weights.map((weight) => (total * weight) / sum)
  const remainders = weights.map((weight, index) => ({ index, rest: (total * weight) % sum }))
  let left = total - parts.reduce((a, b) => a + b, 0n)
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1))
  for (const { index } of remainders) {
    if (left === 0n) break
    parts[index] = (parts[index] ?? 0n) + 1n
    left -= 1n
  }
  return parts
}

/** Shares (0–1) are applied exactly at a resolution of one millionth (0.0001 %). */
export const SHARE_SCALE = 1_000_000n

export function shareToMillionths(share: number): bigint {
  return BigInt(Math.round(share * 1_000_000))
}

/** The largest amount a stored document accepts (`minorUnitsSchema`). */
export const MAX_MINOR = 1_000_000_000_000_000n

export function toMinorNumber(value: bigint): number {
  if (value > MAX_MINOR || value < -MAX_MINOR) {
    throw new RangeError('amount is beyond 10^15 minor units')
  }
  return Number(value)
}
