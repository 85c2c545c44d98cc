import { test as base, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { installTierlineBridge } from './bridge-client'
import { startTestBridge, type TestBridge } from './bridge-server'
import { copyTemplate, TEMPLATE_ENV } from './demo-template'

const projectRoot = resolve(import.meta.dirname, '../../..')
const version = (
  JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version

/** Same TIERLINE_OUT_DIR as electron.vite.config.ts: the build this run serves. */
export const rendererRoot = resolve(
  projectRoot,
  process.env['TIERLINE_OUT_DIR'] ?? 'out',
  'renderer',
)

/**
 * `bridge`: real main-process services on each test's own copy of the demo book.
 * `page`: Chromium with `window.tierline` wired to that bridge; uncaught page errors fail the test.
 */
export const test = base.extend<{ bridge: TestBridge; app: Page }>({
  bridge: async ({}, use, testInfo) => {
    const template = process.env[TEMPLATE_ENV]
    if (template === undefined) throw new Error('global setup did not prepare the demo book')
    await copyTemplate(template, testInfo.outputPath('data'))
    const bridge = await startTestBridge({
      dataRoot: testInfo.outputPath('data'),
      rendererRoot,
      version,
    })
    await use(bridge)
    await bridge.close()
  },
  app: async ({ page, bridge }, use) => {
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.addInitScript(installTierlineBridge, { url: bridge.socketUrl, token: bridge.token })
    await page.goto(bridge.url)
    await use(page)
    expect(pageErrors, 'uncaught errors in the page').toEqual([])
  },
})

export { expect }
