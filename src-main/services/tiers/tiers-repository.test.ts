import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Tier, TierDefinition } from '@shared/model/tier'
import type { TierSaveInput } from '@shared/tiers/tier-queries'
import type { WorkspaceStore } from '../../db/workspace-store'
import { createTiersRepository } from './tiers-repository'
import { firstAdminAuthor, openDemoWorkspace, type DemoWorkspace } from '../testing/demo-workspace'

let workspace: DemoWorkspace
let store: WorkspaceStore
const today = new Date('2026-11-10T12:00:00.000Z')

beforeAll(async () => {
  workspace = await openDemoWorkspace('tiers', { accounts: 40, tickets: 200 })
  store = workspace.store
}, 60_000)

afterAll(async () => {
  await workspace.close()
})

const rx = () => store.rx()
const author = firstAdminAuthor(rx)
const repository = () => createTiersRepository({ rx: async () => rx(), author, now: () => today })

async function storedVersions(): Promise<Tier[]> {
  const docs = await rx()
    .tiers.find({ sort: [{ id: 'asc' }] })
    .exec()
  return docs.map((doc) => doc.toJSON() as Tier)
}

async function tierByKey(key: string): Promise<{ latest: Tier; versions: Tier[] }> {
  const versions = (await storedVersions())
    .filter((version) => version.key === key)
    .sort((a, b) => b.version - a.version)
  const latest = versions[0]
  if (latest === undefined) throw new Error(`no ${key} tier`)
  return { latest, versions }
}

function editOf(latest: Tier, change: (definition: TierDefinition) => void): TierSaveInput {
  const definition = structuredClone(latest.definition)
  change(definition)
  return {
    tierId: latest.tierId,
    baseVersionId: latest.id,
    name: latest.name,
    description: latest.description,
    status: latest.status,
    effectiveFrom: '2026-12-01',
    reason: 'Faster S1 first response for the 2027 catalogue.',
    definition,
  }
}

describe('tier catalogue and history', () => {
  it('lists the version in force of each tier in rank order, with its accounts', async () => {
    const catalogue = await repository().catalogue()
    const accounts = (
      await rx()
        .accounts.find({ selector: { archived: false } })
        .exec()
    ).map((doc) => doc.toJSON())
    expect(catalogue.tiers.map((item) => item.current.key)).toEqual([
      'community',
      'standard',
      'premium',
      'enterprise',
    ])
    const enterprise = catalogue.tiers[3]
    const stored = await tierByKey('enterprise')
    expect(enterprise?.current.version).toBe(3)
    expect(enterprise?.versionCount).toBe(stored.versions.length)
    expect(enterprise?.accountsOnCurrent).toBe(
      accounts.filter((a) => a.tierVersionId === enterprise?.current.id).length,
    )
    expect(enterprise?.accountsOnOlder).toBe(
      accounts.filter(
        (a) => a.tierId === enterprise?.tierId && a.tierVersionId !== enterprise.current.id,
      ).length,
    )
  })

  it("gives a tier's versions newest first, with author and a readable diff", async () => {
    const { latest } = await tierByKey('premium')
    const history = await repository().versions(latest.tierId)
    expect(history.versions.map((view) => view.version.version)).toEqual([2, 1])
    const admin = await author.current()
    expect(history.versions[0]?.authorName).toBe(admin.name)
    expect(history.versions[0]?.changes.map((change) => change.sentence)).toContain(
      'S1 first response: 60 → 30 minutes (24x7)',
    )
    expect(history.versions[1]?.changes).toEqual([])
  })

  it('refuses an unknown tier as not found', async () => {
    await expect(repository().versions('01JZZZZZZZZZZZZZZZZZZZZZZZ')).rejects.toMatchObject({
      code: 'not-found',
    })
  })
})

