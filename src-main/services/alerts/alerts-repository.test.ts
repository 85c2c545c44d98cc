import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alertsListInput } from '@shared/alerts/inbox'
import type { Alert } from '@shared/model/alert'
import { alertSchema } from '@shared/model/alert'
import { BOOK_NOW, openTestWorkspace, type TestWorkspace } from '../portfolio/test-workspace'
import { createAlertsRepository } from './alerts-repository'

let workspace: TestWorkspace
const me = '01J00000000000000000000001'

beforeAll(async () => {
  workspace = await openTestWorkspace({ accounts: 40, tickets: 400 })
}, 120_000)
afterAll(() => workspace.close())

const repository = () =>
  createAlertsRepository({
    rx: async () => workspace.store.rx(),
    actor: { current: async () => ({ id: me }) },
    now: () => BOOK_NOW,
  })
const all = async () =>
  (await workspace.store.rx().alerts.find().exec()).map((doc) => doc.toJSON() as Alert)
const stored = async (id: string) =>
  (await workspace.store.rx().alerts.findOne(id).exec())?.toJSON() as Alert

describe('alerts inbox', () => {
  it('lists open alerts and expired snoozes, most urgent first, with counts per group', async () => {
    const expected = (await all()).filter(
      (a) =>
        a.status === 'open' ||
        (a.status === 'snoozed' && Date.parse(a.snoozedUntil ?? '') <= BOOK_NOW.getTime()),
    )
    const inbox = await repository().list(alertsListInput.parse({ limit: 200 }))
    expect(inbox.total).toBe(expected.length)
    expect(inbox.counts.all).toBe(expected.length)
    expect(inbox.counts.risk + inbox.counts.upgrade + inbox.counts['check-in']).toBe(
      expected.length,
    )
    const due = inbox.alerts.map((item) => item.alert.dueAt)
    expect(due).toEqual([...due].sort())
    expect(inbox.alerts.every((item) => item.accountName !== 'Unknown account')).toBe(true)
    const reminders = await repository().list(alertsListInput.parse({ group: 'check-in' }))
    expect(reminders.alerts.every((item) => item.alert.kind === 'reminder')).toBe(true)
    expect((await repository().count()).open).toBe(expected.length)
  })

  it('snoozes an alert out of the inbox until the chosen time', async () => {
    const inbox = await repository().list(alertsListInput.parse({}))
    const target = inbox.alerts[0]?.alert
    if (target === undefined) throw new Error('the inbox is empty')
    const until = '2026-11-08T09:00:00.000Z'
    await repository().snooze({ id: target.id, until })
    const after = await stored(target.id)
    expect(after).toMatchObject({ status: 'snoozed', snoozedUntil: until, updatedBy: me })
    expect(alertSchema.safeParse(after).success).toBe(true)
    expect((await repository().count()).open).toBe(inbox.total - 1)
    // A week later the snooze has run out and the alert is back.
    const later = createAlertsRepository({
      rx: async () => workspace.store.rx(),
      actor: { current: async () => ({ id: me }) },
      now: () => new Date('2026-11-08T09:00:00.000Z'),
    })
    const back = await later.list(alertsListInput.parse({ limit: 200 }))
    expect(back.alerts.map((item) => item.alert.id)).toContain(target.id)
  })

  it('refuses a snooze into the past and leaves the alert as it was', async () => {
    const target = (await repository().list(alertsListInput.parse({}))).alerts[0]?.alert
    if (target === undefined) throw new Error('the inbox is empty')
    await expect(
      repository().snooze({ id: target.id, until: '2026-10-01T00:00:00.000Z' }),
    ).rejects.toMatchObject({ code: 'validation', details: { issues: [{ field: 'until' }] } })
    expect(await stored(target.id)).toEqual(target)
  })

  it('marks an alert done once; a second time is a conflict', async () => {
    const target = (await repository().list(alertsListInput.parse({}))).alerts[0]?.alert
    if (target === undefined) throw new Error('the inbox is empty')
    await repository().done(target.id)
    expect(await stored(target.id)).toMatchObject({
      status: 'done',
      resolvedAt: BOOK_NOW.toISOString(),
      snoozedUntil: null,
    })
    await expect(repository().done(target.id)).rejects.toMatchObject({ code: 'conflict' })
    await expect(repository().done('01JZZZZZZZZZZZZZZZZZZZZZZZ')).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('reopens a done or snoozed alert into the inbox (undo); an open one stays as it is', async () => {
    const [first, second] = (await repository().list(alertsListInput.parse({}))).alerts
    if (first === undefined || second === undefined) throw new Error('the inbox is too small')
    const before = (await repository().count()).open
    await repository().done(first.alert.id)
    await repository().snooze({ id: second.alert.id, until: '2026-12-01T09:00:00.000Z' })
    expect((await repository().count()).open).toBe(before - 2)
    for (const { alert } of [first, second]) {
      const reopened = await repository().reopen(alert.id)
      expect(reopened).toMatchObject({ status: 'open', snoozedUntil: null, resolvedAt: null })
      expect(await stored(alert.id)).toMatchObject({ status: 'open', updatedBy: me })
      expect(alertSchema.safeParse(await stored(alert.id)).success).toBe(true)
    }
    expect((await repository().count()).open).toBe(before)
    const open = await stored(first.alert.id)
    expect(await repository().reopen(first.alert.id)).toEqual(open)
    expect(await stored(first.alert.id)).toEqual(open)
    await expect(repository().reopen('01JZZZZZZZZZZZZZZZZZZZZZZZ')).rejects.toMatchObject({
      code: 'not-found',
    })
  })
})
