import { defineConfig } from '@playwright/test'
import { existsSync } from 'node:fs'

/**
 * Debian's Chromium when present (Playwright cannot download its own browser everywhere);
 * TIERLINE_CHROMIUM overrides; otherwise Playwright's own build, if it was installed.
 */
const chromium = [process.env['TIERLINE_CHROMIUM'], '/usr/bin/chromium'].find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
)

/** A run with its own TIERLINE_OUT_DIR also keeps its own results, so two runs never clean each other's. */
const resultsRoot = process.env['TIERLINE_OUT_DIR'] ?? '.'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/harness/global-setup.ts',
  outputDir: `${resultsRoot}/test-results`,
  fullyParallel: false,
  // Two spec files at a time: each test spends much of its time waiting on main's services and
  // Chromium, and the suite took 9.4 min one file at a time against 7.0 min two at a time on
  // two cores. The limits allow for a slower machine sharing its cores between two tests.
  workers: 2,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  projects: [
    { name: 'app', testIgnore: '**/sync.spec.ts' },
    // The sync spec's first sync bulk-loads on every core (page workers, server, client), and
    // tests running beside it timed out waiting for the page in fresh-clone CI runs. It runs
    // on its own once the rest are done; ~1 min more than sharing the cores.
    { name: 'sync', testMatch: '**/sync.spec.ts', dependencies: ['app'] },
  ],
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: `${resultsRoot}/playwright-report` }],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium === undefined ? {} : { executablePath: chromium }),
      // The flags keep Chromium from reaching for Google services on a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
