import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { CaseStudy } from '@shared/model/case-study'
import type { LibraryDocument } from '@shared/model/library'
import type { User } from '@shared/model/user'
import { WORKSPACE_SETTINGS_ID, type WorkspaceSettings } from '@shared/model/workspace-settings'
import type { TestBridge } from './harness/bridge-server'
import { expect, test } from './harness/fixtures'

const database = async (bridge: TestBridge) =>
  (await bridge.services.workspaces.current()).database.rx()

async function storedCaseStudies(bridge: TestBridge): Promise<CaseStudy[]> {
  const docs = await (
    await database(bridge)
  ).library
    .find({ selector: { kind: 'caseStudy' } })
    .exec()
  return docs
    .map((doc) => doc.toJSON() as LibraryDocument)
    .filter((doc): doc is CaseStudy => doc.kind === 'caseStudy')
}

async function storedSettings(bridge: TestBridge): Promise<WorkspaceSettings> {
  const doc = await (await database(bridge)).library.findOne(WORKSPACE_SETTINGS_ID).exec()
  return doc?.toJSON() as WorkspaceSettings
}

async function tierId(bridge: TestBridge, key: string): Promise<string> {
  const tier = (await (await database(bridge)).tiers.find({ selector: { key } }).exec())[0]
  if (tier === undefined) throw new Error(`the demo book has no ${key} tier`)
  return tier.tierId
}

async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    )
}

async function choose(app: Page, label: string, option: string) {
  // Mantine draws the pills box over the input; the click lands on the same control.
  await app.getByRole('combobox', { name: label, exact: true }).click({ force: true })
  await app.getByRole('option', { name: option, exact: true }).click()
  await app.keyboard.press('Escape')
}

/** A 1×1 PNG: small enough for the logo cap, with a real PNG signature. */
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
)

test('create a tagged case study, find it after a reload, edit it, delete it and undo', async ({
  app,
  bridge,
}) => {
  const premium = await tierId(bridge, 'premium')
  await app.goto(`${bridge.url}#/case-studies`)
  await expect(app.getByRole('heading', { name: 'Case studies', level: 2 })).toBeVisible()
  // The demo book's own stories are listed; the archived one is not.
  await expect(
    app.getByRole('article', { name: 'S1 escalations halved after moving to Premium' }),
  ).toBeVisible()
  await expect(app.getByRole('article', { name: 'Legacy phone-support rollout' })).toHaveCount(0)
  const seeded = (await storedCaseStudies(bridge)).map((story) => story.id)
  expect(await seriousViolations(app)).toEqual([])

  await app.getByRole('button', { name: 'New case study' }).click()
  const editor = app.getByRole('dialog', { name: 'New case study' })
  await editor.getByLabel('Title').fill('Fewer S1 escalations after Premium')
  await editor.getByLabel('Customer (anonymised)').fill('A European logistics company, 2,000 seats')
  await choose(app, 'Segments', 'Enterprise')
  await choose(app, 'Tiers', 'Premium')
  await editor.getByRole('button', { name: 'Add figure' }).click()
  await editor.getByLabel('Figure 1 label').fill('S1 resolution time')
  await editor.getByLabel('Figure 1 value').fill('−42 %')
  await editor
    .getByRole('textbox', { name: 'Story (Markdown)' })
    .fill('A named TAM and a **one-hour** S1 response.')
  await editor.getByRole('tab', { name: 'Preview' }).click()
  await expect(
    editor.getByRole('region', { name: 'Story (Markdown) preview' }).locator('strong'),
  ).toHaveText('one-hour')
  expect(await seriousViolations(app)).toEqual([])
  await editor.getByRole('button', { name: 'Save case study' }).click()
  await expect(editor).toBeHidden()

  const card = app.getByRole('article', { name: 'Fewer S1 escalations after Premium' })
  await expect(card).toBeVisible()
  await expect(card.getByText('Enterprise', { exact: true })).toBeVisible()
  await expect(card.getByText('Premium', { exact: true })).toBeVisible()
  const created = (await storedCaseStudies(bridge)).find((story) => !seeded.includes(story.id))
  expect(created).toMatchObject({
    name: 'Fewer S1 escalations after Premium',
    customerLabel: 'A European logistics company, 2,000 seats',
    segments: ['enterprise'],
    tierIds: [premium],
    figures: [{ label: 'S1 resolution time', value: '−42 %' }],
    bodyMarkdown: 'A named TAM and a **one-hour** S1 response.',
    archived: false,
  })

  await app.reload()
  await expect(card).toBeVisible({ timeout: 20_000 })
  // Filters: nothing is tagged both SMB and Enterprise tier; Enterprise + Premium finds it.
  await choose(app, 'Segment', 'SMB')
  await choose(app, 'Tier', 'Enterprise')
  await expect(app.getByText('No case study matches these filters.')).toBeVisible()
  await choose(app, 'Segment', 'Enterprise')
  await choose(app, 'Tier', 'Premium')
  await expect(card).toBeVisible()
  await expect(
    app.getByRole('article', { name: 'A named TAM turned a renewal risk into an expansion' }),
  ).toHaveCount(0)

  // Edit.
  await card.getByRole('button', { name: 'Edit Fewer S1 escalations after Premium' }).click()
  const edit = app.getByRole('dialog', { name: 'Edit “Fewer S1 escalations after Premium”' })
  await edit.getByLabel('Title').fill('S1 escalations halved on Premium')
  await edit.getByRole('button', { name: 'Save case study' }).click()
  const edited = app.getByRole('article', { name: 'S1 escalations halved on Premium' })
  await expect(edited).toBeVisible()
  await expect
    .poll(
      async () => (await storedCaseStudies(bridge)).find((story) => story.id === created?.id)?.name,
    )
    .toBe('S1 escalations halved on Premium')

  // Delete asks first, then offers Undo, which brings the story back as it was.
  await edited.getByRole('button', { name: 'Delete S1 escalations halved on Premium' }).click()
  await app.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(edited).toBeHidden()
  await expect.poll(async () => (await storedCaseStudies(bridge)).length).toBe(seeded.length)
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(edited).toBeVisible()
  await expect
    .poll(async () => (await storedCaseStudies(bridge)).find((story) => story.id === created?.id))
    .toMatchObject({
      id: created?.id,
      name: 'S1 escalations halved on Premium',
      tierIds: [premium],
    })
})

