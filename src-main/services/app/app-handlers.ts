import type { AppInfo } from '@shared/app/app-info'
import type { HandlerMap } from '../ipc/router'
import type { ActiveWorkspace, OpenedDatabase } from '../workspace/workspace-manager'

/** What the host (Electron, or the plain-Node test bridge) tells the services about itself. */
export interface HostInfo {
  readonly name: string
  readonly version: string
  readonly runtime: AppInfo['runtime']
}

/** Operating-system actions the services ask the host for; Electron's `shell` in the app. */
export interface DesktopPort {
  openPath(path: string): Promise<void>
  /**
   * Asks the user where to save a file; the chosen absolute path, or null when they cancelled.
   * Hosts without a dialog (demo template builder, benches) leave it out and exports say so.
   */
  chooseSaveFile?(options: SaveFileOptions): Promise<string | null>
}

export interface SaveFileOptions {
  readonly title: string
  readonly defaultFileName: string
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[]
}

export function appHandlers(context: {
  readonly host: HostInfo
  readonly dataRoot: string
  readonly active: () => Promise<ActiveWorkspace<OpenedDatabase>>
  readonly desktop: DesktopPort
}) {
  return {
    'app.info': async (): Promise<AppInfo> => {
      const { record, database } = await context.active()
      return {
        name: context.host.name,
        version: context.host.version,
        platform: process.platform,
        arch: process.arch,
        runtime: context.host.runtime,
        dataRoot: context.dataRoot,
        workspace: { id: record.id, name: record.name, folder: record.folder },
        database: database.status(),
      }
    },
    'app.revealDataFolder': async () => {
      const { folder } = (await context.active()).record
      await context.desktop.openPath(folder)
      return { opened: folder }
    },
  } satisfies Partial<HandlerMap>
}
