import { BrowserWindow, screen } from 'electron'
import { minimumWindowSize, placeWindow, type WindowPlacement } from '@shared/app/window-bounds'
import type { WindowStateStore } from '../services/window-state/window-state-store'

export async function createMainWindow(options: {
  readonly preload: string
  readonly url: string
  readonly windowState: WindowStateStore
}): Promise<BrowserWindow> {
  const remembered = await options.windowState.load()
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea)
  const placement = placeWindow(remembered, workAreas)

  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    title: 'Tierline',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: true,
    },
  })
  if (placement.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  rememberPlacement(window, options.windowState)
  await window.loadURL(options.url)
  return window
}

function rememberPlacement(window: BrowserWindow, store: WindowStateStore): void {
  let timer: NodeJS.Timeout | undefined
  const save = () => {
    if (window.isDestroyed() || window.isMinimized()) return
    const placement: WindowPlacement = {
      // Normal bounds, so un-maximising next time returns to the size the user chose.
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    }
    void store.save(placement)
  }
  const saveSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}
