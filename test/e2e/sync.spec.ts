import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { exampleDocuments } from '../../src-shared/model/examples'
import type { DocumentOf } from '../../src-shared/model/registry'
import { summarizeTicketEvents } from '../../src-shared/model/ticket-summary'
import { openPglite } from '../../src-server/db/pglite'
import { createSyncServer } from '../../src-server/server'
import { importDocuments } from '../../src-server/sync/documents'
import { client, createWorld, ticketDoc, wire } from '../../src-server/testing/world'
import { expect, test } from './harness/fixtures'

/** `ticket` as it stood when it was opened: its first event only, and the summary of that. */
function stillOpen<T extends DocumentOf<'tickets'>>(ticket: T): T {
  const events = ticket.events.slice(0, 1)
  const replay = summarizeTicketEvents(events)
  if (!replay.ok) throw new Error(replay.message)
  return { ...ticket, events, ...replay.summary }
}

/** Serious axe findings in the Team sync section and the header's sync badge. */
async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app })
    .include('#team-sync')
    .include('[data-testid="sync-status"]')
    .analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    )
}

/**
 * Team sync from the Settings screen against a real server started here (PGlite in memory):
 * the demo workspace is refused, an empty one signs in and reaches "Up to date" in the header,
 * and signing out asks whether to keep the data.
 */
