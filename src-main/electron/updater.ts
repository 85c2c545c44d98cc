import { app } from 'electron'
import electronUpdater from 'electron-updater'
import type { Logger } from '../services/log/logger'

/**
 * Checks the generic update feed that electron-builder's `publish` section wrote into the
 * packaged app (app-update.yml). Development builds and unpackaged runs have no feed.
 */
export function startAutoUpdate(log: Logger): void {
  if (!app.isPackaged) return
  const { autoUpdater } = electronUpdater
  autoUpdater.logger = null
  autoUpdater.on('error', (error) => log.warn('update check failed', { message: error.message }))
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    log.warn('update check failed', { message: (error as Error).message })
  })
}
