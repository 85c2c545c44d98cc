import type { Account } from '../../src-shared/model/account'
import type { Alert } from '../../src-shared/model/alert'
import type { LedgerEntry } from '../../src-shared/model/ledger'
import { newId } from '../../src-shared/model/ids'
import { expect, test } from './harness/fixtures'

/**
 * The health, eligibility, ledger, audit and alerts channels through the real bridge: the page's
 * `window.tierline.invoke`, the contract's validation and the main-process services over the
 * demo book, checked against what the workspace database holds.
 */

test('health.forAccount explains the score of a stored account and refuses bad input', async ({
  app,
  bridge,
}) => {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  const account = (
    await rx.accounts.findOne({ selector: { archived: false } }).exec()
  )?.toJSON() as Account | undefined
  if (account === undefined) throw new Error('the demo book is empty')
  const result = await app.evaluate(
    (accountId) => window.tierline.invoke('health.forAccount', { accountId, weeks: 8 }),
    account.id,
  )
  if (!result.ok) throw new Error(result.error.message)
  const view = result.value
  expect(view.accountId).toBe(account.id)
  expect(view.segment).toBe(account.segment)
  expect(view.components).toHaveLength(7)
  expect(view.score).toBe(Math.round(view.components.reduce((sum, c) => sum + c.contribution, 0)))
  expect(view.history).toHaveLength(8)
  for (const component of view.components) expect(component.reason).not.toBe('')

  const invalid = await app.evaluate(
    (accountId) => window.tierline.invoke('health.forAccount', { accountId, weeks: 0 }),
    account.id,
  )
  expect(invalid).toMatchObject({
    ok: false,
    error: { code: 'validation', details: { issues: [{ field: 'weeks' }] } },
  })
})

test('eligibility.list, ledger.forAccount and audit.drift answer from the stored book', async ({
  app,
  bridge,
}) => {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  const eligibility = await app.evaluate(() => window.tierline.invoke('eligibility.list'))
  if (!eligibility.ok) throw new Error(eligibility.error.message)
  expect(eligibility.value.rows.length).toBeGreaterThan(0)
  const row = eligibility.value.rows[0]
  const stored = row === undefined ? null : await rx.accounts.findOne(row.accountId).exec()
  expect(stored?.get('tierId')).toBe(row?.tierId)

  const entry = (await rx.ledgerEntries.findOne().exec())?.toJSON() as LedgerEntry | undefined
  if (entry === undefined) throw new Error('the demo book has no ledger entries')
  const ledger = await app.evaluate(
    (accountId) => window.tierline.invoke('ledger.forAccount', { accountId, months: 12 }),
    entry.accountId,
  )
  if (!ledger.ok) throw new Error(ledger.error.message)
  expect(ledger.value.accountId).toBe(entry.accountId)
  const unknown = await app.evaluate(
    (accountId) => window.tierline.invoke('ledger.forAccount', { accountId, months: 12 }),
    newId(),
  )
  expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } })

  const drift = await app.evaluate(() => window.tierline.invoke('audit.drift', { months: 12 }))
  if (!drift.ok) throw new Error(drift.error.message)
  expect(drift.value.rows.length).toBeGreaterThan(0)
  expect(drift.value.rows.every((r) => r.differences.length > 0)).toBe(true)
})

test('alerts.refresh is idempotent: the engines alerts are already in the book', async ({
  app,
  bridge,
}) => {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  const count = async () => (await rx.alerts.find().exec()).length
  const first = await app.evaluate(() => window.tierline.invoke('alerts.refresh'))
  if (!first.ok) throw new Error(first.error.message)
  const before = await count()
  const second = await app.evaluate(() => window.tierline.invoke('alerts.refresh'))
  if (!second.ok) throw new Error(second.error.message)
  expect(second.value).toMatchObject({ raised: 0, resolved: 0, skipped: 0 })
  expect(await count()).toBe(before)
  const engine = (await rx.alerts.find().exec())
    .map((doc) => doc.toJSON() as Alert)
    .filter((alert) => alert.raisedBy === 'system:check-ins')
  expect(engine.length).toBeGreaterThan(0)
})
