import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOTE_MAX_CHARS } from '@shared/activities/activity-inputs'
import type { ActivityEntry, TimelineEntry } from '@shared/activities/timeline'
import type { Account } from '@shared/model/account'
import type { Activity } from '@shared/model/activity'
import type { User } from '@shared/model/user'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { loadDemoBook } from '../../db/demo-loader'
import { openWorkspaceStore, type WorkspaceStore } from '../../db/workspace-store'
import { createCurrentUserSource } from '../session/current-user'
import { createActivityWriter } from './activity-writer'
import { createTimelineRepository } from './timeline-repository'

// One small demo book on a real SQLite file; each test writes to its own account where it can.
let folder: string
let file: string
let store: WorkspaceStore
let accounts: Account[]
let me: User
let clock = Date.parse('2026-11-20T10:00:00.000Z')

async function open(): Promise<void> {
  store = await openWorkspaceStore({ file, log: recordingLogger(), onChange: () => undefined })
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-activities-'))
  file = join(folder, 'tierline.sqlite')
  await open()
  await loadDemoBook(store.rx(), { accounts: 30, tickets: 300 })
  accounts = (await store.rx().accounts.find().exec()).map((doc) => doc.toJSON() as Account)
  const users = (await store.rx().users.find().exec()).map((doc) => doc.toJSON() as User)
  const first = users.filter((u) => u.role === 'csm').sort((a, b) => (a.id < b.id ? -1 : 1))[0]
  if (first === undefined) throw new Error('the demo book has no CSM')
  me = first
}, 60_000)

afterAll(async () => {
  await store.close()
  await rm(folder, { recursive: true, force: true })
})

const rx = async () => store.rx()
const currentUser = createCurrentUserSource(rx)
const timeline = createTimelineRepository(rx, currentUser)
const writer = createActivityWriter({
  rx,
  currentUser,
  // Every write one second later, so edits have distinct updatedAt values.
  now: () => new Date((clock += 1000)),
})

function account(index: number): Account {
  const found = accounts[index]
  if (found === undefined) throw new Error(`the demo book has fewer than ${index + 1} accounts`)
  return found
}

async function allEntries(accountId: string): Promise<TimelineEntry[]> {
  const page = await timeline.timeline({ accountId, limit: 100 })
  const rest =
    page.total > 100
      ? (await timeline.timeline({ accountId, offset: 100, limit: 100 })).entries
      : []
  return [...page.entries, ...rest]
}

async function stored(id: string): Promise<Activity | null> {
  const doc = await store.rx().activities.findOne(id).exec()
  return doc === null ? null : (doc.toJSON() as Activity)
}

async function activityCount(): Promise<number> {
  return store.rx().activities.count().exec()
}

/** A note on this account written by someone other than the current user. */
async function someoneElsesNote(accountId: string): Promise<Activity> {
  const docs = await store
    .rx()
    .activities.find({ selector: { accountId, kind: 'note' } })
    .exec()
  const note = docs.map((doc) => doc.toJSON() as Activity).find((a) => a.authorId !== me.id)
  if (note === undefined) throw new Error('no note by another author on this account')
  return note
}

describe('account timeline', () => {
  it('merges activities, ticket milestones and tier changes, newest first, in non-overlapping pages', async () => {
    const target = account(0)
    const [activities, tickets] = await Promise.all([
      store
        .rx()
        .activities.find({ selector: { accountId: target.id } })
        .exec(),
      store
        .rx()
        .tickets.find({ selector: { accountId: target.id } })
        .exec(),
    ])
    const opened = tickets.length
    const entries = await allEntries(target.id)
    const first = await timeline.timeline({ accountId: target.id, limit: 7 })
    const second = await timeline.timeline({ accountId: target.id, offset: 7, limit: 7 })

    expect(first.total).toBe(entries.length)
    expect(entries.filter((e) => e.kind === 'activity')).toHaveLength(activities.length)
    // Every ticket contributes its "opened" milestone.
    expect(entries.filter((e) => e.kind === 'ticket' && e.milestone === 'opened')).toHaveLength(
      opened,
    )
    const times = entries.map((entry) => entry.at)
    expect(times).toEqual([...times].sort().reverse())
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(
      entries.slice(0, 14).map((e) => e.id),
    )
  })

  it('filters by kind and shows accepted upgrades as tier changes', async () => {
    const upgraded = accounts.find((a) => a.tags.includes('upgraded'))
    if (upgraded === undefined) throw new Error('the demo book has no upgraded account')
    const accepted = await store
      .rx()
      .proposals.find({ selector: { accountId: upgraded.id, status: 'accepted' } })
      .exec()
    const tiers = await timeline.timeline({ accountId: upgraded.id, kinds: ['tier'] })
    expect(tiers.total).toBe(accepted.length)
    expect(tiers.total).toBeGreaterThan(0)
    for (const entry of tiers.entries) {
      expect(entry.kind).toBe('tier')
      if (entry.kind === 'tier') expect(entry.toTier).toMatch(/\(version \d+\)$/)
    }
    const checkIns = await timeline.timeline({ accountId: upgraded.id, kinds: ['check-in'] })
    expect(
      checkIns.entries.every((e) => e.kind === 'activity' && e.activity.kind === 'check-in'),
    ).toBe(true)
  })

  it('says clearly when the account does not exist', async () => {
    await expect(
      timeline.timeline({ accountId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }),
    ).rejects.toMatchObject({ code: 'not-found' })
  })
})