test('a template naming an unknown variable cannot be saved until fixed; the fixed one is stored', async ({
  app,
  bridge,
}) => {
  await app.goto(`${bridge.url}#/case-studies`)
  await app.getByRole('tab', { name: 'Value-story templates' }).click()
  const impact = app.getByRole('region', { name: 'Impact template' })
  await expect(impact.getByText('Default', { exact: true })).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])
  await impact
    .getByRole('textbox', { name: 'Impact template' })
    .fill('{{account.name}} had {{evidence.breachez}} breaches.')
  await expect(impact.getByText('Unknown variables: {{evidence.breachez}}')).toBeVisible()
  await expect(impact.getByRole('button', { name: 'Save template' })).toBeDisabled()
  await impact
    .getByRole('textbox', { name: 'Impact template' })
    .fill('{{account.name}} had {{evidence.breaches}} breaches.')
  await impact.getByRole('button', { name: 'Save template' }).click()
  await expect(impact.getByText('Customised', { exact: true })).toBeVisible()
  const stored = (
    await (await database(bridge)).library.find({ selector: { kind: 'storyTemplate' } }).exec()
  ).map((doc) => doc.toJSON() as LibraryDocument)
  expect(stored).toMatchObject([
    { section: 'impact', bodyMarkdown: '{{account.name}} had {{evidence.breaches}} breaches.' },
  ])
})

test('branding and, as a manager, the approval threshold are changed in Settings and stored', async ({
  app,
  bridge,
}) => {
  await app.goto(`${bridge.url}#/settings/proposals`)
  const section = app.getByRole('region', { name: 'Proposals' })
  const threshold = section.getByLabel('Approval threshold')
  await expect(threshold).toHaveValue('15 %')
  // The first CSM is "me": branding is editable, the threshold is not.
  await expect(threshold).toBeDisabled()
  await expect(section.getByText('Only a manager or an admin can change it.')).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])

  await section.getByLabel('Company name').fill('Corvid Customer Success')
  await section.getByRole('textbox', { name: 'Primary colour' }).fill('#aa3355')
  await section.getByRole('textbox', { name: 'Primary colour' }).press('Enter')
  await app.locator('input[type="file"]').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: onePixelPng,
  })
  await expect(section.getByRole('img', { name: 'Logo preview' }).locator('img')).toBeVisible()
  // A file that is not an image is refused before anything is saved.
  await app.locator('input[type="file"]').setInputFiles({
    name: 'logo.gif',
    mimeType: 'image/gif',
    buffer: Buffer.from('GIF89a'),
  })
  await expect(section.getByRole('alert')).toHaveText('“logo.gif” is not a PNG or JPEG image.')
  await section.getByRole('button', { name: 'Save proposal settings' }).click()
  await expect(app.getByText('Proposal settings saved.').first()).toBeVisible()
  await expect
    .poll(async () => (await storedSettings(bridge)).branding)
    .toEqual({
      companyName: 'Corvid Customer Success',
      primaryColour: '#aa3355',
      accentColour: '#f08c00',
      logoDataUrl: `data:image/png;base64,${onePixelPng.toString('base64')}`,
    })
  expect((await storedSettings(bridge)).approvalThresholdShare).toBe(0.15)

  // Acting as a manager (the session's acting-as choice), the threshold can be changed.
  const manager = (
    await (
      await database(bridge)
    ).users
      .find({ selector: { role: 'manager', active: true } })
      .exec()
  )[0]?.toJSON() as User
  const switched = await bridge.services.router.dispatch(
    'session.switchUser',
    { userId: manager.id },
    { trusted: true },
  )
  expect(switched.ok).toBe(true)
  await app.reload()
  await expect(threshold).toBeEnabled({ timeout: 20_000 })
  await threshold.fill('20')
  await section.getByRole('button', { name: 'Save proposal settings' }).click()
  await expect.poll(async () => (await storedSettings(bridge)).approvalThresholdShare).toBe(0.2)
  expect((await storedSettings(bridge)).updatedBy).toBe(manager.id)
  await app.reload()
  await expect(threshold).toHaveValue('20 %', { timeout: 20_000 })
  await expect(section.getByLabel('Company name')).toHaveValue('Corvid Customer Success')
  expect(await seriousViolations(app)).toEqual([])
})
