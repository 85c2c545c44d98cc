import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { formatMoney } from '../../src-shared/format/money'
import type { Account } from '../../src-shared/model/account'
import type { Alert } from '../../src-shared/model/alert'
import type { Proposal } from '../../src-shared/model/proposal'
import type { ProposalVersion } from '../../src-shared/model/proposal-version'
import type { Tier } from '../../src-shared/model/tier'
import type { User } from '../../src-shared/model/user'
import { readDocxXml, readPdfText, renderPdfFirstPage } from '../fixtures/export-readers'
import type { TestBridge } from './harness/bridge-server'
import { expect, test } from './harness/fixtures'

/** The open workspace's database, read beside the UI: what the screens must agree with. */
async function database(bridge: TestBridge) {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  return {
    rx,
    async head(id: string): Promise<Proposal> {
      const doc = await rx.proposals.findOne(id).exec()
      if (doc === null) throw new Error(`no proposal ${id}`)
      return doc.toJSON() as Proposal
    },
    async versions(id: string): Promise<ProposalVersion[]> {
      const docs = await rx.proposalVersions.find({ selector: { proposalId: id } }).exec()
      return docs
        .map((doc) => doc.toJSON() as ProposalVersion)
        .sort((a, b) => a.version - b.version)
    },
    async tierVersion(id: string): Promise<Tier> {
      const doc = await rx.tiers.findOne(id).exec()
      if (doc === null) throw new Error(`no tier version ${id}`)
      return doc.toJSON() as Tier
    },
    /** Accounts on a tier with a higher one to propose (the top tier has nowhere to go). */
    async upgradableAccounts(): Promise<Account[]> {
      const tiers = (await rx.tiers.find().exec()).map((doc) => doc.toJSON() as Tier)
      const top = Math.max(...tiers.map((tier) => tier.rank))
      const topTierIds = new Set(tiers.filter((tier) => tier.rank === top).map((t) => t.tierId))
      return (await rx.accounts.find({ selector: { archived: false } }).exec())
        .map((doc) => doc.toJSON() as Account)
        .filter((account) => !topTierIds.has(account.tierId))
    },
    async users(): Promise<User[]> {
      return (await rx.users.find().exec()).map((doc) => doc.toJSON() as User)
    },
  }
}

async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

