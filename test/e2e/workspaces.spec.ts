import { access } from 'node:fs/promises'
import { expect, test } from './harness/fixtures'

test('create, switch, rename and delete workspaces, with confirmation', async ({ app, bridge }) => {
  await app.goto(`${bridge.url}#/settings/workspaces`)
  await app.getByRole('button', { name: 'New workspace' }).click()
  const dialog = app.getByRole('dialog', { name: 'New workspace' })
  await dialog.getByLabel('Name').fill('   ')
  await dialog.getByRole('button', { name: 'Create and open' }).click()
  await expect(dialog.getByText('must not be empty')).toBeVisible()

  await dialog.getByLabel('Name').fill('EMEA renewals')
  await dialog.getByRole('button', { name: 'Create and open' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.getByTestId('workspace-name')).toHaveText('EMEA renewals')
  expect(bridge.services.workspaces.active().record.name).toBe('EMEA renewals')

  const row = app.getByTestId('workspace-row-EMEA renewals')
  await row.getByRole('button', { name: 'More actions for EMEA renewals' }).click()
  await app.getByRole('menuitem', { name: 'Rename' }).click()
  const rename = app.getByRole('dialog', { name: 'Rename workspace' })
  await rename.getByLabel('Name').fill('EMEA book')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(app.getByTestId('workspace-name')).toHaveText('EMEA book')

  // Switch back through the header's workspace menu, then delete the other one.
  await app.getByTestId('workspace-name').click()
  await app.getByRole('menuitem', { name: 'Demo book' }).click()
  await expect(app.getByTestId('workspace-name')).toHaveText('Demo book')

  await app
    .getByTestId('workspace-row-EMEA book')
    .getByRole('button', { name: 'More actions for EMEA book' })
    .click()
  await app.getByRole('menuitem', { name: 'Delete…' }).click()
  const confirm = app.getByRole('dialog', { name: 'Delete workspace' })
  const deleteButton = confirm.getByRole('button', { name: 'Delete workspace' })
  await expect(deleteButton).toBeDisabled()
  await confirm.getByLabel('Type "EMEA book" to confirm').fill('EMEA book')
  await deleteButton.click()
  await expect(app.getByTestId('workspace-row-EMEA book')).toHaveCount(0)
  expect((await bridge.services.workspaces.list()).map((item) => item.name)).toEqual(['Demo book'])
})

test('back up the open workspace and restore the backup', async ({ app, bridge }) => {
  await app.goto(`${bridge.url}#/settings/workspaces`)
  const backups = app.getByLabel('Backups of Demo book')
  await expect(backups.getByText('No backups yet.')).toBeVisible()
  await backups.getByRole('button', { name: 'Back up now' }).click()
  // The copy runs while the just-opened workspace's first alerts refresh is writing, which
  // SQLite's online backup has to follow: allow a slow machine more than the default 5 s.
  await expect(app.getByText('Backup made')).toBeVisible({ timeout: 30_000 })
  await expect(backups.getByRole('row')).toHaveCount(2)

  await backups.getByRole('button', { name: 'Restore' }).click()
  const dialog = app.getByRole('dialog', { name: 'Restore backup' })
  await dialog.getByRole('button', { name: 'Restore' }).click()
  await expect(app.getByText('Backup restored')).toBeVisible({ timeout: 30_000 })
  const { record } = bridge.services.workspaces.active()
  const [backup] = await bridge.services.workspaces.backups(record.id)
  expect(backup).toBeDefined()
  await expect(access(`${record.folder}/tierline.sqlite`)).resolves.toBeUndefined()
})
