import { test as base, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { installTierlineBridge } from './bridge-client'
import { startTestBridge, type TestBridge } from './bridge-server'

const projectRoot = resolve(import.meta.dirname, '../../..')
const version = (
  JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version

export const rendererRoot = resolve(projectRoot, 'out/renderer')

/**
 * `bridge`: real main-process services on a fresh data folder for each test.
 * `page`: Chromium with `window.tierline` wired to that bridge; uncaught page errors fail the test.
 */
export const test = base.extend<{ bridge: TestBridge; app: Page }>({
  bridge: async ({}, use, testInfo) => {
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
