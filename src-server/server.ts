import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Writable } from 'node:stream'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance } from 'fastify'
import { syncLimits } from '@shared/sync/protocol'
import { bearerToken } from './auth/tokens'
import type { SqlDatabase } from './db/database'
import { migrate } from './db/migrations'
import { SyncError } from './errors'
import { healthRoutes, type Readiness } from './routes/health'
import { streamRoutes } from './routes/stream'
import { syncRoutes } from './routes/sync'
import { startChangeHub } from './sync/changes'

export interface SyncServerOptions {
  readonly db: SqlDatabase
  readonly now?: () => Date
  /** Where structured (JSON) logs go; `false` for none. Default: stdout at info. */
  readonly log?: { readonly level?: string; readonly stream?: Writable } | false
  /** Requests per token (per address without one) per window. */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number }
  readonly heartbeatMs?: number
}

export interface SyncServer {
  readonly app: FastifyInstance
  /** Stops taking requests, ends live streams, waits for in-flight requests (and so their
   * transactions) to finish, then stops listening to the database. Does not close `db`. */
  close(): Promise<void>
}

/** Rate-limit key: a hash of the token (never the token itself), else the client address. */
function rateKey(authorization: string | undefined, ip: string): string {
  const token = bearerToken(authorization)
  if (token === undefined) return `ip:${ip}`
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`
}

/** Fastify's own errors (bad JSON, too large, wrong media type) in the protocol's envelope. */
function toSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error
  const status: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'statusCode') : undefined
  if (status === 413) {
    return new SyncError(
      'payload-too-large',
      `Request bodies are limited to ${syncLimits.bodyBytesMax} bytes; nothing was written`,
      { maxBytes: syncLimits.bodyBytesMax },
    )
  }
  if (status === 415) return new SyncError('validation', 'Send the body as application/json')
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new SyncError('validation', 'The request body is not valid JSON')
  }
  if (status === 503) return new SyncError('unavailable', 'The server is shutting down; retry')
  return new SyncError('internal', 'The server failed to handle this request; retry later')
}

/**
 * The team sync server: migrations first, then the change listener, then the routes. Holds no
 * state beyond in-flight requests and open streams, so any number of instances can serve one
 * PostgreSQL database.
 */
export async function createSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const { db } = options
  const now = options.now ?? (() => new Date())
  const readiness: Readiness = { ready: false }
  const log = options.log ?? {}

  const app = Fastify({
    bodyLimit: syncLimits.bodyBytesMax,
    logger:
      log === false
        ? false
        : {
            level: log.level ?? 'info',
            ...(log.stream ? { stream: log.stream } : {}),
            // Never headers (tokens), never bodies or query strings (customer content).
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                path: req.url.split('?')[0],
                id: req.id,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.authorization'],
          },
  })

  await migrate(db)
  const hub = await startChangeHub(db, (message) => app.log.warn({ event: 'listen' }, message))

  await app.register(rateLimit, {
    global: true,
    max: options.rateLimit?.max ?? 1200,
    timeWindow: options.rateLimit?.windowMs ?? 60_000,
    keyGenerator: (request) => rateKey(request.headers.authorization, request.ip),
    errorResponseBuilder: (_request, context) =>
      new SyncError('rate-limited', 'Too many requests for this token; slow down', {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  })

  app.setErrorHandler((error, request, reply) => {
    const syncError = toSyncError(error)
    if (syncError.statusCode >= 500) {
      // Type and code only: a database error's message can quote customer data.
      const cause = error instanceof Error ? error : undefined
      request.log.error(
        { err: { type: cause?.name, code: Reflect.get(cause ?? {}, 'code') } },
        'request failed',
      )
    } else {
      request.log.info({ code: syncError.code }, 'request refused')
    }
    return reply.code(syncError.statusCode).send(syncError.toBody())
  })
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(new SyncError('not-found', 'No such endpoint').toBody()),
  )

  healthRoutes(app, db, readiness)
  syncRoutes(app, db, now)
  const streams = streamRoutes(app, db, hub, {
    now,
    heartbeatMs: options.heartbeatMs ?? syncLimits.heartbeatMs,
  })

  // While closing, every response ends its connection: a keep-alive socket that goes idle after
  // close() began would otherwise hold the shutdown open for the keep-alive timeout.
  app.addHook('onSend', async (_request, reply) => {
    if (!readiness.ready) reply.header('connection', 'close')
  })
  // Connections that never carried a request (clients open spare ones) are not "idle" to Node
  // and would hold close() open until the client drops them: shutdown closes them itself.
  const unused = new Set<Socket>()
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket)
    socket.once('close', () => unused.delete(socket))
  })
  app.server.on('request', (request: IncomingMessage) => unused.delete(request.socket))
  app.addHook('preClose', async () => {
    readiness.ready = false
    streams.closeAll()
    for (const socket of unused) socket.destroy()
  })
  app.addHook('onClose', async () => {
    await hub.stop()
  })

  await app.ready()
  readiness.ready = true
  return { app, close: () => app.close() }
}
