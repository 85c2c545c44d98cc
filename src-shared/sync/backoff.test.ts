import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

const policy = { baseMs: 100, maxMs: 1_000 }

describe('backoffDelay', () => {
  it('doubles per attempt and stays in the upper half of its ceiling', () => {
    expect(backoffDelay(0, 0, policy)).toBe(50)
    expect(backoffDelay(0, 1, policy)).toBe(100)
    expect(backoffDelay(1, 0, policy)).toBe(100)
    expect(backoffDelay(2, 0.5, policy)).toBe(300)
  })

  it('never grows past the maximum however many attempts failed', () => {
    expect(backoffDelay(50, 1, policy)).toBe(1_000)
    expect(backoffDelay(5000, 0, policy)).toBe(500)
  })

  it('treats out-of-range inputs as their nearest valid value', () => {
    expect(backoffDelay(-3, 2, policy)).toBe(100)
    expect(backoffDelay(Number.NaN, 0, policy)).toBe(50)
  })
})
