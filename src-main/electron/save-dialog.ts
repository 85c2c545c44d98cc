import { dialog, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import type { SaveFileOptions } from '../services/app/app-handlers'

/**
 * The native save dialog, attached to our window when there is one (so it is modal to it), in
 * the user's Documents folder by default. Null when the user cancelled.
 */
export async function chooseSaveFile(
  window: BrowserWindow | undefined,
  documentsFolder: string,
  options: SaveFileOptions,
): Promise<string | null> {
  const dialogOptions = {
    title: options.title,
    defaultPath: join(documentsFolder, options.defaultFileName),
    filters: options.filters.map((filter) => ({
      name: filter.name,
      extensions: [...filter.extensions],
    })),
    properties: ['createDirectory', 'showOverwriteConfirmation'] as const,
  }
  const result =
    window === undefined
      ? await dialog.showSaveDialog({ ...dialogOptions, properties: [...dialogOptions.properties] })
      : await dialog.showSaveDialog(window, {
          ...dialogOptions,
          properties: [...dialogOptions.properties],
        })
  return result.canceled || result.filePath === undefined || result.filePath === ''
    ? null
    : result.filePath
}
