import {
  contract,
  isInvokeChannel,
  type InvokeChannel,
  type OutputOf,
  type ParsedInputOf,
} from '@shared/ipc/contract'
import { TierlineError, validationError } from '@shared/ipc/errors'
import { fail, ok, type IpcResult } from '@shared/ipc/result'
import type { Logger } from '../log/logger'

export type Handler<C extends InvokeChannel> = (
  input: ParsedInputOf<C>,
) => OutputOf<C> | Promise<OutputOf<C>>

/** One handler per invokable channel; the compiler refuses a contract channel left unhandled. */
export type HandlerMap = { readonly [C in InvokeChannel]: Handler<C> }

/** Who is calling: the Electron glue and the test bridge each decide this for their transport. */
export interface CallerContext {
  /** True only for our own renderer (Electron: our window's main frame on our origin). */
  readonly trusted: boolean
}

export interface Router {
  dispatch(channel: unknown, input: unknown, caller: CallerContext): Promise<IpcResult<unknown>>
}

/**
 * The single entry point for renderer calls: refuses strangers and unknown channels, validates
 * input against the contract, and turns every failure into a typed error (never a stack).
 */
export function createRouter(handlers: HandlerMap, log: Logger): Router {
  return {
    async dispatch(channel, input, caller) {
      if (!caller.trusted) {
        log.warn('refused a call from an untrusted sender', { channel: String(channel) })
        return fail({
          code: 'forbidden-sender',
          message: 'This request did not come from a Tierline window and was refused.',
        })
      }
      if (!isInvokeChannel(channel)) {
        return fail({
          code: 'unknown-channel',
          message: `There is no channel named "${String(channel).slice(0, 80)}".`,
        })
      }
      const parsed = contract[channel].input.safeParse(input)
      if (!parsed.success)
        return fail(validationError(parsed.error, `input for ${channel}`).toIpcError())
      try {
        const handler = handlers[channel] as (input: unknown) => unknown
        return ok(await handler(parsed.data))
      } catch (error) {
        if (error instanceof TierlineError) return fail(error.toIpcError())
        log.error('unexpected failure in a handler', {
          channel,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        })
        return fail({
          code: 'internal',
          message: `Tierline could not complete "${channel}" because of an internal error. Details are in the log.`,
        })
      }
    },
  }
}
