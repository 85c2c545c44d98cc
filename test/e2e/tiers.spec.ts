import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { Calendar } from '@shared/model/calendar'
import type { LibraryDocument } from '@shared/model/library'
import type { Tier } from '@shared/model/tier'
import { expect, test } from './harness/fixtures'
import type { TestBridge } from './harness/bridge-server'

const database = async (bridge: TestBridge) =>
  (await bridge.services.workspaces.current()).database.rx()

async function premiumVersions(bridge: TestBridge): Promise<Tier[]> {
  const rx = await database(bridge)
  const docs = await rx.tiers.find({ selector: { key: 'premium' } }).exec()
  return docs.map((doc) => doc.toJSON() as Tier).sort((a, b) => a.version - b.version)
}

async function calendarNamed(bridge: TestBridge, name: string): Promise<Calendar> {
  const rx = await database(bridge)
  const docs = await rx.library.find({ selector: { kind: 'calendar' } }).exec()
  const found = docs
    .map((doc) => doc.toJSON() as LibraryDocument)
    .find((doc): doc is Calendar => doc.kind === 'calendar' && doc.name === name)
  if (found === undefined) throw new Error(`no calendar named ${name}`)
  return found
}

async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    )
}

test('the Tiers screens work from the keyboard and axe finds nothing serious', async ({
  app,
  bridge,
}) => {
  await app.goto(`${bridge.url}#/tiers`)
  const edit = app.getByRole('button', { name: 'Edit Enterprise' })
  await expect(edit).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])

  await edit.focus()
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { name: 'Enterprise', level: 2 })).toBeVisible()
  await expect(app.getByRole('table', { name: 'SLA targets' })).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])

  // Tabs move with the arrow keys; the history lists every version.
  await app.getByRole('tab', { name: 'Edit' }).focus()
  await app.keyboard.press('ArrowRight')
  await expect(app.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true')
  await expect(app.getByTestId('tier-version').first()).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])

  await app.goto(`${bridge.url}#/tiers`)
  await app.getByRole('tab', { name: 'Calendars' }).click()
  await expect(app.getByTestId('preview-day').first()).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])
})

test('a tier edit is saved as a new version with its diff; accounts keep the version they signed', async ({
  app,
  bridge,
}) => {
  const rx = await database(bridge)
  const before = await premiumVersions(bridge)
  const latest = before[before.length - 1]
  if (latest === undefined) throw new Error('the demo book has no Premium tier')
  const signed = (await rx.accounts.find({ selector: { tierId: latest.tierId } }).exec()).map(
    (doc) => [doc.id, doc.tierVersionId],
  )
  expect(signed.length).toBeGreaterThan(0)

  // The start screen belongs to another feature: come in through the Tiers entry's own route.
  await app.goto(`${bridge.url}#/tiers`)
  await expect(app.getByRole('link', { name: /^Tiers/ })).toBeVisible()
  await expect(app.getByRole('heading', { name: 'Tiers', level: 2 })).toBeVisible()
  const catalogue = app.getByRole('table', { name: 'Tier catalogue' })
  const s1Row = catalogue.getByRole('row', { name: /^S1 first response/ })
  await expect(s1Row).toContainText('30 minutes (24x7)')
  await expect(catalogue.getByTestId('tier-column')).toHaveCount(4)

  await app.getByRole('button', { name: 'Edit Premium' }).click()
  await expect(app).toHaveURL(new RegExp(`#/tiers/${latest.tierId}$`))
  await app.getByRole('textbox', { name: 'S1 first response minutes' }).fill('20')
  // Main reads the draft as typed and says what saving it would change.
  await expect(
    app.getByRole('region', { name: 'Changes in this draft' }).getByRole('listitem'),
  ).toHaveText(['S1 first response: 30 → 20 minutes (24x7)'])
  await app
    .getByLabel('Reason for this version')
    .fill('Match Enterprise-grade S1 response for critical outages.')
  await app.getByRole('button', { name: `Save as version ${latest.version + 1}` }).click()

  // The history shows the new version first, with author, reason and its readable diff.
  const newest = app.getByTestId('tier-version').first()
  await expect(newest.getByRole('heading', { name: `Version ${latest.version + 1}` })).toBeVisible()
  await expect(newest).toContainText('Match Enterprise-grade S1 response for critical outages.')
  await expect(
    newest
      .getByRole('list', { name: `Changes in version ${latest.version + 1}` })
      .getByRole('listitem'),
  ).toHaveText(['S1 first response: 30 → 20 minutes (24x7)'])

  // The database holds one more version; the earlier ones and every account are untouched.
  const after = await premiumVersions(bridge)
  expect(after).toHaveLength(before.length + 1)
  expect(after.slice(0, before.length)).toEqual(before)
  const created = after[after.length - 1]
  const me = await bridge.services.router.dispatch('session.currentUser', undefined, {
    trusted: true,
  })
  expect(me.ok && created?.authorId === (me.value as { id: string }).id).toBe(true)
  expect(created).toMatchObject({
    version: latest.version + 1,
    reason: 'Match Enterprise-grade S1 response for critical outages.',
    diff: [
      {
        path: 'sla.S1.firstResponse',
        op: 'changed',
        before: { minutes: 30, hours: '24x7' },
        after: { minutes: 20, hours: '24x7' },
      },
    ],
  })
  expect(
    (await rx.accounts.find({ selector: { tierId: latest.tierId } }).exec()).map((doc) => [
      doc.id,
      doc.tierVersionId,
    ]),
  ).toEqual(signed)

  // It takes effect today, so the catalogue now shows it.
  await app.getByRole('link', { name: 'All tiers' }).click()
  await expect(s1Row).toContainText('20 minutes (24x7)')
})

