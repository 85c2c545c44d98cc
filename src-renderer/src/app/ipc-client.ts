import type { InputArgs, InvokeChannel, OutputOf } from '@shared/ipc/contract'
import { TierlineError } from '@shared/ipc/errors'

/** Calls main through `window.tierline` and unwraps the envelope: failures become TierlineErrors. */
export async function invoke<C extends InvokeChannel>(
  channel: C,
  ...input: InputArgs<C>
): Promise<OutputOf<C>> {
  const result = await window.tierline.invoke(channel, ...input)
  if (!result.ok) throw TierlineError.from(result.error)
  return result.value
}

/** A message fit for a notification, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
