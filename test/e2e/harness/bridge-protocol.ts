import type { IpcResult } from '@shared/ipc/result'

/** Messages between the test bridge's page script and its Node host, over one WebSocket. */
export type ClientMessage =
  | { readonly type: 'hello'; readonly token: string }
  | {
      readonly type: 'invoke'
      readonly id: number
      readonly channel: string
      readonly input?: unknown
    }

export type ServerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: IpcResult<unknown> }
  | { readonly type: 'event'; readonly topic: string; readonly payload: unknown }

export const BRIDGE_PATH = '/__tierline_bridge'
/** Close code for a connection that did not present the run's token. */
export const UNAUTHORISED_CLOSE = 4401
