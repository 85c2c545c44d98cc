import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Calendar } from '@shared/model/calendar'
import type { LibraryDocument } from '@shared/model/library'
import type { CalendarSaveInput } from '@shared/tiers/tier-queries'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createCalendarsRepository } from './calendars-repository'
import { firstAdminAuthor, openDemoWorkspace, type DemoWorkspace } from '../testing/demo-workspace'

let workspace: DemoWorkspace
let store: WorkspaceStore
const now = new Date('2026-11-10T12:00:00.000Z')

beforeAll(async () => {
  workspace = await openDemoWorkspace('calendars', { accounts: 30, tickets: 50 })
  store = workspace.store
}, 60_000)

afterAll(async () => {
  await workspace.close()
})

const rx = () => store.rx()
const author = firstAdminAuthor(rx)
const repository = () => createCalendarsRepository({ rx: async () => rx(), author, now: () => now })

async function storedCalendars(): Promise<Calendar[]> {
  const docs = await rx()
    .library.find({ selector: { kind: 'calendar' } })
    .exec()
  return docs
    .map((doc) => doc.toJSON() as LibraryDocument)
    .filter((doc): doc is Calendar => doc.kind === 'calendar')
    .sort((a, b) => a.id.localeCompare(b.id))
}

async function calendarNamed(fragment: string): Promise<Calendar> {
  const found = (await storedCalendars()).find((calendar) => calendar.name.includes(fragment))
  if (found === undefined) throw new Error(`no calendar named like ${fragment}`)
  return found
}

function editOf(calendar: Calendar, change: (draft: CalendarSaveInput['calendar']) => void) {
  const draft = structuredClone({
    name: calendar.name,
    description: calendar.description,
    timeZone: calendar.timeZone,
    coverage: calendar.coverage,
    weekly: calendar.weekly,
    holidays: calendar.holidays,
  })
  change(draft)
  return { id: calendar.id, baseUpdatedAt: calendar.updatedAt, calendar: draft }
}

describe('calendars', () => {
  it('lists every calendar by name with its accounts and the workspace default', async () => {
    const list = await repository().list()
    const accounts = (
      await rx()
        .accounts.find({ selector: { archived: false } })
        .exec()
    ).map((d) => d.toJSON())
    expect(list.map((item) => item.calendar.name)).toEqual(
      [...list.map((item) => item.calendar.name)].sort(),
    )
    expect(list).toHaveLength((await storedCalendars()).length)
    expect(list.filter((item) => item.isDefault)).toHaveLength(1)
    for (const item of list) {
      expect(item.accounts).toBe(accounts.filter((a) => a.calendarId === item.calendar.id).length)
    }
  })

  it('saves a valid change in place: a second interval on Friday and a holiday', async () => {
    const berlin = await calendarNamed('Berlin')
    const saved = await repository().save(
      editOf(berlin, (draft) => {
        draft.weekly.fri = [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '15:00' },
        ]
        draft.holidays.push({ kind: 'full-day', date: '2027-05-01', name: 'Labour Day 2027' })
      }),
    )
    const stored = await calendarNamed('Berlin')
    expect(stored).toEqual(saved)
    expect(stored.weekly.fri).toHaveLength(2)
    expect(stored.updatedAt).toBe(now.toISOString())
    expect(stored.createdAt).toBe(berlin.createdAt)
  })

  it.each([
    [
      'overlapping intervals',
      (draft: CalendarSaveInput['calendar']) => {
        draft.weekly.mon = [
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '17:00' },
        ]
      },
      'calendar.weekly.mon.1',
    ],
    [
      'an unknown zone',
      (draft: CalendarSaveInput['calendar']) => {
        draft.timeZone = 'Mars/Olympus_Mons'
      },
      'calendar.timeZone',
    ],
    [
      'a partial holiday ending before it starts',
      (draft: CalendarSaveInput['calendar']) => {
        draft.holidays.push({
          kind: 'partial',
          date: '2027-12-24',
          name: 'Christmas Eve',
          closedFrom: '13:00',
          closedUntil: '09:00',
        })
      },
      `calendar.holidays.HOLIDAY.closedUntil`,
    ],
  ])('refuses %s naming the field, and keeps the stored calendar', async (_name, change, field) => {
    const tokyo = await calendarNamed('Tokyo')
    const before = await storedCalendars()
    const input = editOf(tokyo, change)
    const expectedField = field.replace('HOLIDAY', String(input.calendar.holidays.length - 1))
    const error: unknown = await repository()
      .save(input)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'validation' })
    const issues = (error as { details?: { issues?: { field: string }[] } }).details?.issues ?? []
    expect(issues.map((issue) => issue.field)).toEqual([expectedField])
    expect(await storedCalendars()).toEqual(before)
  })

  it('refuses a save over a calendar changed since it was loaded', async () => {
    const sydney = await calendarNamed('Sydney')
    await repository().save(editOf(sydney, (draft) => void (draft.description = 'first edit')))
    const before = await storedCalendars()
    await expect(
      repository().save(editOf(sydney, (draft) => void (draft.description = 'second edit'))),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await storedCalendars()).toEqual(before)
  })

  it('creates a new calendar', async () => {
    const count = (await storedCalendars()).length
    const created = await repository().save({
      id: null,
      baseUpdatedAt: null,
      calendar: {
        name: 'Night desk (Chicago)',
        description: '',
        timeZone: 'America/Chicago',
        coverage: 'business-hours',
        weekly: {
          mon: [{ start: '22:00', end: '06:00' }],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: [],
          sun: [],
        },
        holidays: [],
      },
    })
    expect(await storedCalendars()).toHaveLength(count + 1)
    expect((await calendarNamed('Night desk')).id).toBe(created.id)
  })

  it("previews a draft's week from the engine, without saving it", async () => {
    const us = await calendarNamed('New York')
    const before = await storedCalendars()
    const preview = repository().preview({
      calendar: editOf(us, (draft) => void (draft.weekly.sat = [{ start: '10:00', end: '14:00' }]))
        .calendar,
      date: '2026-11-26',
    })
    expect(preview.weekStart).toBe('2026-11-23')
    // Thanksgiving (a full-day holiday in the demo calendar) is closed; Saturday now opens.
    expect(preview.days[3]).toMatchObject({
      date: '2026-11-26',
      intervals: [],
      holiday: 'Thanksgiving Day',
    })
    expect(preview.days[5]?.intervals).toEqual([{ start: '10:00', end: '14:00' }])
    expect(await storedCalendars()).toEqual(before)
  })
})