describe('a draft before it is saved', () => {
  it('reads its changes against the base version and writes nothing', async () => {
    const { latest } = await tierByKey('community')
    const before = await storedVersions()
    const edit = editOf(latest, (d) => {
      d.sla.S1.firstResponse = { minutes: 240, hours: 'business' }
      d.entitlements.channels = [...d.entitlements.channels, 'chat']
    })
    const changes = await repository().draftChanges({
      baseVersionId: edit.baseVersionId,
      name: edit.name,
      description: edit.description,
      status: edit.status,
      definition: edit.definition,
    })
    expect(changes.map((change) => change.sentence)).toEqual([
      'S1 first response: 8 → 4 business hours',
      'Channels: added chat',
    ])
    expect(await storedVersions()).toEqual(before)
  })

  it('refuses an invalid draft naming the field', async () => {
    const { latest } = await tierByKey('community')
    const definition = structuredClone(latest.definition)
    definition.sla.S4.firstResponse = null
    await expect(
      repository().draftChanges({
        baseVersionId: latest.id,
        name: latest.name,
        description: latest.description,
        status: latest.status,
        definition,
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      details: {
        issues: [
          { field: 'definition.sla.S4', message: expect.stringContaining('S4 has no SLA target') },
        ],
      },
    })
  })
})

describe('saving a tier version', () => {
  it('writes a new version with author, reason and diff, and leaves every stored version and account as it was', async () => {
    const before = await storedVersions()
    const accountsBefore = (await rx().accounts.find().exec()).map((doc) => [
      doc.id,
      doc.tierVersionId,
    ])
    const { latest } = await tierByKey('premium')
    const result = await repository().save(
      editOf(latest, (d) => {
        d.sla.S1.firstResponse = { minutes: 20, hours: '24x7' }
      }),
    )

    expect(result.version).toMatchObject({
      tierId: latest.tierId,
      version: latest.version + 1,
      effectiveFrom: '2026-12-01',
      authorId: (await author.current()).id,
      reason: 'Faster S1 first response for the 2027 catalogue.',
      diff: [
        {
          path: 'sla.S1.firstResponse',
          op: 'changed',
          before: { minutes: 30, hours: '24x7' },
          after: { minutes: 20, hours: '24x7' },
        },
      ],
    })
    expect(result.changes.map((c) => c.sentence)).toEqual([
      'S1 first response: 30 → 20 minutes (24x7)',
    ])
    const after = await storedVersions()
    expect(after.filter((version) => version.id !== result.version.id)).toEqual(before)
    expect(after.find((version) => version.id === result.version.id)).toEqual(result.version)
    expect((await rx().accounts.find().exec()).map((doc) => [doc.id, doc.tierVersionId])).toEqual(
      accountsBefore,
    )
    // Scheduled: the catalogue still shows the version in force today, and the new one as latest.
    const item = (await repository().catalogue()).tiers.find((t) => t.tierId === latest.tierId)
    expect(item?.current.id).toBe(latest.id)
    expect(item?.latest).toEqual({
      id: result.version.id,
      version: latest.version + 1,
      effectiveFrom: '2026-12-01',
    })
  })

  it('refuses a save based on a version that is no longer the latest, writing nothing', async () => {
    const { latest, versions } = await tierByKey('standard')
    const first = await repository().save(
      editOf(latest, (d) => {
        d.entitlements.namedContacts = 4
      }),
    )
    const stale = editOf(latest, (d) => {
      d.entitlements.namedContacts = 5
    })
    const before = await storedVersions()
    await expect(repository().save(stale)).rejects.toMatchObject({
      code: 'conflict',
      details: { latestVersionId: first.version.id, latestVersion: versions.length + 1 },
    })
    expect(await storedVersions()).toEqual(before)
  })

  it.each([
    [
      'a severity without any target',
      (input: TierSaveInput) => {
        input.definition.sla.S2 = {
          firstResponse: null,
          nextResponse: null,
          periodicUpdate: null,
          resolution: null,
        }
      },
      'definition.sla.S2',
    ],
    [
      'a target of zero minutes',
      (input: TierSaveInput) => {
        input.definition.sla.S1.firstResponse = { minutes: 0, hours: 'business' }
      },
      'definition.sla.S1.firstResponse.minutes',
    ],
    [
      'a periodic update promised for S4',
      (input: TierSaveInput) => {
        input.definition.sla.S4.periodicUpdate = { minutes: 480, hours: 'business' }
      },
      'definition.sla.S4.periodicUpdate',
    ],
    [
      'no reason',
      (input: TierSaveInput) => {
        input.reason = ' '
      },
      'reason',
    ],
    [
      'a date in the past',
      (input: TierSaveInput) => {
        input.effectiveFrom = '2026-11-09'
      },
      'effectiveFrom',
    ],
    [
      'no change at all',
      (input: TierSaveInput) => {
        input.definition = structuredClone(input.definition)
      },
      '',
    ],
  ])(
    'refuses %s with a validation error naming the field, writing nothing',
    async (_name, edit, field) => {
      const { latest } = await tierByKey('enterprise')
      const input = editOf(latest, () => undefined)
      edit(input)
      const before = await storedVersions()
      const error: unknown = await repository()
        .save(input)
        .catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: 'validation' })
      const issues = (error as { details?: { issues?: { field: string }[] } }).details?.issues ?? []
      expect(issues.map((issue) => issue.field)).toEqual([field])
      expect(await storedVersions()).toEqual(before)
    },
  )
})