test('an invalid tier edit shows the field error and saves nothing', async ({ app, bridge }) => {
  const before = await premiumVersions(bridge)
  const latest = before[before.length - 1]
  if (latest === undefined) throw new Error('the demo book has no Premium tier')
  await app.goto(`${bridge.url}#/tiers/${latest.tierId}`)

  // S2 without any commitment at all.
  for (const metric of ['first response', 'next response', 'periodic update', 'resolution']) {
    await app.getByRole('checkbox', { name: `S2 ${metric} committed` }).uncheck()
  }
  await app.getByLabel('Reason for this version').fill('Trying to drop S2 commitments.')
  await app.getByRole('button', { name: `Save as version ${latest.version + 1}` }).click()
  await expect(
    app.getByRole('alert').filter({ hasText: 'This version was not saved' }),
  ).toBeVisible()
  await expect(
    app.getByRole('table', { name: 'SLA targets' }).getByRole('row', { name: /^S2/ }),
  ).toContainText('S2 has no SLA target: commit to at least a first response')

  // A target of zero minutes is named on its own cell.
  await app.getByRole('checkbox', { name: 'S2 first response committed' }).check()
  await app.getByRole('textbox', { name: 'S2 first response minutes' }).fill('0')
  await app.getByRole('button', { name: `Save as version ${latest.version + 1}` }).click()
  await expect(
    app
      .getByRole('alert')
      .filter({ hasText: 'This version was not saved' })
      .filter({ hasText: 'S2 first response, minutes: Too small' }),
  ).toBeVisible()

  expect(await premiumVersions(bridge)).toEqual(before)
  await app.getByRole('tab', { name: 'History' }).click()
  await expect(app.getByTestId('tier-version')).toHaveCount(before.length)
})

test('a version saved elsewhere while editing makes the stale save a conflict that writes nothing', async ({
  app,
  bridge,
}) => {
  const before = await premiumVersions(bridge)
  const latest = before[before.length - 1]
  if (latest === undefined) throw new Error('the demo book has no Premium tier')
  await app.goto(`${bridge.url}#/tiers/${latest.tierId}`)
  await app.getByRole('textbox', { name: 'S1 first response minutes' }).fill('25')
  await app.getByLabel('Reason for this version').fill('My edit, started first.')

  // Someone else's save (another window, or sync) lands through the same services.
  const definition = structuredClone(latest.definition)
  definition.entitlements.namedContacts += 2
  const theirs = await bridge.services.router.dispatch(
    'tiers.save',
    {
      tierId: latest.tierId,
      baseVersionId: latest.id,
      name: latest.name,
      description: latest.description,
      status: latest.status,
      effectiveFrom: new Date().toISOString().slice(0, 10),
      reason: 'Two more named contacts.',
      definition,
    },
    { trusted: true },
  )
  expect(theirs.ok).toBe(true)
  await expect(
    app
      .getByRole('alert')
      .filter({ hasText: `Version ${latest.version + 1} was saved while you were editing` }),
  ).toBeVisible()

  await app.getByRole('button', { name: `Save as version ${latest.version + 1}` }).click()
  await expect(
    app.getByRole('alert').filter({ hasText: 'This version was not saved' }),
  ).toContainText('changed while you were editing')
  const after = await premiumVersions(bridge)
  expect(after).toHaveLength(before.length + 1)
  expect(after[after.length - 1]?.reason).toBe('Two more named contacts.')

  await app.getByRole('button', { name: `Start again from version ${latest.version + 1}` }).click()
  await expect(
    app.getByRole('button', { name: `Save as version ${latest.version + 2}` }),
  ).toBeVisible()
  await expect(app.getByRole('textbox', { name: 'S1 first response minutes' })).toHaveValue(
    '30 min',
  )
})

