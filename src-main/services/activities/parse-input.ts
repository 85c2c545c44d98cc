import type { z } from 'zod'
import { validationError } from '@shared/ipc/errors'

/**
 * Services validate their own input too (the router already did for IPC calls), so a direct
 * caller — another service, a test — meets the same typed errors. The schemas are idempotent
 * (trim, defaults), so parsing twice changes nothing.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error, subject)
  return parsed.data
}
