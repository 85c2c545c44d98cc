import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './harness/fixtures'

/** Main writes settings.json on the first change; until then there is none (expect.poll does not retry a throw). */
async function readSettingsFile(dataRoot: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(join(dataRoot, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
}

test('the app loads with its shell, workspace name and sync status', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Tierline', level: 1 })).toBeVisible()
  await expect(app.getByTestId('workspace-name')).toHaveText('Demo book')
  await expect(app.getByTestId('sync-status')).toHaveText('Local only')
  await expect(app.getByRole('heading', { name: 'Portfolio', level: 2 })).toBeVisible()
})

test('the navigation bar reaches every settings screen', async ({ app, bridge }) => {
  const nav = app.getByRole('navigation', { name: 'Main navigation' })
  await nav.getByRole('link', { name: 'Data' }).click()
  await expect(app).toHaveURL(/#\/settings\/data$/)
  const folder = bridge.services.workspaces.active().record.folder
  await expect(app.getByTestId('path-workspace folder')).toHaveText(folder)
  await expect(app.getByTestId('database-state')).toHaveText('Ready')

  await app.getByRole('button', { name: 'Show workspace folder' }).click()
  await expect.poll(() => bridge.openedPaths).toEqual([folder])

  await nav.getByRole('link', { name: 'About' }).click()
  const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
  await expect(app.getByTestId('app-version')).toHaveText(packageJson.version)
})

test('the command palette opens with Mod+K and navigates', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Portfolio', level: 2 })).toBeVisible()
  await app.keyboard.press('ControlOrMeta+K')
  const search = app.getByRole('textbox', { name: 'Search screens and commands' })
  await expect(search).toBeFocused()
  await search.fill('about')
  await app.keyboard.press('Enter')
  await expect(app).toHaveURL(/#\/settings\/about$/)
  await expect(app.getByRole('heading', { name: 'About Tierline' })).toBeVisible()
})

test('dark mode is persisted by main in the data folder and survives a reload', async ({
  app,
  bridge,
}) => {
  const html = app.locator('html')
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light')

  await app.getByRole('link', { name: 'Appearance' }).click()
  await app.getByText('Dark', { exact: true }).click()
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark')
  await expect.poll(async () => (await readSettingsFile(bridge.dataRoot))['theme']).toBe('dark')

  await app.reload()
  await expect(app.getByRole('heading', { name: 'Appearance' })).toBeVisible()
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark')

  // The command palette changes it back through the same service.
  await app.keyboard.press('ControlOrMeta+K')
  await app.getByRole('textbox', { name: 'Search screens and commands' }).fill('light theme')
  await app.keyboard.press('Enter')
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light')
  await expect.poll(async () => (await readSettingsFile(bridge.dataRoot))['theme']).toBe('light')
})

test('malformed and unknown calls from the page get typed errors and change nothing', async ({
  app,
  bridge,
}) => {
  await app.getByRole('link', { name: 'Appearance' }).click()
  await app.getByText('Compact', { exact: true }).click()
  await expect
    .poll(async () => (await readSettingsFile(bridge.dataRoot))['density'])
    .toBe('compact')
  const before = await readFile(join(bridge.dataRoot, 'settings.json'), 'utf8')

  const malformed = await app.evaluate(() =>
    // @ts-expect-error -- deliberately outside the contract, as a compromised page might send it
    window.tierline.invoke('settings.set', { theme: 'purple', density: 'compact' }),
  )
  expect(malformed).toMatchObject({
    ok: false,
    error: { code: 'validation', details: { issues: [{ field: 'theme' }] } },
  })
  expect(malformed.ok === false && malformed.error.message).toContain('theme')

  // @ts-expect-error -- not a channel of the contract
  const unknown = await app.evaluate(() => window.tierline.invoke('settings.delete'))
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })

  expect(await readFile(join(bridge.dataRoot, 'settings.json'), 'utf8')).toBe(before)
})

test('the bridge refuses a connection without the run token', async ({ app, bridge }) => {
  const closeCode = await app.evaluate(
    (url) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url)
        socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token: 'guess' }))
        socket.onclose = (event) => resolve(event.code)
      }),
    bridge.socketUrl,
  )
  expect(closeCode).toBe(4401)
})

test('an unknown address shows a way back instead of a blank screen', async ({ app, bridge }) => {
  await app.goto(`${bridge.url}#/no/such/screen`)
  await expect(app.getByRole('heading', { name: 'Nothing here' })).toBeVisible()
  await app.getByRole('link', { name: 'Back to the start' }).click()
  await expect(app.getByRole('heading', { name: 'Portfolio', level: 2 })).toBeVisible()
})
