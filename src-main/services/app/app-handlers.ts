import type { AppInfo, WorkspaceSummary } from '@shared/app/app-info'
import type { WorkspaceDatabase } from '../../db/workspace-database'
import type { HandlerMap } from '../ipc/router'

/** What the host (Electron, or the plain-Node test bridge) tells the services about itself. */
export interface HostInfo {
  readonly name: string
  readonly version: string
  readonly runtime: AppInfo['runtime']
}

/** Operating-system actions the services ask the host for; Electron's `shell` in the app. */
export interface DesktopPort {
  openPath(path: string): Promise<void>
}

export function appHandlers(context: {
  readonly host: HostInfo
  readonly dataRoot: string
  readonly workspace: WorkspaceSummary
  readonly database: WorkspaceDatabase
  readonly desktop: DesktopPort
}) {
  return {
    'app.info': (): AppInfo => ({
      name: context.host.name,
      version: context.host.version,
      platform: process.platform,
      arch: process.arch,
      runtime: context.host.runtime,
      dataRoot: context.dataRoot,
      workspace: context.workspace,
      database: context.database.status(),
    }),
    'app.revealDataFolder': async () => {
      await context.desktop.openPath(context.workspace.folder)
      return { opened: context.workspace.folder }
    },
  } satisfies Partial<HandlerMap>
}
