import { describe, expect, it } from 'vitest'
import { isUlid, ulidTime } from '@shared/model/ids'
import { hash32, Rng } from './prng'

describe('seeded randomness', () => {
  it('repeats a stream for the same key and differs for another', () => {
    const draw = (...key: (string | number)[]) => {
      const rng = new Rng(...key)
      return Array.from({ length: 5 }, () => rng.next())
    }
    expect(draw(1, 'tickets', 7)).toEqual(draw(1, 'tickets', 7))
    expect(draw(1, 'tickets', 7)).not.toEqual(draw(1, 'tickets', 8))
    expect(draw(1, 'tickets', 7)).not.toEqual(draw(2, 'tickets', 7))
    expect(hash32('a', 1)).not.toBe(hash32('a1'))
  })

  it('keeps helpers in range', () => {
    const rng = new Rng('ranges')
    for (let i = 0; i < 2000; i++) {
      const value = rng.next()
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(1)
      expect([3, 4, 5]).toContain(rng.int(3, 5))
      expect(rng.logUniform(10, 1000)).toBeGreaterThanOrEqual(9.999)
    }
    const picks = new Map<string, number>()
    for (let i = 0; i < 4000; i++) {
      const pick = rng.weighted([
        ['a', 1],
        ['b', 3],
      ] as const)
      picks.set(pick, (picks.get(pick) ?? 0) + 1)
    }
    expect((picks.get('b') ?? 0) / 4000).toBeCloseTo(0.75, 1)
    expect(rng.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4])
  })

  it('mints valid ULIDs at the given time', () => {
    const rng = new Rng('ids')
    const at = Date.UTC(2026, 10, 1)
    const id = rng.id(at)
    expect(isUlid(id)).toBe(true)
    expect(ulidTime(id)).toBe(at)
    expect(rng.id(at)).not.toBe(id)
  })
})
