import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/ipc/wire'
import type { MainServices } from '../services/main-services'
import { isAppUrl } from './security'

/** Only our window's top frame, showing our own origin, may call services. */
function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | undefined,
  origins: readonly string[],
): boolean {
  const frame = event.senderFrame
  return (
    window !== undefined &&
    !window.isDestroyed() &&
    frame !== null &&
    event.sender === window.webContents &&
    frame === window.webContents.mainFrame &&
    isAppUrl(frame.url, origins)
  )
}

export function bindIpc(
  services: MainServices,
  currentWindow: () => BrowserWindow | undefined,
  origins: readonly string[],
): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) =>
    services.router.dispatch(channel, input, {
      trusted: isTrustedSender(event, currentWindow(), origins),
    }),
  )
  services.events.subscribe((topic, payload) => {
    const window = currentWindow()
    if (window !== undefined && !window.isDestroyed())
      window.webContents.send(EVENT_CHANNEL, topic, payload)
  })
}
