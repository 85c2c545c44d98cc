import type { FastifyInstance } from 'fastify'
import type { CollectionName } from '@shared/model/registry'
import {
  pullAnnouncement,
  pullQuerySchema,
  pushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  syncCollectionSchema,
  syncLimits,
  syncPaths,
  type AccessResponse,
  type MeResponse,
  type PushResponse,
} from '@shared/sync/protocol'
import { fieldIssuesOf } from '@shared/ipc/errors'
import type { z } from 'zod'
import { principalOf } from '../auth/request'
import type { SqlDatabase } from '../db/database'
import { SyncError } from '../errors'
import { scopeOf, visibleAccountIds } from '../sync/access'
import { pullDocuments, pushDocuments } from '../sync/documents'

function collectionOf(params: unknown): CollectionName {
  const name: unknown =
    typeof params === 'object' && params !== null ? Reflect.get(params, 'collection') : undefined
  const parsed = syncCollectionSchema.safeParse(name)
  if (!parsed.success) throw new SyncError('not-found', 'No such collection')
  return parsed.data
}

function invalid(error: z.ZodError, subject: string): SyncError {
  const issues = fieldIssuesOf(error)
  const summary = issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')
  return new SyncError('validation', `Invalid ${subject}: ${summary}`, { issues })
}

/** Pull, push and "who am I": the request/response half of the protocol. */
export function syncRoutes(app: FastifyInstance, db: SqlDatabase, now: () => Date) {
  app.get(syncPaths.me, async (request): Promise<MeResponse> => {
    const principal = await principalOf(db, request, now())
    return {
      user: {
        id: principal.userId,
        name: principal.name,
        email: principal.email,
        role: principal.role,
      },
      token: { expiresAt: principal.expiresAt },
      protocolVersion: SYNC_PROTOCOL_VERSION,
    }
  })

  // Which accounts the caller may see now, so a client removes those reassigned away (rule 7).
  app.get(syncPaths.access, async (request): Promise<AccessResponse> => {
    const principal = await principalOf(db, request, now())
    return visibleAccountIds(db, await scopeOf(db, principal))
  })

  app.get('/v1/sync/:collection/pull', async (request, reply) => {
    const principal = await principalOf(db, request, now())
    const collection = collectionOf(request.params)
    const query = pullQuerySchema.safeParse(request.query)
    if (!query.success) throw invalid(query.error, 'pull query')
    const { seq, id, limit } = query.data
    const checkpoint = seq !== undefined && id !== undefined ? { seq, id } : null
    const scope = await scopeOf(db, principal)
    const page = await pullDocuments(db, collection, scope, checkpoint, limit)
    // Already a PullResponse in JSON (see pullDocuments): sent as is, not re-serialised.
    return reply
      .type('application/json; charset=utf-8')
      .headers(pullAnnouncement(page.count, page.checkpoint))
      .send(page.body)
  })

  app.post('/v1/sync/:collection/push', async (request): Promise<PushResponse> => {
    const principal = await principalOf(db, request, now())
    const collection = collectionOf(request.params)
    const rows: unknown =
      typeof request.body === 'object' && request.body !== null
        ? Reflect.get(request.body, 'rows')
        : undefined
    if (Array.isArray(rows) && rows.length > syncLimits.pushBatchMax) {
      throw new SyncError(
        'payload-too-large',
        `A push carries at most ${syncLimits.pushBatchMax} rows; split it (nothing was written)`,
        { maxRows: syncLimits.pushBatchMax },
      )
    }
    const body = pushRequestSchema.safeParse(request.body)
    if (!body.success) throw invalid(body.error, 'push body')
    const scope = await scopeOf(db, principal)
    const conflicts = await pushDocuments(db, collection, scope, body.data.rows)
    return { conflicts }
  })
}
