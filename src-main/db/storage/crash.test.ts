import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import type { CrashRow } from './crash-schema'
import { COUNTER_ID, crashRowSchema } from './crash-schema'
import { getRxStorageSqlite, sqliteConnectionOf } from './rx-storage-sqlite'

const KILLS = 60
const LANES = 2

/**
 * The writer is bundled once with esbuild (tsx is built on it, so it is always installed): each
 * of the many child processes then starts in a fraction of the time `node --import tsx` needs,
 * which spends about a second per start compiling the storage and loading all of RxDB.
 */
async function bundleWriter(folder: string): Promise<string> {
  const outfile = join(folder, 'crash-writer.mjs')
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3')
  await build({
    entryPoints: [join(import.meta.dirname, 'crash-writer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: join(import.meta.dirname, '../../../tsconfig.node.json'),
    logLevel: 'error',
    plugins: [
      {
        // The native addon cannot be bundled: load the package from node_modules by path.
        name: 'external-better-sqlite3',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: sqlite,
            external: true,
          }))
        },
      },
    ],
  })
  return outfile
}

interface Run {
  /** Document ids whose bulkWrite() had resolved when the writer printed them. */
  readonly acknowledged: string[]
  /** The counter value of the last acknowledged batch of this run, if any. */
  readonly lastCounter: number | undefined
  readonly stderr: string
}

/** Starts a writer and SIGKILLs it at a random moment: while opening, or mid-stream. */
function runAndKill(script: string, file: string, generation: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, String(generation)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    const kill = () => child.kill('SIGKILL')
    // One run in five dies before the storage has even finished opening the file.
    if (generation % 5 === 0) timer = setTimeout(kill, Math.random() * 150)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout === '' && timer === undefined) {
        timer = setTimeout(kill, Math.random() * 120)
      }
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited on its own (code ${code}): ${stderr}`))
        return
      }
      const acknowledged: string[] = []
      let lastCounter: number | undefined
      // A line cut short by the kill is not an acknowledgement.
      for (const line of stdout.split('\n').slice(0, -1)) {
        const [word, counter, ...ids] = line.split(' ')
        if (word !== 'ack') continue
        lastCounter = Number(counter)
        acknowledged.push(...ids)
      }
      resolve({ acknowledged, lastCounter, stderr })
    })
  })
}

async function verify(
  file: string,
  acknowledged: readonly string[],
  counters: { readonly thisRun: number | undefined; readonly highest: number },
) {
  const storage = getRxStorageSqlite({ fileFor: () => file })
  const instance = await storage.createStorageInstance<CrashRow>({
    databaseInstanceToken: 'verify',
    databaseName: 'crash',
    collectionName: 'rows',
    schema: crashRowSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  })
  try {
    const found = await instance.findDocumentsById([...acknowledged], true)
    expect(found.length).toBe(acknowledged.length)
    const [counter] = await instance.findDocumentsById([COUNTER_ID], true)
    const stored = counter?.counter ?? 0
    expect(stored).toBeGreaterThanOrEqual(counters.highest)
    if (counters.thisRun !== undefined) {
      // The batch after the last acknowledged one may have committed just before the kill.
      expect([counters.thisRun, counters.thisRun + 1]).toContain(stored)
    }
    const db = sqliteConnectionOf(storage, 'crash')
    expect(db?.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    await instance.close()
  }
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${KILLS} kill -9s of the writer`, async () => {
    const folder = await tempDir()
    const script = await bundleWriter(folder)
    const stats = { acknowledged: 0, killedBeforeFirstAck: 0 }
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const file = join(folder, `lane-${lane}.sqlite`)
        const acknowledged: string[] = []
        let highest = 0
        for (let generation = 0; generation < KILLS / LANES; generation++) {
          const run = await runAndKill(script, file, generation)
          expect(run.stderr).toBe('')
          acknowledged.push(...run.acknowledged)
          highest = run.lastCounter ?? highest
          if (run.acknowledged.length === 0) stats.killedBeforeFirstAck++
          await verify(file, acknowledged, { thisRun: run.lastCounter, highest })
        }
        stats.acknowledged += acknowledged.length
      }),
    )
    // The kills must have landed mid-write, not only on idle or unborn processes.
    expect(stats.acknowledged).toBeGreaterThan(KILLS * 5)
    expect(stats.killedBeforeFirstAck).toBeGreaterThan(0)
  }, 120_000)
})
