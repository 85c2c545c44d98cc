import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createUlidFactory, encodeUlid, isUlid, newId, ulidTime } from './ids'

const bytes = (...values: number[]) => Uint8Array.from(values)

describe('ULIDs', () => {
  it('encodes the spec example layout: 10 time characters, 16 random characters', () => {
    const id = encodeUlid(1469918176385, new Uint8Array(10))
    expect(id).toBe('01ARYZ6S410000000000000000')
    expect(encodeUlid(0, bytes(255, 255, 255, 255, 255, 255, 255, 255, 255, 255))).toBe(
      '0000000000ZZZZZZZZZZZZZZZZ',
    )
    expect(ulidTime(id)).toBe(1469918176385)
  })

  it('rejects times and randomness it cannot encode', () => {
    expect(() => encodeUlid(-1, new Uint8Array(10))).toThrow(RangeError)
    expect(() => encodeUlid(2 ** 48, new Uint8Array(10))).toThrow(RangeError)
    expect(() => encodeUlid(1.5, new Uint8Array(10))).toThrow(RangeError)
    expect(() => encodeUlid(0, new Uint8Array(9))).toThrow(RangeError)
    expect(() => ulidTime('nope')).toThrow(RangeError)
  })

  it('sorts as strings in time order, whatever the randomness', () => {
    const time = fc.integer({ min: 0, max: 2 ** 48 - 1 })
    const random = fc.uint8Array({ minLength: 10, maxLength: 10 })
    fc.assert(
      fc.property(time, random, time, random, (t1, r1, t2, r2) => {
        fc.pre(t1 !== t2)
        const a = encodeUlid(t1, r1)
        const b = encodeUlid(t2, r2)
        expect(isUlid(a) && isUlid(b)).toBe(true)
        expect(a < b).toBe(t1 < t2)
        expect(ulidTime(a)).toBe(t1)
      }),
    )
  })

  it('stays monotonic within a millisecond and when the clock steps back', () => {
    const clock = [1000, 1000, 1000, 999, 1001]
    let call = 0
    const next = createUlidFactory({
      now: () => clock[Math.min(call++, clock.length - 1)] ?? 0,
      randomBytes: () => bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 254),
    })
    const ids = clock.map(() => next())
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids[1]?.endsWith('7Z')).toBe(true)
    expect(ulidTime(ids[3] ?? '')).toBe(1000)
  })

  it('mints distinct, valid ids by default', () => {
    const ids = Array.from({ length: 1000 }, () => newId())
    expect(ids.every(isUlid)).toBe(true)
    expect(new Set(ids).size).toBe(1000)
    expect([...ids].sort()).toEqual(ids)
  })
})
