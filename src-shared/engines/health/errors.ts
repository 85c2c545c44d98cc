/** A typed failure naming the problem, so services can report it instead of a stack trace. */
export class HealthEngineError extends Error {
  override readonly name = 'HealthEngineError'
  constructor(
    readonly code: 'invalid-option' | 'invalid-input',
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
  }
}
