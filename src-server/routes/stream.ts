import type { FastifyInstance } from 'fastify'
import { formatStreamEvent, syncPaths, type StreamEvent } from '@shared/sync/protocol'
import { principalOf } from '../auth/request'
import { authenticate } from '../auth/users'
import { bearerToken } from '../auth/tokens'
import type { SqlDatabase } from '../db/database'
import type { ChangeHub } from '../sync/changes'

export interface OpenStreams {
  /** Ends every live stream (shutdown: they would otherwise hold the server open). */
  closeAll(): void
  readonly size: number
}

/**
 * The live stream (Server-Sent Events). Every connection starts with RESYNC (rule 4), then gets
 * CHANGE hints from the database's notifications and a HEARTBEAT on a timer; each heartbeat
 * re-checks the token, so a revoked token or disabled user loses the stream within one beat.
 */
export function streamRoutes(
  app: FastifyInstance,
  db: SqlDatabase,
  hub: ChangeHub,
  options: { now: () => Date; heartbeatMs: number },
): OpenStreams {
  const open = new Set<() => void>()

  app.get(syncPaths.stream, async (request, reply) => {
    await principalOf(db, request, options.now())
    const token = bearerToken(request.headers.authorization) ?? ''
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // A stream's connection is never reused: closing it with the stream lets shutdown finish.
      connection: 'close',
      'x-accel-buffering': 'no',
    })
    const send = (event: StreamEvent) => {
      if (!raw.writableEnded) raw.write(formatStreamEvent(event))
    }
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      clearInterval(heartbeat)
      unsubscribe()
      open.delete(close)
      // End the stream, then drop the socket: a client that went away without closing it must
      // not keep the server's shutdown waiting.
      if (!raw.writableEnded) raw.end(() => raw.destroy())
      else raw.destroy()
    }
    send({ type: 'RESYNC', reason: 'connected' })
    const unsubscribe = hub.subscribe(send)
    const heartbeat = setInterval(() => {
      authenticate(db, token, options.now()).then(
        (principal) => {
          if (principal === undefined) close()
          else send({ type: 'HEARTBEAT', at: options.now().toISOString() })
        },
        () => send({ type: 'HEARTBEAT', at: options.now().toISOString() }),
      )
    }, options.heartbeatMs)
    open.add(close)
    raw.on('close', close)
  })

  return {
    closeAll() {
      for (const close of [...open]) close()
    },
    get size() {
      return open.size
    },
  }
}
