import { describe, expect, it } from 'vitest'
import { nextUpdatedAt } from './updated-at'

describe('nextUpdatedAt', () => {
  it('is now when now is later than the previous stamp', () => {
    expect(nextUpdatedAt('2026-12-01T10:00:00.000Z', new Date('2026-12-01T10:00:05.000Z'))).toBe(
      '2026-12-01T10:00:05.000Z',
    )
  })

  it('moves one millisecond past the previous stamp within the same millisecond or a clock step back', () => {
    const previous = '2026-12-01T10:00:00.000Z'
    expect(nextUpdatedAt(previous, new Date(previous))).toBe('2026-12-01T10:00:00.001Z')
    expect(nextUpdatedAt(previous, new Date('2026-12-01T09:59:00.000Z'))).toBe(
      '2026-12-01T10:00:00.001Z',
    )
  })
})
