import type { TierlineBridge } from '@shared/ipc/bridge'

declare global {
  interface Window {
    /** Provided by the preload in the app, and by the test bridge in end-to-end runs. */
    readonly tierline: TierlineBridge
  }
}

export {}
