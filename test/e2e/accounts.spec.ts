import { expect, test } from './harness/fixtures'

test('the demo book is listed, filtered by tier, searched and sorted', async ({ app, bridge }) => {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  const accounts = await rx.accounts.find({ selector: { archived: false } }).exec()
  expect(accounts.length).toBeGreaterThanOrEqual(250)

  await expect(app.getByRole('heading', { name: 'Portfolio', level: 2 })).toBeVisible()
  await expect(app.getByTestId('accounts-total')).toHaveText(`${accounts.length} accounts`)
  // The table is virtualised: only the rows in view (and a few more) are in the page.
  await expect(app.getByTestId('account-row').first()).toBeVisible()
  const rendered = await app.getByTestId('account-row').count()
  expect(rendered).toBeGreaterThanOrEqual(10)
  expect(rendered).toBeLessThan(accounts.length)

  // Filter to one tier: the count matches the database.
  const enterprise = (await rx.tiers.find({ selector: { key: 'enterprise' } }).exec())[0]
  if (enterprise === undefined) throw new Error('the demo book has no Enterprise tier')
  const enterpriseCount = accounts.filter((account) => account.tierId === enterprise.tierId).length
  await app.getByRole('combobox', { name: 'Tier' }).click()
  await app.getByRole('option', { name: 'Enterprise' }).click()
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('accounts-total')).toHaveText(`${enterpriseCount} accounts`)

  // Sort by ARR, largest first: the first row is the largest Enterprise account.
  const arr = app.getByRole('columnheader', { name: 'ARR' }).getByRole('button')
  await arr.click()
  await arr.click()
  const largest = accounts
    .filter((account) => account.tierId === enterprise.tierId)
    .sort((a, b) => b.arrReportingMinor - a.arrReportingMinor)[0]
  await expect(app.getByTestId('account-row').first()).toContainText(largest?.name ?? '')

  // Search (with the tier filter still on) narrows to accounts whose name contains the text.
  const target = accounts.filter((account) => account.tierId === enterprise.tierId)[2]
  if (target === undefined) throw new Error('the demo book has too few Enterprise accounts')
  await app.getByLabel('Search').fill(target.name)
  await expect(app.getByTestId('account-row').first()).toContainText(target.name)
  for (const name of await app
    .getByTestId('account-row')
    .locator('td:first-child')
    .allTextContents()) {
    expect(name.toLowerCase()).toContain(target.name.toLowerCase())
  }
})

test('an account opens from the table with its tier, contacts and ticket history', async ({
  app,
  bridge,
}) => {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  await expect(app.getByTestId('account-row').first()).toBeVisible()
  // A-Z, so the first row is the same account on every run.
  await app.getByRole('columnheader', { name: 'Account', exact: true }).getByRole('button').click()
  const firstName =
    (await app.getByTestId('account-row').first().locator('td').first().textContent()) ?? ''
  const account = (await rx.accounts.find({ selector: { name: firstName } }).exec())[0]
  if (account === undefined) throw new Error(`no account named ${firstName}`)
  const tier = await rx.tiers.findOne(account.tierVersionId).exec()

  // Keyboard: focus the first row and open it with Enter.
  await app.getByTestId('account-row').first().focus()
  await app.keyboard.press('Enter')
  await expect(app).toHaveURL(new RegExp(`#/accounts/${account.id}$`))
  await expect(app.getByRole('heading', { name: account.name, level: 2 })).toBeVisible()
  await expect(
    app.getByText(`${tier?.name} (version ${tier?.version})`, { exact: true }),
  ).toBeVisible()

  const contacts = await rx.contacts.find({ selector: { accountId: account.id } }).exec()
  await expect(app.getByRole('table', { name: 'Contacts' }).getByRole('row')).toHaveCount(
    contacts.length,
  )

  await app.getByText('All', { exact: true }).click()
  const tickets = await rx.tickets
    .find({ selector: { accountId: account.id }, sort: [{ createdAt: 'desc' }] })
    .exec()
  const newest = tickets[0]
  if (newest === undefined) throw new Error('this account has no tickets')
  // The ticket list's entry (the SLA panel lists open tickets too).
  await app.getByRole('button', { name: new RegExp(`#${newest.number} `) }).click()
  // Closed tickets' panels stay in the page, hidden: look in the opened one.
  await expect(
    app
      .getByRole('region', { name: new RegExp(`#${newest.number} `) })
      .getByText(`created · ${newest.events[0]?.actor.name}`),
  ).toBeVisible()
})
