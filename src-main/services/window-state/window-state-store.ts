import { join } from 'node:path'
import { z } from 'zod'
import type { WindowPlacement } from '@shared/app/window-bounds'
import { writeJsonAtomic } from '../fs/atomic-file'
import { readJsonFile } from '../fs/json-file'

export const WINDOW_STATE_FILE = 'window-state.json'

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
const placementSchema = z.object({ bounds: rectSchema, maximized: z.boolean() })

export interface WindowStateStore {
  /** The last saved placement, or undefined on first run or when the file is unusable. */
  load(): Promise<WindowPlacement | undefined>
  save(placement: WindowPlacement): Promise<void>
}

export function createWindowStateStore(dataRoot: string): WindowStateStore {
  const file = join(dataRoot, WINDOW_STATE_FILE)
  return {
    async load() {
      const read = await readJsonFile(file)
      if (read.state !== 'ok') return undefined
      const parsed = placementSchema.safeParse(read.value)
      // A bad window-state file only costs the user their window position: use defaults.
      return parsed.success ? parsed.data : undefined
    },
    save: (placement) => writeJsonAtomic(file, placementSchema.parse(placement)),
  }
}
