import { createHash, randomBytes } from 'node:crypto'
import { TOKEN_PATTERN } from '@shared/sync/protocol'

/** 32 bytes from the CSPRNG: 256 bits, comfortably above the 128 DESIGN.md §2 asks for. */
const TOKEN_BYTES = 32

export function mintToken(): string {
  const token = `tl_${randomBytes(TOKEN_BYTES).toString('base64url')}`
  if (!TOKEN_PATTERN.test(token)) throw new Error('minted token does not match the protocol')
  return token
}

/**
 * What the database keeps instead of the token. A fast hash is right here (unlike passwords):
 * the input is 256 random bits, so there is nothing to brute-force.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The token from an `Authorization: Bearer …` header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}
