import type { InputArgs, InvokeChannel, OutputOf, PayloadOf, Topic } from './contract'
import type { IpcResult } from './result'

/**
 * What the preload exposes as `window.tierline`, and what the end-to-end bridge provides in
 * its place. Nothing else of Electron is reachable from the renderer.
 */
export interface TierlineBridge {
  invoke<C extends InvokeChannel>(
    channel: C,
    ...input: InputArgs<C>
  ): Promise<IpcResult<OutputOf<C>>>
  subscribe<T extends Topic>(topic: T, listener: (payload: PayloadOf<T>) => void): () => void
}
