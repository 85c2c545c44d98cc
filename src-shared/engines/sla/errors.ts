/** A typed failure naming the problem, so services can report it instead of a stack trace. */
export class SlaEngineError extends Error {
  override readonly name = 'SlaEngineError'
  constructor(
    readonly code: 'invalid-history' | 'unknown-tier-version' | 'invalid-option',
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
  }
}
