import type { z } from 'zod'

/** Every failure that crosses the IPC bridge has one of these codes; renderers branch on them. */
export type ErrorCode =
  | 'validation'
  | 'unknown-channel'
  | 'forbidden-sender'
  /** The caller is a Tierline window, but this user may not do this (e.g. edit another's note). */
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'storage'
  | 'internal'

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `theme` or `lines.2.quantity`; empty for the whole input. */
  readonly field: string
  readonly message: string
}

/** The serialisable error shape: never a stack trace, always something a person can read. */
export interface IpcError {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: Readonly<Record<string, unknown>>
}

/** A typed error that services throw and the router turns into an {@link IpcError}. */
export class TierlineError extends Error {
  readonly code: ErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: ErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message)
    this.name = 'TierlineError'
    this.code = code
    this.details = details
  }

  static from(error: IpcError): TierlineError {
    return new TierlineError(error.code, error.message, error.details)
  }

  toIpcError(): IpcError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

/** Turns a zod failure into a validation error whose message names each offending field. */
export function validationError(error: z.ZodError, subject: string): TierlineError {
  const issues = fieldIssuesOf(error)
  const summary = issues
    .map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message))
    .join('; ')
  return new TierlineError('validation', `Invalid ${subject}: ${summary}`, { issues })
}
