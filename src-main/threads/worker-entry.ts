import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type ResourceLimits } from 'node:worker_threads'

/** How to start one of main's worker threads. */
export interface WorkerEntry {
  /** The worker's file: a built entry beside the main bundle, or its TypeScript source. */
  readonly file: string
  /** For a TypeScript `file`: tsx's ESM loader module and the tsconfig whose paths it resolves. */
  readonly typescript?: { readonly loader: string; readonly tsconfig: string }
}

/**
 * A worker's TypeScript source (`sourceFile`, beside the module `fromUrl` names), loaded through
 * tsx, when that module itself runs from source (vitest, the end-to-end harness under
 * Playwright, `npm run bench`); undefined in a bundle, where the host names the built entry
 * (src-main/electron/index.ts).
 */
export function sourceWorkerEntry(fromUrl: string, sourceFile: string): WorkerEntry | undefined {
  const here = fileURLToPath(fromUrl)
  if (!here.endsWith('.ts')) return undefined
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  return {
    file: join(dirname(here), sourceFile),
    typescript: {
      loader: join(tsx, 'dist', 'esm', 'api', 'index.mjs'),
      // The root tsconfig only references the projects; the `@shared` alias is in the Node one.
      tsconfig: join(projectRoot, 'tsconfig.node.json'),
    },
  }
}

/**
 * A TypeScript entry starts as a small script that registers tsx in the worker thread, then
 * imports the entry: loader flags (`--import`) in a worker's execArgv do not reach its first
 * module on Node 20, and the test runners' own loaders do not reach worker threads at all.
 * The worker never keeps the process alive on its own: its owner decides its lifetime.
 */
export function startWorker(
  entry: WorkerEntry,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const options = { workerData, ...(resourceLimits === undefined ? {} : { resourceLimits }) }
  let worker: Worker
  if (entry.typescript === undefined) worker = new Worker(entry.file, options)
  else {
    const url = (path: string) => JSON.stringify(pathToFileURL(path).href)
    const bootstrap = [
      `import(${url(entry.typescript.loader)})`,
      `.then(({ register }) => { register({ tsconfig: ${JSON.stringify(entry.typescript.tsconfig)} }); return import(${url(entry.file)}) })`,
    ].join('')
    worker = new Worker(bootstrap, { eval: true, ...options })
  }
  worker.unref()
  return worker
}
