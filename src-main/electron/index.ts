import { app, BrowserWindow, dialog, Menu, shell } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sqliteNativeBinding } from '../db/native-binding'
import { createConsoleLogger } from '../services/log/logger'
import { createMainServices, type MainServices } from '../services/main-services'
import { createWindowStateStore } from '../services/window-state/window-state-store'
import { bindIpc } from './ipc'
import { buildApplicationMenu } from './menu'
import { chooseSaveFile } from './save-dialog'
import { createSafeTokenStore } from './safe-token-store'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol'
import { appOrigins, hardenWebContents } from './security'
import { createMainWindow } from './window'
import { startAutoUpdate } from './updater'

const log = createConsoleLogger('electron')
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const origins = appOrigins(devServerUrl, APP_ORIGIN)
let mainWindow: BrowserWindow | undefined
let services: MainServices | undefined

registerAppScheme()
// A separate data root for tests and portable installs; everything else uses userData.
const dataRootOverride = process.env['TIERLINE_DATA_ROOT']
if (dataRootOverride !== undefined && dataRootOverride !== '')
  app.setPath('userData', dataRootOverride)

if (!app.requestSingleInstanceLock()) {
  // Another Tierline owns the data folder (and its database lock): hand over to it.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void services?.close())
  app.whenReady().then(start, (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    log.error('Tierline failed to start', { error: message })
    dialog.showErrorBox('Tierline could not start', message)
    app.exit(1)
  })
}

async function start(): Promise<void> {
  hardenWebContents(origins)
  const dataRoot = app.getPath('userData')
  services = await createMainServices({
    dataRoot,
    syncTokens: createSafeTokenStore(dataRoot, log),
    host: {
      name: app.getName(),
      version: app.getVersion(),
      runtime: {
        node: process.versions.node,
        electron: process.versions.electron,
        chrome: process.versions.chrome,
      },
    },
    desktop: {
      openPath: async (path) => {
        const failure = await shell.openPath(path)
        if (failure !== '') throw new Error(failure)
      },
      chooseSaveFile: (options) => chooseSaveFile(mainWindow, app.getPath('documents'), options),
    },
    // Built beside this bundle as its own entry (electron.vite.config.ts).
    engineWorker: { file: join(dirname(fileURLToPath(import.meta.url)), 'engine-worker.js') },
    syncPageWorker: { file: join(dirname(fileURLToPath(import.meta.url)), 'sync-page-worker.js') },
    sqliteNativeBinding: sqliteNativeBinding({
      electron: true,
      packaged: app.isPackaged,
      appRoot: app.getAppPath(),
      resourcesPath: process.resourcesPath,
    }),
    log,
  })
  const activeServices = services
  serveRenderer(join(import.meta.dirname, '../renderer'))
  bindIpc(activeServices, () => mainWindow, origins)

  const windowState = createWindowStateStore(dataRoot)
  const openWindow = async () => {
    mainWindow = await createMainWindow({
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      url: devServerUrl ?? `${APP_ORIGIN}/`,
      windowState,
    })
    mainWindow.on('closed', () => (mainWindow = undefined))
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow()
  })

  Menu.setApplicationMenu(
    buildApplicationMenu({
      appName: app.getName(),
      isDevelopment: !app.isPackaged,
      navigate: (to) => activeServices.events.publish('app.navigate', { to }),
    }),
  )
  await openWindow()
  startAutoUpdate(log)
}
