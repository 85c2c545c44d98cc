import type { IpcError } from './errors'

/** The envelope every invoke resolves to: results and failures both travel as data, never as throws. */
export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError }

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value })
export const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error })
