import { mkdir } from 'node:fs/promises'
import { openWorkspaceDatabase } from '../db/workspace-database'
import { appHandlers, type DesktopPort, type HostInfo } from './app/app-handlers'
import { createEventBus, type EventBus } from './events/event-bus'
import { createRouter, type Router } from './ipc/router'
import { createConsoleLogger, type Logger } from './log/logger'
import { settingsHandlers } from './settings/handlers'
import { openSettingsStore, type SettingsStore } from './settings/settings-store'
import { workspaceHandlers } from './workspace/handlers'
import {
  createWorkspaceManager,
  type OpenedDatabase,
  type WorkspaceManager,
} from './workspace/workspace-manager'

export interface MainServicesOptions {
  /** Root of everything Tierline stores: Electron's userData path in the app. */
  readonly dataRoot: string
  readonly host: HostInfo
  readonly desktop: DesktopPort
  /** Electron-ABI build of better-sqlite3; undefined in plain Node. */
  readonly sqliteNativeBinding?: string
  readonly log?: Logger
}

export interface MainServices {
  readonly router: Router
  readonly events: EventBus
  readonly settings: SettingsStore
  readonly workspaces: WorkspaceManager<OpenedDatabase>
  close(): Promise<void>
}

/**
 * Builds every main-process service and the IPC router over them. The Electron app and the
 * end-to-end bridge both call this, so tests exercise exactly what ships.
 */
export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const log = options.log ?? createConsoleLogger('main')
  await mkdir(options.dataRoot, { recursive: true })
  const events = createEventBus()
  const settings = await openSettingsStore({ dataRoot: options.dataRoot, events, log })
  const workspaces = createWorkspaceManager({
    dataRoot: options.dataRoot,
    events,
    log,
    openDatabase: (_record, file) => openWorkspaceDatabase(file, options.sqliteNativeBinding),
    ...(options.sqliteNativeBinding === undefined
      ? {}
      : { sqliteNativeBinding: options.sqliteNativeBinding }),
  })
  await workspaces.start()

  const router = createRouter(
    {
      ...appHandlers({
        host: options.host,
        dataRoot: options.dataRoot,
        active: workspaces.active,
        desktop: options.desktop,
      }),
      ...settingsHandlers(settings),
      ...workspaceHandlers(workspaces),
    },
    log,
  )

  return {
    router,
    events,
    settings,
    workspaces,
    close: () => workspaces.close(),
  }
}
