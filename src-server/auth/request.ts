import type { FastifyRequest } from 'fastify'
import type { SqlExecutor } from '../db/database'
import { SyncError } from '../errors'
import { bearerToken } from './tokens'
import { authenticate, type Principal } from './users'

/**
 * The caller of a request, from its `Authorization: Bearer` header only (tokens never travel in
 * URLs). Unknown, expired, revoked and disabled all answer the same 401.
 */
export async function principalOf(
  db: SqlExecutor,
  request: FastifyRequest,
  now: Date,
): Promise<Principal> {
  const token = bearerToken(request.headers.authorization)
  if (token === undefined) {
    throw new SyncError('unauthorized', 'Sign in: send Authorization: Bearer <token>')
  }
  const principal = await authenticate(db, token, now)
  if (principal === undefined) {
    throw new SyncError('unauthorized', 'This token is unknown, expired or revoked; sign in again')
  }
  return principal
}
