import type { FastifyInstance } from 'fastify'
import { syncPaths } from '@shared/sync/protocol'
import type { SqlDatabase } from '../db/database'

export interface Readiness {
  /** False until migrations ran and the change listener is up, and again once closing. */
  ready: boolean
}

/** `/health`: the process answers. `/ready`: it can serve sync (database reachable, migrated). */
export function healthRoutes(app: FastifyInstance, db: SqlDatabase, readiness: Readiness) {
  const noLimit = { config: { rateLimit: false } }
  app.get(syncPaths.health, noLimit, async () => ({ status: 'ok' }))
  app.get(syncPaths.ready, noLimit, async (_request, reply) => {
    if (!readiness.ready) {
      return reply.code(503).send({ status: 'not-ready', database: db.kind })
    }
    try {
      await db.query('SELECT 1')
      return { status: 'ready', database: db.kind }
    } catch {
      return reply.code(503).send({ status: 'database-unreachable', database: db.kind })
    }
  })
}
