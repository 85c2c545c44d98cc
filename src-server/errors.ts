import { syncErrorStatus, type SyncErrorBody, type SyncErrorCode } from '@shared/sync/protocol'

/**
 * The one error type route handlers throw; the error handler turns it into the protocol's
 * envelope with the matching status. Messages are for people and never quote a token or a
 * document's content.
 */
export class SyncError extends Error {
  readonly code: SyncErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: SyncErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message)
    this.name = 'SyncError'
    this.code = code
    this.details = details
  }

  get statusCode(): number {
    return syncErrorStatus[this.code]
  }

  toBody(): SyncErrorBody {
    return {
      error:
        this.details === undefined
          ? { code: this.code, message: this.message }
          : { code: this.code, message: this.message, details: { ...this.details } },
    }
  }
}
