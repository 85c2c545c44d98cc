import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadDemoBook } from '../src-main/db/demo-loader'
import { generateDemoBook } from '../src-main/db/seed/demo-book'
import { openWorkspaceStore } from '../src-main/db/workspace-store'
import { round2 } from './measure'

/**
 * Loads the benchmark-sized demo book (2,000 accounts, 200,000 tickets) into a fresh workspace
 * database through validation and RxDB, against generating the same book alone (the baseline,
 * same process): what writing costs on top of producing the documents.
 */
export async function run(): Promise<Record<string, unknown>> {
  const folder = await mkdtemp(join(tmpdir(), 'tierline-bench-load-'))
  try {
    const generateStart = performance.now()
    let generated = 0
    for (const batch of generateDemoBook({ size: 'benchmark' })) generated += batch.docs.length
    const generateSeconds = (performance.now() - generateStart) / 1000

    const store = await openWorkspaceStore({
      file: join(folder, 'tierline.sqlite'),
      log: { info: () => undefined, warn: () => undefined, error: console.error },
      onChange: () => undefined,
    })
    const loadStart = performance.now()
    const { documents } = await loadDemoBook(store.rx(), { size: 'benchmark' })
    const loadSeconds = (performance.now() - loadStart) / 1000
    const tickets = await store.rx().tickets.count().exec()
    const accounts = await store.rx().accounts.count().exec()
    const status = store.status()
    await store.close()
    return {
      bench: 'load',
      loadVsGenerate: round2(loadSeconds / generateSeconds),
      loadSeconds: round2(loadSeconds),
      generateSeconds: round2(generateSeconds),
      documents,
      generated,
      accounts,
      tickets,
      megabytes: status.state === 'ready' ? Math.round(status.sizeBytes / 1_048_576) : null,
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
