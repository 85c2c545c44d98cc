import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseStudyFields } from '@shared/library/case-study-queries'
import type { CaseStudy } from '@shared/model/case-study'
import type { UserRole } from '@shared/model/enums'
import type { LibraryDocument } from '@shared/model/library'
import type { User } from '@shared/model/user'
import { WORKSPACE_SETTINGS_ID, type WorkspaceSettings } from '@shared/model/workspace-settings'
import { defaultStoryTemplates } from '@shared/proposals/value-story'
import { openDemoWorkspace, type DemoWorkspace } from '../testing/demo-workspace'
import { createCaseStudiesRepository } from './case-studies-repository'
import { createProposalSettingsService } from './proposal-settings-service'
import { createStoryTemplatesRepository } from './story-templates-repository'

/** The library services on a real SQLite demo workspace, as different users. */

let workspace: DemoWorkspace
const users = new Map<UserRole, User>()
let tierIds: { premium: string; enterprise: string }

beforeAll(async () => {
  workspace = await openDemoWorkspace('library', { accounts: 12, tickets: 60 })
  for (const doc of await workspace.store
    .rx()
    .users.find({ sort: [{ id: 'asc' }] })
    .exec()) {
    const user = doc.toJSON() as User
    if (!users.has(user.role)) users.set(user.role, user)
  }
  const tiers = (await workspace.store.rx().tiers.find().exec()).map((doc) => doc.toJSON())
  const byName = (name: string) => tiers.find((tier) => tier.name === name)?.tierId ?? ''
  tierIds = { premium: byName('Premium'), enterprise: byName('Enterprise') }
}, 120_000)
afterAll(() => workspace.close())

const rx = async () => workspace.store.rx()
const as = (role: UserRole) => ({
  current: async () => {
    const user = users.get(role)
    if (user === undefined) throw new Error(`the demo book has no ${role}`)
    return { id: user.id, name: user.name, role: user.role }
  },
})
const caseStudies = (role: UserRole = 'csm', now?: () => Date) =>
  createCaseStudiesRepository({ rx, currentUser: as(role), ...(now === undefined ? {} : { now }) })
const templates = () => createStoryTemplatesRepository({ rx, currentUser: as('csm') })
const settings = (role: UserRole) => createProposalSettingsService({ rx, currentUser: as(role) })

async function stored(id: string): Promise<LibraryDocument | undefined> {
  return (await workspace.store.rx().library.findOne(id).exec())?.toJSON() as
    LibraryDocument | undefined
}

const story = (fields: Partial<CaseStudyFields> = {}): CaseStudyFields => ({
  name: 'Fewer S1 escalations after Premium',
  customerLabel: 'A European logistics company, 2,000 seats',
  segments: ['enterprise'],
  tierIds: [tierIds.premium],
  bodyMarkdown: 'A named TAM and **1-hour** S1 response.',
  figures: [{ label: 'S1 resolution time', value: '−42 %' }],
  archived: false,
  ...fields,
})

