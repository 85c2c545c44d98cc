import { join } from 'node:path'
import { z } from 'zod'
import { idSchema } from '@shared/model/primitives'
import { writeJsonAtomic } from '../fs/atomic-file'
import { readJsonFile } from '../fs/json-file'

/** Beside the workspace's database: the choice belongs to this workspace on this machine. */
export const ACTING_AS_FILE = 'acting-as.json'

const actingAsSchema = z.strictObject({ version: z.literal(1), userId: idSchema })

/**
 * Whom a local workspace acts as ("me"), chosen in the acting-as picker. A missing or
 * unreadable file means no choice (the default user); it is only a preference, so a broken
 * one is ignored rather than refusing to open the workspace.
 */
export function createActingAsStore(folder: () => Promise<string>) {
  return {
    async read(): Promise<string | null> {
      const read = await readJsonFile(join(await folder(), ACTING_AS_FILE))
      if (read.state !== 'ok') return null
      const parsed = actingAsSchema.safeParse(read.value)
      return parsed.success ? parsed.data.userId : null
    },
    async write(userId: string): Promise<void> {
      await writeJsonAtomic(join(await folder(), ACTING_AS_FILE), { version: 1, userId })
    },
  }
}

export type ActingAsStore = ReturnType<typeof createActingAsStore>