test('a calendar edit changes the week preview, saves, and an overlap is refused', async ({
  app,
  bridge,
}) => {
  const name = 'EMEA Central (Berlin)'
  const stored = await calendarNamed(bridge, name)
  await app.goto(`${bridge.url}#/tiers`)
  await app.getByRole('tab', { name: 'Calendars' }).click()
  await app.getByRole('button', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).click()

  const saturday = app.getByTestId('preview-day').nth(5)
  await expect(saturday).toContainText('closed')
  await expect(app.getByTestId('week-total')).toContainText('50 hours')

  await app.getByRole('button', { name: 'Add an interval on Saturday' }).click()
  await app.getByRole('textbox', { name: 'Saturday interval 1 start' }).fill('10:00')
  await app.getByRole('textbox', { name: 'Saturday interval 1 end' }).fill('14:00')
  await expect(saturday).toContainText('10:00–14:00')
  await expect(app.getByTestId('week-total')).toContainText('54 hours')

  // An overlapping Monday interval is named, the preview says why, and saving is refused.
  await app.getByRole('button', { name: 'Add an interval on Monday' }).click()
  await app.getByRole('textbox', { name: 'Monday interval 2 start' }).fill('17:00')
  await expect(app.getByTestId('weekday-mon')).toContainText('overlaps Monday 08:00–18:00')
  await app.getByRole('button', { name: 'Save calendar' }).click()
  await expect(
    app.getByRole('alert').filter({ hasText: 'This calendar was not saved' }),
  ).toBeVisible()
  expect(await calendarNamed(bridge, name)).toEqual(stored)

  await app.getByRole('button', { name: 'Remove Monday interval 2' }).click()
  await app.getByRole('button', { name: 'Save calendar' }).click()
  await expect(app.getByText('Calendar saved')).toBeVisible()
  await expect
    .poll(async () => (await calendarNamed(bridge, name)).weekly.sat)
    .toEqual([{ start: '10:00', end: '14:00' }])
  expect((await calendarNamed(bridge, name)).weekly.mon).toEqual(stored.weekly.mon)

  // A new calendar: starts from weekdays 09:00–17:00, an overnight shift added on Friday.
  await app.getByRole('button', { name: 'New calendar' }).click()
  await app.getByRole('textbox', { name: 'Name' }).fill('Weekend night desk')
  await app.getByRole('button', { name: 'Add an interval on Friday' }).click()
  await app.getByRole('textbox', { name: 'Friday interval 2 start' }).fill('22:00')
  await app.getByRole('textbox', { name: 'Friday interval 2 end' }).fill('06:00')
  await expect(app.getByTestId('preview-day').nth(5)).toContainText('00:00–06:00')
  await app.getByRole('button', { name: 'Create calendar' }).click()
  await expect(app.getByRole('button', { name: /^Weekend night desk/ })).toBeVisible()
  const created = await calendarNamed(bridge, 'Weekend night desk')
  expect(created.weekly.fri).toEqual([
    { start: '09:00', end: '17:00' },
    { start: '22:00', end: '06:00' },
  ])
})

test('a calendar saved elsewhere while editing is a conflict: the draft is kept, nothing is overwritten', async ({
  app,
  bridge,
}) => {
  const name = 'Japan (Tokyo)'
  const stored = await calendarNamed(bridge, name)
  await app.goto(`${bridge.url}#/tiers`)
  await app.getByRole('tab', { name: 'Calendars' }).click()
  await app.getByRole('button', { name: /^Japan \(Tokyo\)/ }).click()
  await app.getByRole('button', { name: 'Add an interval on Saturday' }).click()

  const theirs = await bridge.services.router.dispatch(
    'calendars.save',
    {
      id: stored.id,
      baseUpdatedAt: stored.updatedAt,
      calendar: {
        name: stored.name,
        description: 'Edited in another window.',
        timeZone: stored.timeZone,
        coverage: stored.coverage,
        weekly: stored.weekly,
        holidays: stored.holidays,
      },
    },
    { trusted: true },
  )
  expect(theirs.ok).toBe(true)
  await expect(app.getByRole('alert').filter({ hasText: 'Changed elsewhere' })).toBeVisible()
  // The draft is still there.
  await expect(app.getByRole('textbox', { name: 'Saturday interval 1 start' })).toHaveValue('09:00')

  await app.getByRole('button', { name: 'Save calendar' }).click()
  await expect(
    app.getByRole('alert').filter({ hasText: 'This calendar was not saved' }),
  ).toContainText('changed while you were editing')
  const after = await calendarNamed(bridge, name)
  expect(after.description).toBe('Edited in another window.')
  expect(after.weekly.sat).toEqual([])

  await app.getByRole('button', { name: 'Load the saved calendar' }).click()
  await expect(app.getByLabel('Description')).toHaveValue('Edited in another window.')
  await expect(app.getByTestId('weekday-sat')).toContainText('closed')
})