test('sign in to team sync from Settings and see the header say "Up to date"', async ({
  app,
  bridge,
}) => {
  const db = await openPglite('memory://')
  const server = await createSyncServer({ db, log: false, heartbeatMs: 500 })
  try {
    const baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 })
    const world = await createWorld(db)
    // Enough open tickets on A's account for a first sync that appends a page of 1,000 in bulk
    // (two full pages and a short one; the last full page goes through RxDB).
    const openTickets = Array.from({ length: 2_100 }, (_, i) =>
      stillOpen(ticketDoc(world.newId(), world.accounts.a.id, 5_000 + i)),
    )
    await importDocuments(db, 'tickets', openTickets)

    await app.goto(`${bridge.url}#/settings/data`)
    const section = app.getByRole('form', { name: 'Sign in to team sync' })
    await expect(app.getByTestId('sync-status')).toHaveText('Local only')

    // A wrong token is named as the problem, and nothing is signed in.
    await section.getByLabel('Server address').fill(baseUrl)
    await section.getByLabel('Token').fill(`tl_${'x'.repeat(43)}`)
    await section.getByRole('button', { name: 'Sign in' }).click()
    await expect(section.getByText('unknown, expired or revoked')).toBeVisible()

    // The demo book is never pushed to the team's server.
    await section.getByLabel('Token').fill(world.tokens.a)
    await section.getByRole('button', { name: 'Sign in' }).click()
    await expect(section.getByText('so this one’s data is not sent')).toBeVisible()

    await app.goto(`${bridge.url}#/settings/workspaces`)
    await app.getByRole('button', { name: 'New workspace' }).click()
    const dialog = app.getByRole('dialog', { name: 'New workspace' })
    await dialog.getByLabel('Name').fill('Team book')
    await dialog.getByLabel('An empty workspace').check()
    await dialog.getByRole('button', { name: 'Create and open' }).click()
    await expect(app.getByTestId('workspace-name')).toHaveText('Team book')

    await app.goto(`${bridge.url}#/settings/data`)
    // From the keyboard: type the address, tab to the token, Enter submits.
    await section.getByLabel('Server address').fill(baseUrl)
    await section.getByLabel('Server address').press('Tab')
    await expect(section.getByLabel('Token')).toBeFocused()
    await app.keyboard.type(world.tokens.a)
    await app.keyboard.press('Enter')
    await expect(app.getByTestId('sync-phase')).toHaveText('Up to date', { timeout: 20_000 })
    expect(await seriousViolations(app)).toEqual([])
    await expect(app.getByTestId('sync-status')).toHaveText('Up to date')
    expect(await bridge.services.workspaces.active().database.rx().accounts.count().exec()).toBe(1)
    // The bulk-loaded tickets are what the account's page counts.
    await app.goto(`${bridge.url}#/accounts/${world.accounts.a.id}`)
    await expect(app.getByText('Open tickets', { exact: true }).locator('..')).toContainText(
      openTickets.length.toLocaleString('en-US'),
    )
    await app.goto(`${bridge.url}#/settings/data`)

    // A write the server refuses (a note on another CSM's account) is listed to discard, with
    // the server's reason, and holds nothing else back.
    const rx = bridge.services.workspaces.active().database.rx()
    const note = exampleDocuments.activities.find((a) => a.kind === 'note')
    if (note === undefined) throw new Error('no example note')
    await rx.activities.insert({
      ...note,
      id: world.newId(),
      accountId: world.accounts.b.id,
      authorId: world.ids.a,
      title: 'Note on B’s account',
    })
    const refusal = app
      .getByTestId('sync-conflicts')
      .getByRole('row', { name: /Note on B’s account/ })
    await expect(refusal.getByTestId('sync-refusal-reason')).toContainText(
      'outside your accounts',
      {
        timeout: 20_000,
      },
    )
    await expect(refusal.getByRole('button', { name: 'Keep mine' })).toHaveCount(0)
    await expect(app.getByTestId('sync-phase')).toHaveText('Up to date', { timeout: 20_000 })
    expect(await seriousViolations(app)).toEqual([])
    await refusal.getByRole('button', { name: /Discard/ }).press('Enter')
    await expect(app.getByText('No conflicts: nothing anyone wrote was overwritten.')).toBeVisible()

    // A note both sides will change while this computer is signed out.
    const shared = {
      ...note,
      id: world.newId(),
      accountId: world.accounts.a.id,
      authorId: world.ids.a,
      title: 'Shared call notes',
      bodyMarkdown: 'Agenda\nRisks',
    }
    await rx.activities.insert(shared)
    const api = client(baseUrl)
    await expect
      .poll(
        async () =>
          (await api.pullAll(world.tokens.t, 'activities')).documents.some(
            (d) => d.id === shared.id,
          ),
        {
          timeout: 20_000,
        },
      )
      .toBe(true)

    await app.getByRole('button', { name: 'Sign out…' }).click()
    const confirm = app.getByRole('dialog', { name: 'Sign out of team sync?' })
    await confirm.getByRole('button', { name: 'Sign out, keep data' }).click()
    await expect(confirm).toBeHidden()
    await expect(app.getByTestId('sync-status')).toHaveText('Local only')
    expect(await bridge.services.workspaces.active().database.rx().accounts.count().exec()).toBe(1)

    // Edited here while signed out, and by T on the server: signing in again shows a conflict,
    // and "Merge text…" offers both bodies merged, to edit and save.
    await rx.activities
      .findOne(shared.id)
      .incrementalPatch({ bodyMarkdown: 'Agenda\nRisks\n- mine' })
    const pushed = await api.push(world.tokens.t, 'activities', [
      {
        newDocumentState: wire({ ...shared, bodyMarkdown: 'Agenda\nRisks\n- theirs' }),
        assumedMasterState: wire(shared),
      },
    ])
    expect(pushed.status).toBe(200)
    await section.getByLabel('Server address').fill(baseUrl)
    await section.getByLabel('Token').fill(world.tokens.a)
    await section.getByRole('button', { name: 'Sign in' }).click()
    const conflict = app
      .getByTestId('sync-conflicts')
      .getByRole('row', { name: /Shared call notes/ })
    await conflict.getByRole('button', { name: 'Merge text…' }).click({ timeout: 30_000 })
    const merge = app.getByRole('dialog', { name: 'Merge text: Shared call notes' })
    const text = merge.getByLabel('Merged text')
    await expect(text).toHaveValue('Agenda\nRisks\n- mine\n- theirs')
    expect(await seriousViolations(app)).toEqual([])
    await text.fill('Agenda\nRisks\n- mine\n- theirs\n- agreed')
    await merge.getByRole('button', { name: 'Save merged text' }).click()
    await expect(merge).toBeHidden()
    await expect(app.getByText('No conflicts: nothing anyone wrote was overwritten.')).toBeVisible()
    await expect
      .poll(
        async () =>
          (await api.pullAll(world.tokens.t, 'activities')).documents.find(
            (d) => d.id === shared.id,
          )?.['bodyMarkdown'],
        { timeout: 20_000 },
      )
      .toBe('Agenda\nRisks\n- mine\n- theirs\n- agreed')
  } finally {
    await server.close()
    await server.app.close()
    await db.close()
  }
})
