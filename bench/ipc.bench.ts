import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMainServices } from '../src-main/services/main-services'
import { round2, timePerOperation } from './measure'

/**
 * What the IPC router (sender check, channel lookup, zod validation, result envelope) costs on
 * top of calling the service directly. Baseline: `settings.get()` on the same store.
 */
export async function run(): Promise<Record<string, unknown>> {
  const dataRoot = await mkdtemp(join(tmpdir(), 'tierline-bench-'))
  try {
    const services = await createMainServices({
      dataRoot,
      host: { name: 'Tierline', version: 'bench', runtime: { node: process.versions.node } },
      desktop: { openPath: async () => undefined },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      demoBook: { accounts: 3, tickets: 20 },
    })
    await services.ready
    const operations = 20_000
    const direct = await timePerOperation(() => services.settings.get(), { operations })
    const routed = await timePerOperation(
      () => services.router.dispatch('settings.get', undefined, { trusted: true }),
      { operations },
    )
    const invalid = await timePerOperation(
      () => services.router.dispatch('settings.set', { theme: 'purple' }, { trusted: true }),
      { operations: 5_000 },
    )
    await services.close()
    return {
      bench: 'ipc',
      routedVsDirect: round2(routed / direct),
      routedMicroseconds: round2(routed * 1000),
      rejectedMicroseconds: round2(invalid * 1000),
      operations,
    }
  } finally {
    await rm(dataRoot, { recursive: true, force: true })
  }
}
