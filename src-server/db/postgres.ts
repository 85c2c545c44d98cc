import pg from 'pg'
import type { ListenHandlers, SqlDatabase, SqlExecutor, SqlParam } from './database'

export interface PostgresOptions {
  readonly connectionString: string
  readonly maxConnections?: number
  /** Called with a short description when the listener connection fails (never a URL). */
  readonly onListenError?: (message: string) => void
}

const TEXT_OID = 25

/** Binary results with `text` columns left as their bytes (pg's binary text parser decodes). */
const textAsBytes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TEXT_OID && format === 'binary'
      ? (value: Buffer) => value
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** PostgreSQL through a `pg` pool; one extra dedicated connection per LISTEN. */
export function openPostgres(options: PostgresOptions): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
  })
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  const listeners = new Set<() => Promise<void>>()

  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await client.query(sql, [...params])
      return result.rows as Row[]
    },
    async queryBytes<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      // pg reads `binary` (the result format) though its type definitions do not declare it.
      const config: pg.QueryConfig<SqlParam[]> & { readonly binary: true } = {
        text: sql,
        values: [...params],
        binary: true,
        types: textAsBytes,
      }
      const result = await client.query(config)
      return result.rows as Row[]
    },
    async exec(sql: string) {
      await client.query(sql)
    },
  })

  return {
    kind: 'postgres',
    ...executor(pool),
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const value = await work(executor(client))
        await client.query('COMMIT')
        return value
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    async listen(channel, handlers) {
      const stop = await listenWithReconnect(options, channel, handlers)
      listeners.add(stop)
      return async () => {
        listeners.delete(stop)
        await stop()
      }
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()))
      await pool.end()
    },
  }
}

/**
 * Keeps one connection LISTENing; when it drops, reconnects with backoff and reports the gap
 * through `onReconnect` so the server can tell its clients to RESYNC.
 */
async function listenWithReconnect(
  options: PostgresOptions,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.connectionString })
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '')
    })
    next.on('error', (error) => {
      options.onListenError?.(`listener connection lost: ${error.message}`)
      scheduleReconnect(0)
    })
    next.on('end', () => scheduleReconnect(0))
    await next.connect()
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    client = next
  }

  const scheduleReconnect = (attempt: number) => {
    if (stopped || retry !== undefined) return
    const old = client
    client = undefined
    old?.removeAllListeners()
    old?.end().catch(() => undefined)
    const delay = Math.min(10_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2)
    retry = setTimeout(() => {
      retry = undefined
      connect().then(
        () => handlers.onReconnect(),
        (error: Error) => {
          options.onListenError?.(`listener reconnect failed: ${error.message}`)
          scheduleReconnect(attempt + 1)
        },
      )
    }, delay)
  }

  await connect()
  return async () => {
    stopped = true
    if (retry !== undefined) clearTimeout(retry)
    const old = client
    client = undefined
    old?.removeAllListeners()
    await old?.end().catch(() => undefined)
  }
}
