/**
 * The two Electron IPC channel names the preload forwards. Everything else is multiplexed
 * through them by contract channel name, so the preload needs no per-channel code.
 */
export const INVOKE_CHANNEL = 'tierline:invoke'
export const EVENT_CHANNEL = 'tierline:event'
