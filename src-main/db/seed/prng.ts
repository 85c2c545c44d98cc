import { ULID_ALPHABET } from '@shared/model/ids'

/**
 * Seeded randomness for the demo book. Every stream is keyed by what it is for
 * (`rng(seed, 'tickets', accountIndex)`), so one account's tickets do not depend on how many
 * random numbers another account drew — the book can be generated collection by collection,
 * in batches, and still come out byte-identical.
 */

/** 32-bit FNV-1a over the parts, then a murmur3 finaliser for avalanche. */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    const text = `${String(part)}\u0000`
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const alphabetCodes = Array.from(ULID_ALPHABET, (char) => char.charCodeAt(0))
// Scratch space for id(): one string built from codes instead of 26 concatenations.
const idCodes = new Array<number>(26).fill(48)

/** A small, fast, seeded generator (sfc32) with the helpers the generators need. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(...key: readonly (string | number)[]) {
    this.a = hash32(...key, 'a')
    this.b = hash32(...key, 'b')
    this.c = hash32(...key, 'c')
    this.d = hash32(...key, 'd') | 1
    for (let i = 0; i < 12; i++) this.next()
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new RangeError('pick from an empty list')
    return item
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [item, weight] of items) {
      roll -= weight
      if (roll < 0) return item
    }
    const last = items[items.length - 1]
    if (last === undefined) throw new RangeError('weighted pick from an empty list')
    return last[0]
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal around `median`: most values near it, a long tail above. */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(this.normal() * spread)
  }

  /** Log-uniform in [min, max]: as many 10–100 as 100–1000. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.float(Math.log(min), Math.log(max)))
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const a = out[i]
      const b = out[j]
      if (a !== undefined && b !== undefined) {
        out[i] = b
        out[j] = a
      }
    }
    return out
  }

  /**
   * A ULID for a document created at `timeMs`, its 80 random bits drawn from this stream
   * (16 base-32 characters directly, which is what encodeUlid does with 10 random bytes).
   */
  id(timeMs: number): string {
    let time = Math.floor(timeMs)
    for (let i = 9; i >= 0; i--) {
      idCodes[i] = alphabetCodes[time % 32] ?? 48
      time = Math.floor(time / 32)
    }
    for (let i = 10; i < 26; i++) idCodes[i] = alphabetCodes[Math.floor(this.next() * 32)] ?? 48
    return String.fromCharCode(...idCodes)
  }
}