describe('case studies', () => {
  it('seeds the demo book with tagged stories, one of them archived', async () => {
    const all = await caseStudies().list({ includeArchived: true })
    // Runs first: everything listed is the demo book's.
    const seeded = all
    expect(seeded.length).toBeGreaterThanOrEqual(4)
    expect(seeded.filter((item) => item.caseStudy.archived)).toHaveLength(1)
    expect(seeded.flatMap((item) => item.tierNames)).toEqual(
      expect.arrayContaining(['Premium', 'Enterprise']),
    )
  })
  it('creates a story in my name, stored valid, and lists it with its tier names', async () => {
    const created = await caseStudies().save({ id: null, baseUpdatedAt: null, caseStudy: story() })
    expect(await stored(created.id)).toEqual(created)
    expect(created).toMatchObject({ kind: 'caseStudy', createdById: users.get('csm')?.id })
    const listed = await caseStudies().list({})
    expect(listed.find((item) => item.caseStudy.id === created.id)).toMatchObject({
      tierNames: ['Premium'],
      createdByName: users.get('csm')?.name,
    })
  })

  it('filters by segment, tier and search words; untagged stories fit any', async () => {
    const untagged = await caseStudies().save({
      id: null,
      baseUpdatedAt: null,
      caseStudy: story({
        name: 'Onboarding in two weeks',
        customerLabel: 'A fintech start-up',
        bodyMarkdown: 'Live in two weeks.',
        segments: [],
        tierIds: [],
      }),
    })
    const smbPremium = await caseStudies().list({ segment: 'smb', tierId: tierIds.premium })
    const names = smbPremium.map((item) => item.caseStudy.name)
    expect(smbPremium.map((item) => item.caseStudy.id)).toContain(untagged.id)
    expect(names).not.toContain('Fewer S1 escalations after Premium')
    const enterprise = await caseStudies().list({ segment: 'enterprise', tierId: tierIds.premium })
    expect(enterprise.map((item) => item.caseStudy.name)).toContain(
      'Fewer S1 escalations after Premium',
    )
    const search = (await caseStudies().list({ search: 'LOGISTICS named 1-hour' })).map(
      (item) => item.caseStudy.name,
    )
    expect(search).toEqual(['Fewer S1 escalations after Premium'])
  })

  it('edits the loaded version and refuses a stale one as a conflict, keeping the newer text', async () => {
    const created = await caseStudies().save({
      id: null,
      baseUpdatedAt: null,
      caseStudy: story({ name: 'Edit me' }),
    })
    const edited = await caseStudies('tam').save({
      id: created.id,
      baseUpdatedAt: created.updatedAt,
      caseStudy: story({ name: 'Edited', segments: ['enterprise', 'strategic'] }),
    })
    expect(edited).toMatchObject({ name: 'Edited', updatedBy: users.get('tam')?.id })
    expect(edited.createdById).toBe(users.get('csm')?.id)
    await expect(
      caseStudies().save({
        id: created.id,
        baseUpdatedAt: created.updatedAt,
        caseStudy: story({ name: 'Stale' }),
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('“Edited”') })
    expect(await stored(created.id)).toMatchObject({ name: 'Edited' })
  })

  it('refuses a stale save even when both saves fall in the same millisecond', async () => {
    const frozen = () => new Date('2026-12-01T10:00:00.000Z')
    const created = await caseStudies('csm', frozen).save({
      id: null,
      baseUpdatedAt: null,
      caseStudy: story({ name: 'Same instant' }),
    })
    const edited = await caseStudies('csm', frozen).save({
      id: created.id,
      baseUpdatedAt: created.updatedAt,
      caseStudy: story({ name: 'Same instant, edited' }),
    })
    expect(edited.updatedAt).not.toBe(created.updatedAt)
    await expect(
      caseStudies('csm', frozen).save({
        id: created.id,
        baseUpdatedAt: created.updatedAt,
        caseStudy: story({ name: 'Stale' }),
      }),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await stored(created.id)).toMatchObject({ name: 'Same instant, edited' })
  })

  it('refuses bad input with field-named validation errors and writes nothing', async () => {
    const before = await workspace.store.rx().library.count().exec()
    const bad: [Partial<CaseStudyFields>, string][] = [
      [{ name: '' }, 'caseStudy.name'],
      [{ segments: ['enterprise', 'enterprise'] }, 'caseStudy.segments'],
      [{ bodyMarkdown: 'x'.repeat(20_001) }, 'caseStudy.bodyMarkdown'],
      [{ figures: [{ label: 'S1', value: '' }] }, 'caseStudy.figures.0.value'],
      [{ tierIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] }, 'caseStudy.tierIds'],
    ]
    for (const [fields, field] of bad) {
      const error = await caseStudies()
        .save({ id: null, baseUpdatedAt: null, caseStudy: story(fields) })
        .catch((e: unknown) => e)
      expect(error, field).toMatchObject({
        code: 'validation',
        message: expect.stringMatching(/^Invalid case study: /),
        details: { issues: expect.arrayContaining([expect.objectContaining({ field })]) },
      })
    }
    await expect(
      caseStudies().save({
        id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        baseUpdatedAt: null,
        caseStudy: story(),
      }),
    ).rejects.toMatchObject({ code: 'not-found' })
    expect(await workspace.store.rx().library.count().exec()).toBe(before)
  })

  it('deletes a story (it leaves the list) and restores it as it was for undo', async () => {
    const created = await caseStudies().save({
      id: null,
      baseUpdatedAt: null,
      caseStudy: story({ name: 'Delete me' }),
    })
    const deleted = await caseStudies().delete({ id: created.id })
    expect(deleted).toEqual(created)
    expect(await stored(created.id)).toBeUndefined()
    expect((await caseStudies().list({})).map((item) => item.caseStudy.id)).not.toContain(
      created.id,
    )
    await expect(caseStudies().delete({ id: created.id })).rejects.toMatchObject({
      code: 'not-found',
    })
    const restored: CaseStudy = await caseStudies().restore({ caseStudy: deleted })
    expect({ ...restored, updatedAt: created.updatedAt }).toEqual(created)
    expect(await stored(created.id)).toMatchObject({
      name: 'Delete me',
      bodyMarkdown: created.bodyMarkdown,
    })
    await expect(caseStudies().restore({ caseStudy: deleted })).rejects.toMatchObject({
      code: 'conflict',
    })
  })

  it('keeps archived stories out of the list unless asked for', async () => {
    const archived = await caseStudies().save({
      id: null,
      baseUpdatedAt: null,
      caseStudy: story({ name: 'Old story', archived: true }),
    })
    const ids = async (includeArchived: boolean) =>
      (await caseStudies().list({ includeArchived })).map((item) => item.caseStudy.id)
    expect(await ids(false)).not.toContain(archived.id)
    expect(await ids(true)).toContain(archived.id)
  })
})

