import { copyFile, readFile } from 'node:fs/promises'

export type JsonFileRead =
  | { readonly state: 'missing' }
  | { readonly state: 'ok'; readonly value: unknown }
  | { readonly state: 'unreadable'; readonly reason: string }

export async function readJsonFile(file: string): Promise<JsonFileRead> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
    throw error
  }
  try {
    return { state: 'ok', value: JSON.parse(text) as unknown }
  } catch (error) {
    return { state: 'unreadable', reason: (error as Error).message }
  }
}

/**
 * Keeps a copy of a file we could not understand before anything replaces it, so a user
 * (or support) can still recover what was in it. Returns the copy's path.
 */
export async function quarantineCopy(file: string, now: Date = new Date()): Promise<string> {
  const copy = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`
  await copyFile(file, copy)
  return copy
}
