import { syncLimits, syncPaths, type StreamEvent } from '@shared/sync/protocol'
import { createStreamParser } from '@shared/sync/sse'
import { syncFetch, SyncRequestError, type SyncConnection } from './sync-http'

export interface LiveStreamOptions {
  readonly connection: SyncConnection
  /** How often the server promises a heartbeat; silence for three of them means a dead stream. */
  readonly heartbeatMs?: number
  /** Milliseconds to wait before reconnect attempt `attempt` (0 first). */
  readonly retryDelay: (attempt: number) => number
  readonly onEvent: (event: StreamEvent) => void
  /** Connected (first bytes arrived) or lost, with why. */
  readonly onConnection: (connected: boolean, failure?: SyncRequestError) => void
}

export interface LiveStream {
  close(): void
}

/**
 * The live stream read with fetch rather than EventSource, because Node has none and
 * EventSource cannot send headers: the token must travel in `Authorization`, never in the URL
 * (protocol rule 6). Reconnects with backoff until closed; every connection starts with the
 * server's `RESYNC`, so nothing missed while away is lost.
 */
export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const heartbeatMs = options.heartbeatMs ?? syncLimits.heartbeatMs
  let closed = false
  let current: AbortController | undefined
  let wake: (() => void) | undefined

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  async function connectOnce(): Promise<boolean> {
    const controller = new AbortController()
    current = controller
    let watchdog: NodeJS.Timeout | undefined
    const arm = () => {
      clearTimeout(watchdog)
      watchdog = setTimeout(() => controller.abort(new Error('heartbeat missed')), heartbeatMs * 3)
    }
    let heard = false
    try {
      arm()
      const response = await syncFetch(options.connection, syncPaths.stream, {
        signal: controller.signal,
      })
      if (response.body === null)
        throw new SyncRequestError('internal', 'The live stream has no body')
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      const parser = createStreamParser()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        arm()
        if (!heard) {
          heard = true
          options.onConnection(true)
        }
        for (const event of parser.push(value).events) options.onEvent(event)
      }
      if (!closed)
        options.onConnection(false, new SyncRequestError('network', 'The live stream ended'))
    } catch (error) {
      if (!closed) {
        options.onConnection(
          false,
          error instanceof SyncRequestError
            ? error
            : new SyncRequestError('network', 'The live stream was interrupted'),
        )
      }
    } finally {
      clearTimeout(watchdog)
    }
    return heard
  }

  void (async () => {
    let attempt = 0
    while (!closed) {
      const heard = await connectOnce()
      if (closed) break
      attempt = heard ? 0 : attempt + 1
      await sleep(options.retryDelay(attempt))
    }
  })()

  return {
    close() {
      closed = true
      current?.abort(new Error('closed'))
      wake?.()
    },
  }
}