/** The id in the builder's URL (`#/proposals/<id>`). */
async function openedProposalId(app: Page): Promise<string> {
  await expect(app).toHaveURL(/#\/proposals\/[0-9A-Z]{26}$/)
  const id = /#\/proposals\/([0-9A-Z]{26})$/.exec(app.url())?.[1]
  if (id === undefined) throw new Error(`not a proposal URL: ${app.url()}`)
  await expect(app.getByRole('heading', { name: 'Pricing' })).toBeVisible({ timeout: 20_000 })
  return id
}

async function saveVersion(app: Page, version: number) {
  const save = app.getByRole('button', { name: `Save as version ${version}` })
  await expect(save).toBeEnabled()
  await save.click()
  await expect(app.getByTestId('save-state')).toHaveText(`Version ${version} · saved`)
}

async function startFromAccountPage(app: Page, accountId: string): Promise<string> {
  await app.goto(`${new URL(app.url()).origin}/#/accounts/${accountId}`)
  await app.getByRole('button', { name: 'New proposal' }).click()
  return openedProposalId(app)
}

test('from an upgrade signal to an approved proposal, exported as PDF and DOCX that match the database', async ({
  app,
  bridge,
}, testInfo) => {
  test.setTimeout(180_000)
  const db = await database(bridge)
  const signal = (
    await db.rx.alerts.find({ selector: { kind: 'upgrade-signal', status: 'open' } }).exec()
  ).map((doc) => doc.toJSON() as Alert)[0]
  if (signal === undefined) throw new Error('the demo book should raise upgrade signals')
  const manager = (await db.users()).find((user) => user.role === 'manager' && user.active)
  if (manager === undefined) throw new Error('the demo book should have an active manager')

  // From the inbox: the signal's "Start proposal" opens the builder on a pre-filled version 1.
  const nav = app.getByRole('navigation', { name: 'Main navigation' })
  await nav.getByRole('link', { name: /^Alerts/ }).click()
  await app.getByText(/^Upgrades/).click()
  const card = app.locator(`[data-alert-id="${signal.id}"]`)
  await card.getByRole('button', { name: 'Start proposal' }).click()
  const id = await openedProposalId(app)
  const started = await db.head(id)
  expect(started).toMatchObject({ accountId: signal.accountId, status: 'draft', currentVersion: 1 })
  const [first] = await db.versions(id)
  expect(first?.content.evidence.length, 'the builder is pre-filled with evidence').toBeGreaterThan(
    0,
  )
  await expect(app.getByTestId('evidence-item')).toHaveCount(first?.content.evidence.length ?? 0)
  expect(await seriousViolations(app)).toEqual([])

  // A 20 % overall discount is above the 15 % threshold: the form says so before saving.
  await app.getByRole('combobox', { name: 'Overall discount kind' }).click()
  await app.getByRole('option', { name: 'Percent' }).click()
  await app.getByRole('textbox', { name: 'Overall discount percent' }).fill('20')
  await expect(app.getByTestId('approval-banner')).toContainText('20%')
  await expect(app.getByTestId('approval-banner')).toContainText('Saving this would need')
  await saveVersion(app, 2)
  const saved = await db.head(id)
  const [, second] = await db.versions(id)
  expect(second?.content.pricing.discount).toEqual({ kind: 'percent', share: 0.2 })
  expect(saved.approval.required).toBe(true)
  await expect(app.getByTestId('status-panel').getByTestId('approval-banner')).toContainText(
    'Needs manager approval',
  )
  await expect(app.getByTestId('total-tcv')).toHaveText(
    formatMoney({ amountMinor: saved.totalContractValueMinor, currency: saved.currency }, 'en-US'),
  )

  // Blocked: the CSM cannot send it, and cannot approve it.
  const status = app.getByTestId('status-panel')
  await status.getByRole('button', { name: 'Submit for review' }).click()
  await expect(status.getByTestId('proposal-status')).toHaveText('In review')
  await expect(status.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  await status.getByRole('button', { name: 'Back to draft' }).waitFor()

  // Act as a manager and approve.
  await app.getByTestId('acting-as').click()
  await app.getByRole('menuitem', { name: new RegExp(manager.name) }).click()
  await expect(app.getByTestId('acting-as')).toHaveText(manager.name)
  await status.getByRole('button', { name: 'Approve' }).click()
  await expect(status.getByTestId('proposal-status')).toHaveText('Approved')
  await expect(status.getByTestId('approved')).toContainText(`approved by ${manager.name}`)
  const approved = await db.head(id)
  expect(approved.status).toBe('approved')
  expect(approved.approval).toMatchObject({ approvedById: manager.id, approvedVersion: 2 })
  expect(approved.statusHistory.slice(-2)).toMatchObject([
    { status: 'in-review' },
    { status: 'approved', byId: manager.id },
  ])

  // Export both; the harness's save dialog accepts the suggested name.
  await app.getByRole('button', { name: 'Export PDF' }).click()
  await expect(app.getByText(/Written to .*\.pdf$/)).toBeVisible({ timeout: 60_000 })
  await app.getByRole('button', { name: 'Export DOCX' }).click()
  await expect(app.getByText(/Written to .*\.docx$/)).toBeVisible({ timeout: 60_000 })
  const pdfPath = bridge.savedPaths.find((path) => path.endsWith('.pdf'))
  const docxPath = bridge.savedPaths.find((path) => path.endsWith('.docx'))
  if (pdfPath === undefined || docxPath === undefined) throw new Error('nothing was saved')

  // What the documents must say, from the database: totals, tier names, evidence.
  const from = await db.tierVersion(approved.fromTierVersionId)
  const to = await db.tierVersion(approved.toTierVersionId)
  const [, current] = await db.versions(id)
  if (current === undefined) throw new Error('version 2 is gone')
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: approved.currency }, 'en-US')
  const expected = [
    from.name,
    to.name,
    money(approved.totalContractValueMinor),
    money(approved.totalAnnualMinor),
    ...current.content.evidence.map((item) => item.summary),
  ]
  const pdf = await readPdfText(pdfPath)
  const docx = await readDocxXml(docxPath)
  for (const text of expected) {
    expect(pdf.text, `the PDF says “${text}”`).toContain(text)
    expect(docx.text, `the DOCX says “${text}”`).toContain(text)
  }
  // Approved: no DRAFT watermark on any page or in the DOCX header.
  expect(pdf.pages.some((page) => /\bDRAFT\b/.test(page))).toBe(false)
  expect(docx.headerText).not.toContain('DRAFT')

  const png = await renderPdfFirstPage(pdfPath, testInfo.outputPath('proposal-page-1'))
  await testInfo.attach('proposal PDF, page 1', { path: png, contentType: 'image/png' })
})

test('bad input shows under its field and saves nothing', async ({ app, bridge }) => {
  const db = await database(bridge)
  const account = (await db.upgradableAccounts())[0]
  if (account === undefined) throw new Error('no accounts')
  const id = await startFromAccountPage(app, account.id)
  const before = await db.versions(id)

  await app.getByRole('textbox', { name: 'Seats quantity' }).fill('-5')
  await expect(app.getByText('Seats: quantity cannot be negative')).toBeVisible()
  await app.getByRole('combobox', { name: 'Overall discount kind' }).click()
  await app.getByRole('option', { name: 'Percent' }).click()
  await app.getByRole('textbox', { name: 'Overall discount percent' }).fill('120')
  await expect(app.getByText('Overall discount cannot be more than 100 %')).toBeVisible()
  await expect(app.getByTestId('save-state')).toContainText('to fix before saving')
  await expect(app.getByRole('button', { name: 'Save as version 2' })).toBeDisabled()
  await app.keyboard.press('Control+S')
  expect(await db.versions(id)).toEqual(before)
  expect((await db.head(id)).currentVersion).toBe(1)

  // Leaving asks first; staying keeps the typed values.
  await app.getByRole('link', { name: 'All proposals' }).click()
  await expect(app.getByRole('dialog', { name: 'Leave without saving?' })).toBeVisible()
  await app.getByRole('button', { name: 'Stay and keep editing' }).click()
  await expect(app.getByRole('textbox', { name: 'Seats quantity' })).toHaveValue('-5')
})