describe('value-story templates', () => {
  it('lists the built-in default for every section until one is saved', async () => {
    const list = await templates().list()
    expect(list.map((item) => item.section)).toEqual(['situation', 'impact', 'change', 'outcomes'])
    expect(list.every((item) => item.stored === null)).toBe(true)
    expect(list[0]?.bodyMarkdown).toBe(defaultStoryTemplates.situation)
  })

  it('saves a section’s own wording, then resets it to the default', async () => {
    const saved = await templates().save({
      section: 'impact',
      name: 'Impact',
      bodyMarkdown: '{{account.name}} lost {{evidence.breaches}} SLAs.',
      baseUpdatedAt: null,
    })
    expect(await stored(saved.id)).toEqual(saved)
    const impact = (await templates().list()).find((item) => item.section === 'impact')
    expect(impact).toMatchObject({ bodyMarkdown: saved.bodyMarkdown, stored: saved })
    const again = await templates().save({
      section: 'impact',
      name: 'Impact',
      bodyMarkdown: 'Second wording for {{account.name}}.',
      baseUpdatedAt: saved.updatedAt,
    })
    expect(again.id).toBe(saved.id)
    const reset = await templates().reset({ section: 'impact' })
    expect(reset).toMatchObject({ stored: null, bodyMarkdown: defaultStoryTemplates.impact })
    expect(await stored(saved.id)).toBeUndefined()
  })

  it('refuses a template with unknown variables or open braces, and a stale save, writing nothing', async () => {
    const kept = await templates().save({
      section: 'change',
      name: 'Change',
      bodyMarkdown: '{{target.tier}} changes it.',
      baseUpdatedAt: null,
    })
    await expect(
      templates().save({
        section: 'change',
        name: 'Change',
        bodyMarkdown: '{{target.teir}} and {{pricing.annualTotal',
        baseUpdatedAt: kept.updatedAt,
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('{{target.teir}}'),
      details: { unknown: ['target.teir'], unclosed: [expect.stringContaining('{{pricing')] },
    })
    await expect(
      templates().save({
        section: 'change',
        name: 'Change',
        bodyMarkdown: 'x',
        baseUpdatedAt: null,
      }),
    ).rejects.toMatchObject({ code: 'conflict' })
    await expect(
      templates().save({
        section: 'nope' as 'change',
        name: 'Change',
        bodyMarkdown: 'x',
        baseUpdatedAt: null,
      }),
    ).rejects.toMatchObject({ code: 'validation' })
    expect(await stored(kept.id)).toEqual(kept)
  })
})

describe('proposal settings', () => {
  const workspaceDoc = async () => (await stored(WORKSPACE_SETTINGS_ID)) as WorkspaceSettings

  it('reads the seeded threshold and branding, and who may change the threshold', async () => {
    expect(await settings('csm').get()).toMatchObject({
      approvalThresholdShare: 0.15,
      branding: { companyName: 'Corvid Analytics', logoDataUrl: null },
      canEditThreshold: false,
    })
    expect(await settings('manager').get()).toMatchObject({ canEditThreshold: true })
    expect(await settings('admin').get()).toMatchObject({ canEditThreshold: true })
  })

  it('lets a CSM change branding but not the threshold', async () => {
    const current = await settings('csm').get()
    const branded = await settings('csm').save({
      approvalThresholdShare: current.approvalThresholdShare,
      branding: { ...current.branding, companyName: 'Corvid CS', accentColour: '#2b8a3e' },
      baseUpdatedAt: current.updatedAt,
    })
    expect(branded.branding).toMatchObject({ companyName: 'Corvid CS', accentColour: '#2b8a3e' })
    expect(branded.updatedByName).toBe(users.get('csm')?.name)
    await expect(
      settings('csm').save({
        approvalThresholdShare: 0.3,
        branding: branded.branding,
        baseUpdatedAt: branded.updatedAt,
      }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('manager') })
    expect(await workspaceDoc()).toMatchObject({
      approvalThresholdShare: 0.15,
      branding: { companyName: 'Corvid CS' },
    })
  })

  it('lets a manager change the threshold and keeps the rest of the workspace settings', async () => {
    const before = await workspaceDoc()
    const current = await settings('manager').get()
    const saved = await settings('manager').save({
      approvalThresholdShare: 0.2,
      branding: current.branding,
      baseUpdatedAt: current.updatedAt,
    })
    expect(saved.approvalThresholdShare).toBe(0.2)
    const after = await workspaceDoc()
    expect(after).toEqual({
      ...before,
      approvalThresholdShare: 0.2,
      updatedAt: after.updatedAt,
      updatedBy: users.get('manager')?.id,
    })
  })

  it('refuses bad branding, a bad threshold and a stale form, changing nothing', async () => {
    const before = await workspaceDoc()
    const current = await settings('admin').get()
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=='
    const svgAsPng = `data:image/png;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"/>')}`
    const tooBig = `data:image/png;base64,${'iVBORw0KGgo' + 'A'.repeat(90_000 - 11)}`
    const bad: [Record<string, unknown>, string][] = [
      [{ approvalThresholdShare: 1.5 }, 'approvalThresholdShare'],
      [{ branding: { ...current.branding, primaryColour: 'blue' } }, 'branding.primaryColour'],
      [{ branding: { ...current.branding, companyName: '' } }, 'branding.companyName'],
      [{ branding: { ...current.branding, logoDataUrl: svgAsPng } }, 'branding.logoDataUrl'],
      [{ branding: { ...current.branding, logoDataUrl: tooBig } }, 'branding.logoDataUrl'],
      [
        { branding: { ...current.branding, logoDataUrl: 'https://x.test/a.png' } },
        'branding.logoDataUrl',
      ],
    ]
    for (const [patch, field] of bad) {
      const error = await settings('admin')
        .save({
          approvalThresholdShare: current.approvalThresholdShare,
          branding: current.branding,
          baseUpdatedAt: current.updatedAt,
          ...patch,
        } as Parameters<ReturnType<typeof settings>['save']>[0])
        .catch((e: unknown) => e)
      expect(error, field).toMatchObject({
        code: 'validation',
        details: { issues: expect.arrayContaining([expect.objectContaining({ field })]) },
      })
    }
    await expect(
      settings('admin').save({
        approvalThresholdShare: 0.1,
        branding: current.branding,
        baseUpdatedAt: '2020-01-01T00:00:00.000Z',
      }),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await workspaceDoc()).toEqual(before)

    const withLogo = await settings('admin').save({
      approvalThresholdShare: current.approvalThresholdShare,
      branding: { ...current.branding, logoDataUrl: png },
      baseUpdatedAt: current.updatedAt,
    })
    expect((await workspaceDoc()).branding.logoDataUrl).toBe(png)
    expect(withLogo.branding.logoDataUrl).toBe(png)
  })
})
