import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { TierlineBridge } from '@shared/ipc/bridge'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/ipc/wire'

/**
 * The whole renderer-facing surface: a generic invoke and subscribe. Channel names, input
 * validation and sender checks all happen in main, so this file never grows per channel.
 */
const bridge: TierlineBridge = {
  invoke: (channel, ...input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input[0]),
  subscribe(topic, listener) {
    const forward = (_event: IpcRendererEvent, eventTopic: unknown, payload: unknown) => {
      if (eventTopic === topic) listener(payload as Parameters<typeof listener>[0])
    }
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
}

contextBridge.exposeInMainWorld('tierline', bridge)
