import {
  announcedPage,
  authorizationHeader,
  isRetryableSyncError,
  syncErrorBodySchema,
  type SyncErrorCode,
} from '@shared/sync/protocol'

/** Why a request to the sync server failed: the server's own code, or `network` when it never answered. */
export type SyncFailureCode = SyncErrorCode | 'network'

export class SyncRequestError extends Error {
  readonly code: SyncFailureCode
  readonly status: number | undefined
  /** The server's `details` (e.g. which rows of a push were refused). */
  readonly details: Readonly<Record<string, unknown>> | undefined
  constructor(
    code: SyncFailureCode,
    message: string,
    status?: number,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(message)
    this.name = 'SyncRequestError'
    this.code = code
    this.status = status
    this.details = details
  }

  /** Worth retrying the same request later (with backoff): the server is away or busy. */
  get retryable(): boolean {
    return this.code === 'network' || isRetryableSyncError(this.code)
  }
}

export interface SyncConnection {
  /** Base URL without a trailing slash, e.g. `https://sync.example.com`. */
  readonly baseUrl: string
  readonly token: string
  /** `globalThis.fetch` unless a host passes its own (Electron's net.fetch). */
  readonly fetch?: typeof fetch
}

const statusCodes: Readonly<Record<number, SyncErrorCode>> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
  429: 'rate-limited',
  503: 'unavailable',
}

/** One authorised request; the token travels only in the Authorization header (protocol rule 6). */
export async function syncFetch(
  connection: SyncConnection,
  path: string,
  init: {
    readonly method?: 'GET' | 'POST'
    readonly body?: unknown
    readonly signal?: AbortSignal
  } = {},
): Promise<Response> {
  const doFetch = connection.fetch ?? globalThis.fetch
  const headers: Record<string, string> = { authorization: authorizationHeader(connection.token) }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await doFetch(`${connection.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    })
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error)
    throw new SyncRequestError('network', `The sync server could not be reached (${reason})`)
  }
  if (!response.ok) throw await failureOf(response)
  return response
}

/** What `syncJson` checks an answer with: a zod schema, or a check of the same shape. */
export interface AnswerCheck<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false }
}

/** A request whose JSON answer must match `schema`. */
export async function syncJson<T>(
  connection: SyncConnection,
  path: string,
  schema: AnswerCheck<T>,
  init: Parameters<typeof syncFetch>[2] = {},
): Promise<T> {
  const response = await syncFetch(connection, path, init)
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) throw notUnderstood(path)
  return parsed.data
}

/** A pull answer whose headers have arrived: what they announce, and its body to read. */
export interface PullAnswer {
  readonly announced: ReturnType<typeof announcedPage>
  /** The body, left for the caller to decode and check; cut off midway, a network failure. */
  bytes(): Promise<ArrayBuffer>
}

/** A pull whose answer is read as bytes (a first sync's bulk load parses them in a worker). */
export async function syncPullAnswer(
  connection: SyncConnection,
  path: string,
): Promise<PullAnswer> {
  const response = await syncFetch(connection, path)
  return {
    announced: announcedPage(response.headers),
    async bytes() {
      try {
        return await response.arrayBuffer()
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new SyncRequestError('network', `The sync server's answer was cut off (${reason})`)
      }
    },
  }
}

/** The error of an answer that is not what the protocol says it must be. */
export function notUnderstood(path: string): SyncRequestError {
  return new SyncRequestError(
    'internal',
    `The sync server sent an answer Tierline does not understand (${path})`,
  )
}

async function failureOf(response: Response): Promise<SyncRequestError> {
  const body = syncErrorBodySchema.safeParse(await response.json().catch(() => undefined))
  const code = body.success ? body.data.error.code : (statusCodes[response.status] ?? 'internal')
  const message = body.success
    ? body.data.error.message
    : `The sync server answered ${response.status} ${response.statusText}`.trim()
  return new SyncRequestError(
    code,
    message,
    response.status,
    body.success ? body.data.error.details : undefined,
  )
}
