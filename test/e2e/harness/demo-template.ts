import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMainServices } from '../../../src-main/services/main-services'

/** Where global setup leaves a data root holding the full demo book, for tests to copy. */
export const TEMPLATE_ENV = 'TIERLINE_E2E_TEMPLATE'

/**
 * Loads the real demo book (300 accounts, 30,000 tickets) once per run through the same
 * services the app uses; each test then starts from its own copy, so tests never share state
 * and none waits for the book to be generated again.
 */
export async function createDemoTemplate(): Promise<string> {
  const dataRoot = await mkdtemp(join(tmpdir(), 'tierline-e2e-template-'))
  const services = await createMainServices({
    dataRoot,
    host: { name: 'Tierline', version: 'template', runtime: { node: process.versions.node } },
    desktop: { openPath: async () => undefined },
    log: { info: () => undefined, warn: () => undefined, error: console.error },
  })
  await services.ready
  // Settle the engines' alerts here, once, so every test starts from the inbox the app would
  // show (closing does not wait for a refresh still computing its plan).
  const refreshed = await services.router.dispatch('alerts.refresh', undefined, { trusted: true })
  if (!refreshed.ok) throw new Error(`alerts refresh failed: ${refreshed.error.message}`)
  await services.close()
  return dataRoot
}

export async function copyTemplate(template: string, dataRoot: string): Promise<void> {
  await cp(template, dataRoot, { recursive: true })
}
