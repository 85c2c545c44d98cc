import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LibraryDocument } from '@shared/model/library'
import { savedViewSchema } from '@shared/model/saved-view'
import { portfolioViewStateSchema } from '@shared/portfolio/portfolio-view'
import { saveViewInput } from '@shared/portfolio/view-inputs'
import { openTestWorkspace, type TestWorkspace } from '../portfolio/test-workspace'
import { createViewsRepository } from './views-repository'

let workspace: TestWorkspace
let me: string
let colleague: string

beforeAll(async () => {
  workspace = await openTestWorkspace({ accounts: 20, tickets: 100 })
  const csms = await workspace.store
    .rx()
    .users.find({ selector: { role: 'csm' }, sort: [{ id: 'asc' }] })
    .exec()
  me = csms[0]?.id ?? ''
  colleague = csms[1]?.id ?? ''
}, 120_000)
afterAll(() => workspace.close())

const as = (user: () => string) =>
  createViewsRepository({
    rx: async () => workspace.store.rx(),
    owner: { current: async () => ({ id: user() }) },
  })

const state = portfolioViewStateSchema.parse({
  filters: { segments: ['enterprise'], healthBands: ['at-risk'], renewalWithinDays: 90 },
  sort: { field: 'arrReportingMinor', direction: 'desc' },
  columns: ['name', 'tierId', 'arrReportingMinor', 'renewalDate'],
})
const save = (input: Partial<Parameters<typeof saveViewInput.parse>[0]>) =>
  saveViewInput.parse({ screen: 'portfolio', name: 'Enterprise at risk', state, ...input })

async function stored(id: string): Promise<LibraryDocument | undefined> {
  return (await workspace.store.rx().library.findOne(id).exec())?.toJSON() as
    LibraryDocument | undefined
}

describe('saved views', () => {
  it('saves the current state in my name, valid against the model, and lists it back', async () => {
    const view = await as(() => me).save(save({}))
    expect(view).toMatchObject({ name: 'Enterprise at risk', mine: true, shared: false, state })
    const doc = await stored(view.id)
    expect(savedViewSchema.safeParse(doc).success).toBe(true)
    expect(doc).toMatchObject({ ownerId: me, screen: 'portfolio', kind: 'savedView' })
    const listed = await as(() => me).list('portfolio')
    expect(listed.find((v) => v.id === view.id)?.state).toEqual(state)
  })

  it('refuses a second view with the same name and writes nothing', async () => {
    const before = await workspace.store.rx().library.count().exec()
    await expect(as(() => me).save(save({ name: 'enterprise AT RISK' }))).rejects.toMatchObject({
      code: 'conflict',
    })
    expect(await workspace.store.rx().library.count().exec()).toBe(before)
  })

  it('shows others only the views their owner shared, read-only', async () => {
    const mine = await as(() => me).save(save({ name: 'Private to me' }))
    expect((await as(() => colleague).list('portfolio')).map((v) => v.id)).not.toContain(mine.id)
    await as(() => me).share({ id: mine.id, shared: true })
    const seen = (await as(() => colleague).list('portfolio')).find((v) => v.id === mine.id)
    expect(seen).toMatchObject({ mine: false, shared: true })
    await expect(as(() => colleague).rename({ id: mine.id, name: 'Taken' })).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(as(() => colleague).delete(mine.id)).rejects.toMatchObject({ code: 'forbidden' })
    expect((await stored(mine.id))?.name).toBe('Private to me')
  })

  it('renames, overwrites and deletes my view', async () => {
    const views = as(() => me)
    const view = await views.save(save({ name: 'Draft' }))
    const renamed = await views.rename({ id: view.id, name: 'Renewals this quarter' })
    expect(renamed.name).toBe('Renewals this quarter')
    const nextState = { ...state, sort: { field: 'renewalDate', direction: 'asc' } as const }
    await views.save(save({ id: view.id, name: 'Renewals this quarter', state: nextState }))
    expect((await views.list('portfolio')).find((v) => v.id === view.id)?.state.sort).toEqual(
      nextState.sort,
    )
    expect(await views.delete(view.id)).toEqual({ id: view.id, name: 'Renewals this quarter' })
    expect(await stored(view.id)).toBeUndefined()
    await expect(views.rename({ id: view.id, name: 'Gone' })).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it("lists the demo book's shared portfolio views with the filters it understands", async () => {
    const listed = await as(() => me).list('portfolio')
    const atRisk = listed.find((view) => view.name === 'At-risk ARR')
    expect(atRisk).toMatchObject({ mine: false, shared: true })
    expect(atRisk?.state.filters.healthBands).toEqual(['at-risk'])
  })

  it('refuses bad input naming the field', () => {
    const bad = saveViewInput.safeParse({ screen: 'portfolio', name: '  ', state })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['name'])
    const column = saveViewInput.safeParse({
      screen: 'portfolio',
      name: 'x',
      state: { ...state, columns: ['password'] },
    })
    expect(column.error?.issues[0]?.path).toEqual(['state', 'columns', 0])
  })
})