test('versions: every save is one, two can be compared, an old one restored', async ({
  app,
  bridge,
}) => {
  const db = await database(bridge)
  const account = (await db.upgradableAccounts())[1]
  if (account === undefined) throw new Error('no accounts')
  const id = await startFromAccountPage(app, account.id)
  const [first] = await db.versions(id)
  const seats = first?.content.pricing.lines.find((line) => line.kind === 'seats')
  if (seats === undefined || seats.kind !== 'seats') throw new Error('version 1 has no seats line')

  const quantity = app.getByRole('textbox', { name: 'Seats quantity' })
  await quantity.fill(String(seats.quantity + 25))
  // An add-on from the price book, with its quantity range.
  await app.getByRole('button', { name: 'Add a line' }).click()
  await app.getByRole('menuitem', { name: 'Architecture review' }).click()
  await app.getByRole('textbox', { name: 'Architecture review quantity' }).fill('2')
  await expect(
    app.getByTestId('price-line').filter({ hasText: 'Architecture review' }),
  ).toContainText('1–4')
  await app.getByRole('textbox', { name: 'What changed' }).fill('25 more seats')
  await saveVersion(app, 2)
  const [, second] = await db.versions(id)
  expect(second?.content.pricing.lines).toContainEqual(
    expect.objectContaining({ kind: 'add-on', addOnKey: 'architecture-review', quantity: 2 }),
  )
  const versions = app.getByTestId('versions-panel')
  await expect(versions.getByTestId('proposal-version')).toHaveCount(2)
  await expect(versions.getByText(/25 more seats/)).toBeVisible()
  await expect(versions.getByTestId('version-diff')).toContainText(String(seats.quantity + 25))

  await versions
    .getByTestId('proposal-version')
    .filter({ hasText: 'Version 1' })
    .getByRole('button', { name: 'Restore' })
    .click()
  const dialog = app.getByRole('dialog', { name: 'Restore version 1?' })
  await dialog.getByRole('button', { name: 'Restore as version 3' }).click()
  await expect(app.getByTestId('save-state')).toHaveText('Version 3 · saved')
  await expect(quantity).toHaveValue(String(seats.quantity))
  const stored = await db.versions(id)
  expect(stored.map((version) => version.version)).toEqual([1, 2, 3])
  expect(stored[2]?.content.pricing).toEqual(stored[0]?.content.pricing)
  expect((await db.head(id)).currentVersion).toBe(3)
})

test('the list filters, archives with undo and is accessible', async ({ app, bridge }) => {
  test.setTimeout(120_000)
  const db = await database(bridge)
  const all = (await db.rx.proposals.find({ selector: { archived: false } }).exec()).map(
    (doc) => doc.toJSON() as Proposal,
  )
  expect(all.length, 'the demo book has proposals').toBeGreaterThan(1)
  // The first "Proposals" is the book's; Settings has one too.
  const nav = app.getByRole('navigation', { name: 'Main navigation' })
  await nav.getByRole('link', { name: 'Proposals', exact: true }).first().click()
  await expect(app.getByTestId('proposals-total')).toHaveText(`${all.length} proposals`)
  expect(await seriousViolations(app)).toEqual([])

  const drafts = all.filter((proposal) => proposal.status === 'draft')
  await app.getByRole('combobox', { name: 'Status' }).click()
  await app.getByRole('option', { name: 'Draft', exact: true }).click()
  await expect(app.getByTestId('proposals-total')).toHaveText(
    `${drafts.length} ${drafts.length === 1 ? 'proposal' : 'proposals'}`,
  )
  await app.getByRole('combobox', { name: 'Status' }).click()
  await app.getByRole('option', { name: 'Draft', exact: true }).click()
  await expect(app.getByTestId('proposals-total')).toHaveText(`${all.length} proposals`)

  const target = all[0]
  if (target === undefined) throw new Error('no proposal')
  await app.getByRole('textbox', { name: 'Search' }).fill(target.title)
  const row = app.locator(`[data-proposal-id="${target.id}"]`)
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: `Archive ${target.title}` }).click()
  await expect(row).toHaveCount(0)
  await expect.poll(async () => (await db.head(target.id)).archived).toBe(true)
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(row).toBeVisible()
  await expect.poll(async () => (await db.head(target.id)).archived).toBe(false)
})
