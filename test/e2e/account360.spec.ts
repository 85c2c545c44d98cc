import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { AccountLedgerView } from '../../src-shared/ledger/ledger-queries'
import type { Activity } from '../../src-shared/model/activity'
import type { CurrentUser } from '../../src-shared/session/current-user'
import type { TestBridge } from './harness/bridge-server'
import { expect, test } from './harness/fixtures'

// Each test opens Account 360, whose first paint computes health, ledger and SLA engines on the
// demo book; on a shared CI machine that can take a while, so these tests get more time.
test.describe.configure({ timeout: 120_000 })

const rxOf = async (bridge: TestBridge) =>
  (await bridge.services.workspaces.current()).database.rx()

/** "Me", asked through the same router the page uses. */
async function currentUser(bridge: TestBridge): Promise<CurrentUser> {
  const result = await bridge.services.router.dispatch('session.currentUser', undefined, {
    trusted: true,
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value as CurrentUser
}

/** The first account (A–Z) owned by the current user: where a CSM would write notes. */
async function myAccount(bridge: TestBridge) {
  const me = await currentUser(bridge)
  const rx = await rxOf(bridge)
  const [account] = await rx.accounts
    .find({ selector: { ownerId: me.id, archived: false }, sort: [{ nameKey: 'asc' }], limit: 1 })
    .exec()
  if (account === undefined) throw new Error('the current user owns no account')
  return { me, account, rx }
}

async function openAccount(app: Page, bridge: TestBridge, id: string, name: string) {
  await app.goto(`${bridge.url}#/accounts/${id}`)
  // The first open of an account computes its engines (health, ledger, SLA): allow for a busy machine.
  await expect(app.getByRole('heading', { name, level: 2 })).toBeVisible({ timeout: 20_000 })
}

const timeline = (app: Page) => app.getByRole('region', { name: 'Timeline' })
const entryWithText = (app: Page, text: string) =>
  timeline(app).getByTestId('timeline-entry').filter({ hasText: text })

async function seriousViolations(app: Page) {
  const results = await new AxeBuilder({ page: app }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id}: ${node.target.join(' ')} — ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 220)}`,
      ),
    )
}

test('a note is added, survives a reload, is edited, deleted and restored with Undo', async ({
  app,
  bridge,
}) => {
  const { me, account, rx } = await myAccount(bridge)
  await openAccount(app, bridge, account.id, account.name)
  const body = `Sponsor moved to **EMEA**; renewal owner is now [Dana](javascript:alert(1)). <script>alert(1)</script>`

  const form = app.getByRole('form', { name: 'Add a note' })
  await form.getByLabel('Title').fill('Sponsor change')
  await form.getByLabel('Note (Markdown)').fill(body)
  await form.getByRole('button', { name: 'Save note' }).click()
  await expect(entryWithText(app, 'Sponsor change')).toBeVisible()
  // The fields empty only once main confirmed the write.
  await expect(form.getByLabel('Note (Markdown)')).toHaveValue('')

  await app.reload()
  const entry = entryWithText(app, 'Sponsor change')
  await expect(entry).toBeVisible({ timeout: 20_000 })
  // Markdown is rendered (bold), raw HTML is not: no script element inside the note.
  await expect(entry.locator('strong')).toHaveText('EMEA')
  await expect(entry.locator('script')).toHaveCount(0)
  // …and a javascript: link loses its target.
  await expect(entry.getByText('Dana')).toBeVisible()
  await expect(entry.locator('a[href^="javascript"]')).toHaveCount(0)

  const stored = (
    await rx.activities
      .find({ selector: { accountId: account.id, title: 'Sponsor change' } })
      .exec()
  ).map((doc) => doc.toJSON() as Activity)
  expect(stored).toHaveLength(1)
  expect(stored[0]).toMatchObject({ kind: 'note', authorId: me.id, bodyMarkdown: body })
  const noteId = stored[0]?.id ?? ''

  // Edit.
  await entry.getByRole('button', { name: 'Edit Sponsor change' }).click()
  await entry.getByLabel('Text (Markdown)').fill('Sponsor moved to *APAC* instead.')
  await entry.getByRole('button', { name: 'Save changes' }).click()
  await expect(entry.locator('em')).toHaveText('APAC')
  await expect
    .poll(async () => (await rx.activities.findOne(noteId).exec())?.bodyMarkdown)
    .toBe('Sponsor moved to *APAC* instead.')

  // Delete, then Undo restores the document.
  await entry.getByRole('button', { name: 'Delete Sponsor change' }).click()
  await expect(entryWithText(app, 'Sponsor change')).toHaveCount(0)
  await expect.poll(async () => rx.activities.findOne(noteId).exec()).toBeNull()
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(entryWithText(app, 'Sponsor change')).toBeVisible()
  await expect
    .poll(async () => (await rx.activities.findOne(noteId).exec())?.bodyMarkdown)
    .toBe('Sponsor moved to *APAC* instead.')
})

test('an empty note is refused with a readable error and nothing is written', async ({
  app,
  bridge,
}) => {
  const { me, account, rx } = await myAccount(bridge)
  await openAccount(app, bridge, account.id, account.name)
  const before = await rx.activities.count({ selector: { accountId: account.id } }).exec()
  const form = app.getByRole('form', { name: 'Add a note' })
  await form.getByLabel('Note (Markdown)').fill('   ')
  await form.getByRole('button', { name: 'Save note' }).click()
  await expect(form.getByText('A note needs some text')).toBeVisible()
  expect(await rx.activities.count({ selector: { accountId: account.id } }).exec()).toBe(before)
  // Someone else's note offers no edit or delete.
  const theirs = (
    await rx.activities.find({ selector: { accountId: account.id, kind: 'note' } }).exec()
  ).find((doc) => doc.authorId !== me.id)
  if (theirs !== undefined) {
    await app.getByRole('combobox', { name: 'Show in timeline' }).click()
    await app.getByRole('option', { name: 'Notes' }).click()
    const row = entryWithText(app, theirs.title).first()
    await expect(row).toBeVisible()
    await expect(row.getByRole('button', { name: /^Edit / })).toHaveCount(0)
  }
})

test('a check-in is logged with its sentiment and NPS', async ({ app, bridge }) => {
  const { me, account, rx } = await myAccount(bridge)
  await openAccount(app, bridge, account.id, account.name)
  await timeline(app).getByRole('tab', { name: 'Check-in' }).click()
  const form = app.getByRole('form', { name: 'Log a check-in' })
  await form.getByText('Negative', { exact: true }).click()
  await form.getByLabel('NPS (0–10)').fill('3')
  await form.getByLabel('Summary (Markdown)').fill('Unhappy with last week’s outage.')
  await form.getByRole('button', { name: 'Log check-in' }).click()
  const entry = entryWithText(app, 'Unhappy with last week’s outage.')
  await expect(entry).toBeVisible()
  await expect(entry.getByText('NPS 3')).toBeVisible()
  const stored = await rx.activities
    .find({ selector: { accountId: account.id, kind: 'check-in', authorId: me.id } })
    .exec()
  expect(stored.map((doc) => doc.toJSON() as Activity)).toContainEqual(
    expect.objectContaining({ sentiment: 'negative', nps: 3 }),
  )
})

test('logging usage writes a ledger entry and the used-vs-entitled figure follows', async ({
  app,
  bridge,
}) => {
  const rx = await rxOf(bridge)
  const versions = new Map((await rx.tiers.find().exec()).map((doc) => [doc.id, doc]))
  const account = (
    await rx.accounts.find({ selector: { archived: false }, sort: [{ nameKey: 'asc' }] }).exec()
  ).find(
    (doc) =>
      (versions.get(doc.tierVersionId)?.definition.entitlements.tamHoursPerMonth ?? 0) > 0 &&
      doc.customTerms.length === 0,
  )
  if (account === undefined) throw new Error('no account with TAM hours')
  const before = await bridge.services.router.dispatch(
    'ledger.forAccount',
    { accountId: account.id },
    { trusted: true },
  )
  if (!before.ok) throw new Error(before.error.message)
  const month = new Date().toISOString().slice(0, 7)
  const line = (before.value as AccountLedgerView).lines.find(
    (l) => l.item === 'tamHours' && l.period.label === month,
  )
  if (line === undefined) throw new Error('no TAM-hour line for this month')

  await openAccount(app, bridge, account.id, account.name)
  const panel = app.getByRole('region', { name: 'Entitlements' })
  const tamRow = panel.locator('[data-testid="entitlement-line"][data-item="tamHours"]')
  await expect(tamRow.getByTestId('entitlement-used')).toHaveText(
    `${line.consumed} / ${line.available}`,
  )
  const form = panel.getByRole('form', { name: 'Log usage' })
  await form.getByLabel('Hours').fill('1.5')
  await form.getByLabel('What was delivered').fill('Roadmap deep-dive')
  await form.getByRole('button', { name: 'Log usage' }).click()
  await expect(tamRow.getByTestId('entitlement-used')).toHaveText(
    `${line.consumed + 1.5} / ${line.available}`,
  )
  const entries = await rx.ledgerEntries
    .find({ selector: { accountId: account.id, description: 'Roadmap deep-dive' } })
    .exec()
  expect(entries.map((doc) => doc.toJSON())).toEqual([
    expect.objectContaining({ entitlement: 'tamHours', quantity: 1.5, period: month }),
  ])

  // Without saying what was delivered, the entry is refused with the reason; nothing is written.
  const count = () => rx.ledgerEntries.count({ selector: { accountId: account.id } }).exec()
  const entriesBefore = await count()
  await form.getByLabel('What was delivered').fill('   ')
  await form.getByRole('button', { name: 'Log usage' }).click()
  await expect(form.getByRole('alert')).toContainText('Say what was delivered')
  expect(await count()).toBe(entriesBefore)
})

test('Account 360 has no serious or critical accessibility violations, light or dark', async ({
  app,
  bridge,
}) => {
  // axe walks the whole page (SLA tables, charts, timeline) twice.
  test.setTimeout(180_000)
  const { account } = await myAccount(bridge)
  await openAccount(app, bridge, account.id, account.name)
  await expect(timeline(app).getByTestId('timeline-entry').first()).toBeVisible()
  await expect(app.getByRole('region', { name: 'Usage' }).locator('svg').first()).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])

  const result = await bridge.services.router.dispatch(
    'settings.set',
    { theme: 'dark' },
    { trusted: true },
  )
  expect(result.ok).toBe(true)
  await expect(app.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  expect(await seriousViolations(app)).toEqual([])
})