describe('notes and check-ins', () => {
  it('adds a note by the current user that survives reopening the workspace file', async () => {
    const target = account(1)
    const note = await writer.addNote({
      accountId: target.id,
      bodyMarkdown: '## Renewal risk\n\nSponsor **left**; new contact is <b>Dana</b>.',
    })
    expect(note).toMatchObject({ kind: 'note', authorId: me.id, title: 'Renewal risk' })

    await store.close()
    await open()
    expect(await stored(note.id)).toMatchObject({
      bodyMarkdown: '## Renewal risk\n\nSponsor **left**; new contact is <b>Dana</b>.',
      authorId: me.id,
    })
    // Newest first: only entries dated later (a QBR planned for next month) come before it.
    const entries = await allEntries(target.id)
    const position = entries.findIndex((entry) => entry.id === note.id)
    expect(entries.slice(0, position).every((entry) => entry.at > note.occurredAt)).toBe(true)
    const entry = entries[position]
    expect(entry).toMatchObject({ kind: 'activity', editable: true })
    expect((entry as ActivityEntry).authorName).toBe(me.name)
  })

  it('refuses an empty or oversized note, or one for an unknown account, and writes nothing', async () => {
    const target = account(2)
    const before = await activityCount()
    await expect(
      writer.addNote({ accountId: target.id, bodyMarkdown: '  \n\t ' }),
    ).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ field: 'bodyMarkdown', message: 'A note needs some text' }] },
    })
    await expect(
      writer.addNote({ accountId: target.id, bodyMarkdown: 'x'.repeat(NOTE_MAX_CHARS + 1) }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('bodyMarkdown') as unknown as string,
    })
    await expect(
      writer.addNote({ accountId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', bodyMarkdown: 'Hello' }),
    ).rejects.toMatchObject({ code: 'not-found' })
    expect(await activityCount()).toBe(before)
  })

  it('logs a check-in with sentiment and NPS, and refuses an NPS above 10', async () => {
    const target = account(3)
    const checkIn = await writer.logCheckIn({
      accountId: target.id,
      sentiment: 'negative',
      nps: 4,
      bodyMarkdown: 'Frustrated by the S1 last week.',
    })
    expect(await stored(checkIn.id)).toMatchObject({
      kind: 'check-in',
      sentiment: 'negative',
      nps: 4,
      authorId: me.id,
    })
    const before = await activityCount()
    await expect(
      writer.logCheckIn({ accountId: target.id, sentiment: 'positive', nps: 11 }),
    ).rejects.toMatchObject({ code: 'validation' })
    expect(await activityCount()).toBe(before)
  })

  it('edits your own note, and refuses a stale edit without touching the note', async () => {
    const target = account(4)
    const note = await writer.addNote({ accountId: target.id, bodyMarkdown: 'First draft' })
    const edited = await writer.update({
      id: note.id,
      expectedUpdatedAt: note.updatedAt,
      bodyMarkdown: 'Second draft',
    })
    expect(edited.updatedAt > note.updatedAt).toBe(true)
    expect(await stored(note.id)).toMatchObject({ bodyMarkdown: 'Second draft' })

    await expect(
      writer.update({ id: note.id, expectedUpdatedAt: note.updatedAt, bodyMarkdown: 'Lost?' }),
    ).rejects.toMatchObject({ code: 'conflict' })
    await expect(
      writer.update({ id: note.id, expectedUpdatedAt: edited.updatedAt, bodyMarkdown: ' ' }),
    ).rejects.toMatchObject({ code: 'validation' })
    expect(await stored(note.id)).toMatchObject({
      bodyMarkdown: 'Second draft',
      updatedAt: edited.updatedAt,
    })
  })

  it("refuses to edit or delete someone else's note and leaves it as it was", async () => {
    const target = accounts.find((a) => a.ownerId !== me.id) ?? account(5)
    const theirs = await someoneElsesNote(target.id)
    await expect(
      writer.update({ id: theirs.id, expectedUpdatedAt: theirs.updatedAt, bodyMarkdown: 'Mine' }),
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(writer.delete({ id: theirs.id })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await stored(theirs.id)).toEqual(theirs)
    const entry = (await allEntries(target.id)).find((e) => e.id === theirs.id)
    expect(entry).toMatchObject({ editable: false })

    // Deleted by its author on another device: only the author may bring it back.
    await (await store.rx().activities.findOne(theirs.id).exec())?.remove()
    await expect(writer.restore({ id: theirs.id })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await stored(theirs.id)).toBeNull()
  })

  it('deletes your own note and restores it exactly as it was', async () => {
    const target = account(6)
    const note = await writer.addNote({
      accountId: target.id,
      title: 'Exec sync',
      bodyMarkdown: '- budget approved\n- pilot in Q1',
    })
    await writer.delete({ id: note.id })
    expect(await stored(note.id)).toBeNull()
    expect((await allEntries(target.id)).some((e) => e.id === note.id)).toBe(false)

    const restored = await writer.restore({ id: note.id })
    const { updatedAt: _before, ...content } = note
    expect(restored).toMatchObject(content)
    expect(await stored(note.id)).toMatchObject(content)
    expect((await allEntries(target.id)).some((e) => e.id === note.id)).toBe(true)
    // Restoring what is already there is harmless: the same document comes back.
    expect(await writer.restore({ id: note.id })).toEqual(restored)
    await expect(writer.restore({ id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })).rejects.toMatchObject({
      code: 'not-found',
    })
  })
})
