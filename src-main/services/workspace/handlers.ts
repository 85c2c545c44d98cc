import type { WorkspaceSummary } from '@shared/app/app-info'
import type { HandlerMap } from '../ipc/router'
import type { WorkspaceRecord } from './workspace-folder'
import type { OpenedDatabase, WorkspaceManager } from './workspace-manager'

const summaryOf = ({ id, name, folder }: WorkspaceRecord): WorkspaceSummary => ({
  id,
  name,
  folder,
})

export function workspaceHandlers<D extends OpenedDatabase>(workspaces: WorkspaceManager<D>) {
  return {
    'workspaces.list': () => workspaces.list(),
    'workspaces.create': async (input) => summaryOf(await workspaces.create(input)),
    'workspaces.open': async ({ id }) => summaryOf(await workspaces.open(id)),
    'workspaces.rename': async ({ id, name }) => summaryOf(await workspaces.rename(id, name)),
    'workspaces.delete': async ({ id, confirmName }) => {
      await workspaces.remove(id, confirmName)
      return null
    },
    'workspaces.backup': () => workspaces.backup(),
    'workspaces.backups': ({ id }) => workspaces.backups(id),
    'workspaces.restore': ({ id, backupId }) => workspaces.restore(id, backupId),
  } satisfies Partial<HandlerMap>
}
