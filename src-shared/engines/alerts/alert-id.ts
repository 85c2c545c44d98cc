import { encodeUlid } from '../../model/ids'

/**
 * 10 bytes derived from `key` (FNV-1a, run with three different offsets and mixed), so the same
 * key always yields the same ULID random part. Not cryptographic: it only has to keep distinct
 * alert keys apart, and a collision would merge two alerts, not leak anything.
 */
function stableBytes(key: string): Uint8Array {
  const bytes = new Uint8Array(10)
  const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9]
  const words = seeds.map((seed) => {
    let h = seed >>> 0
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b) >>> 0
    h ^= h >>> 13
    return h >>> 0
  })
  for (let i = 0; i < 10; i++) bytes[i] = ((words[Math.floor(i / 4)] ?? 0) >>> ((i % 4) * 8)) & 0xff
  return bytes
}

/**
 * A deterministic alert id: the ULID time is the instant the alert is about (when the signal
 * appeared, when a check-in fell due), the random part a hash of the alert's key. Re-running the
 * engine on the same data yields the same ids, so alerts are upserted, never duplicated.
 */
export function alertId(key: string, anchorMs: number): string {
  return encodeUlid(Math.max(0, Math.floor(anchorMs)), stableBytes(key))
}
