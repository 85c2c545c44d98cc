/**
 * Sortable ids: ULIDs (https://github.com/ulid/spec) — 48 bits of milliseconds then 80 random
 * bits, 26 Crockford base-32 characters. Sorting the strings sorts by creation time, which keeps
 * RxDB's primary-key index (and the sync checkpoint's `id` tie-break) in insertion order.
 *
 * Why our own ~60 lines and not a package: no ULID or uuid-v7 package is installed, and
 * `crypto.randomUUID()` is v4 (random, unsortable). The encoding is tiny and fully specified,
 * and splitting it from the randomness lets the demo book derive ids from a seeded PRNG.
 */

export const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const ULID_LENGTH = 26
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/

const TIME_CHARS = 10
const RANDOM_BYTES = 10
const MAX_TIME = 2 ** 48 - 1

/** Encodes a time (ms since epoch) and 10 bytes of randomness as a ULID. */
export function encodeUlid(timeMs: number, randomness: Readonly<Uint8Array>): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_TIME) {
    throw new RangeError(`ULID time must be an integer between 0 and 2^48-1, got ${timeMs}`)
  }
  if (randomness.length !== RANDOM_BYTES) {
    throw new RangeError(`ULID randomness must be ${RANDOM_BYTES} bytes`)
  }
  let time = ''
  let rest = timeMs
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ULID_ALPHABET[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  // 80 bits = 16 groups of 5 bits, read big-endian through a small bit buffer.
  let random = ''
  let buffer = 0
  let bits = 0
  for (const byte of randomness) {
    buffer = ((buffer << 8) | byte) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      random += ULID_ALPHABET[(buffer >> bits) & 31]
    }
  }
  return time + random
}

export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value)
}

/** The millisecond timestamp a ULID was minted at. */
export function ulidTime(id: string): number {
  if (!isUlid(id)) throw new RangeError(`Not a ULID: ${id}`)
  let time = 0
  for (let i = 0; i < TIME_CHARS; i++) time = time * 32 + ULID_ALPHABET.indexOf(id.charAt(i))
  return time
}

export interface UlidFactoryOptions {
  readonly now?: () => number
  readonly randomBytes?: (length: number) => Uint8Array
}

function webRandomBytes(length: number): Uint8Array {
  // Web Crypto exists as a global in Node 20, Electron main and the renderer: no import needed.
  return globalThis.crypto.getRandomValues(new Uint8Array(length))
}

/**
 * A monotonic ULID source: ids minted in the same millisecond (or after the clock stepped back)
 * increment the previous random part instead of drawing a new one, so ids from one process
 * always sort in the order they were made.
 */
export function createUlidFactory(options: UlidFactoryOptions = {}): () => string {
  const now = options.now ?? Date.now
  const randomBytes = options.randomBytes ?? webRandomBytes
  let lastTime = -1
  let lastRandom: Uint8Array = new Uint8Array(RANDOM_BYTES)
  return () => {
    const time = Math.max(now(), lastTime)
    if (time === lastTime) {
      lastRandom = increment(lastRandom)
    } else {
      lastTime = time
      lastRandom = Uint8Array.from(randomBytes(RANDOM_BYTES))
    }
    return encodeUlid(time, lastRandom)
  }
}

function increment(bytes: Readonly<Uint8Array>): Uint8Array {
  const next = Uint8Array.from(bytes)
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] === 255) {
      next[i] = 0
    } else {
      next[i] = (next[i] ?? 0) + 1
      return next
    }
  }
  throw new RangeError('ULID random part overflowed within one millisecond')
}

/** The default id source for documents created by the app. */
export const newId: () => string = createUlidFactory()
