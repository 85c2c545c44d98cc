/**
 * The little SQL surface the server needs, implemented twice: by `pg` against PostgreSQL and by
 * embedded PGlite. Every query in the server goes through it, so both run the same SQL text
 * (plain PostgreSQL, `$n` parameters; JSON travels as text cast with `::jsonb`).
 */
export type SqlParam = string | number | boolean | null

export interface SqlExecutor {
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
  ): Promise<Row[]>
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
  /**
   * `query` with every text column as its raw UTF-8 bytes, where the driver offers that
   * (PostgreSQL's binary result format; absent on PGlite). For rows that are only passed on,
   * such as a pull's documents: decoding them into strings only to encode them again to send
   * them was a fifth of the server's time in a cold sync.
   */
  readonly queryBytes?: <Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
  ) => Promise<Row[]>
}

export interface Notification {
  readonly channel: string
  readonly payload: string
}

export interface ListenHandlers {
  readonly onNotify: (payload: string) => void
  /** The listening connection was lost and is back: notifications in between may be lost. */
  readonly onReconnect: () => void
}

export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite'
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>
  close(): Promise<void>
}
