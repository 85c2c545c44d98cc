import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type OutputOf } from '@shared/ipc/contract'
import { TierlineError } from '@shared/ipc/errors'
import type { Account } from '@shared/model/account'
import type { Alert } from '@shared/model/alert'
import { newId } from '@shared/model/ids'
import { migrateProposalV0, type Proposal } from '@shared/model/proposal'
import type { ProposalContent } from '@shared/model/proposal-content'
import { proposalVersionId, type ProposalVersion } from '@shared/model/proposal-version'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { User } from '@shared/model/user'
import { priceProposal } from '@shared/proposals/pricing'
import { DEFAULT_AS_OF } from '../../db/seed/options'
import type { TierlineDatabase } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createEligibilityService } from '../eligibility/eligibility-service'
import { createEngineCache, type EngineCache } from '../engines/engine-cache'
import { createHealthService } from '../health/health-service'
import { createActingAsStore } from '../session/acting-as-store'
import { createCurrentUserSource } from '../session/current-user'
import { createSessionSwitch, type SessionSwitch } from '../session/session-switch'
import { createSlaService } from '../sla/sla-service'
import { openDemoWorkspace, storedAccounts, type DemoWorkspace } from '../testing/demo-workspace'
import type { ProposalsService } from './handlers'
import { defaultAddOnBook } from '@shared/proposals/add-on-book'
import { createProposalsService } from './proposals-service'

const NOW = Date.parse(DEFAULT_AS_OF)
const TODAY = DEFAULT_AS_OF.slice(0, 10)

let workspace: DemoWorkspace
let rx: TierlineDatabase
let engines: EngineCache
let service: ProposalsService
let session: SessionSwitch
let folder: string
let signedIn = false
let accounts: Account[]
let catalogue: Tier[]
let users: User[]

type Channel = keyof ProposalsService

/** Calls a channel as the router does: the contract's schema first, then the service. */
async function call<C extends Channel>(channel: C, input: unknown): Promise<OutputOf<C>> {
  const parsed = contract[channel].input.safeParse(input)
  if (!parsed.success) throw new Error(`${channel} input refused: ${parsed.error.message}`)
  return service[channel](parsed.data as never) as Promise<OutputOf<C>>
}

async function refusal(work: Promise<unknown>): Promise<TierlineError> {
  try {
    await work
  } catch (error) {
    if (error instanceof TierlineError) return error
    throw error
  }
  throw new Error('expected a TierlineError')
}

const fields = (error: TierlineError) =>
  ((error.details?.['issues'] ?? []) as { field: string }[]).map((issue) => issue.field)

async function storedVersions(proposalId: string): Promise<ProposalVersion[]> {
  const docs = await rx.proposalVersions.find({ selector: { proposalId } }).exec()
  return docs.map((doc) => doc.toJSON() as ProposalVersion).sort((a, b) => a.version - b.version)
}

async function storedHead(id: string): Promise<Proposal> {
  const doc = await rx.proposals.findOne(id).exec()
  if (doc === null) throw new Error(`no proposal ${id}`)
  return doc.toJSON() as Proposal
}

function userOf(role: User['role']): User {
  const user = users.find((candidate) => candidate.role === role && candidate.active)
  if (user === undefined) throw new Error(`the demo book has no active ${role}`)
  return user
}

/** An account whose tier is not the top one, so there is a tier to propose. */
function upgradable(offset = 0): Account {
  const top = Math.max(...catalogue.map((tier) => tier.rank))
  const tierRank = (account: Account) =>
    catalogue.find((tier) => tier.tierId === account.tierId)?.rank ?? top
  const found = accounts.filter((a) => !a.archived && tierRank(a) < top)[offset]
  if (found === undefined) throw new Error('no upgradable account')
  return found
}

function withDiscount(content: ProposalContent, share: number): ProposalContent {
  return { ...content, pricing: { ...content.pricing, discount: { kind: 'percent', share } } }
}

beforeAll(async () => {
  workspace = await openDemoWorkspace('proposals', { accounts: 30, tickets: 1200 })
  rx = workspace.store.rx()
  folder = await mkdtemp(join(tmpdir(), 'tierline-acting-as-'))
  accounts = await storedAccounts(rx)
  catalogue = currentTierVersions(
    (await rx.tiers.find().exec()).map((doc) => doc.toJSON() as Tier),
    TODAY,
  )
  users = (await rx.users.find().exec()).map((doc) => doc.toJSON() as User)
  engines = createEngineCache({ database: async () => rx, now: () => NOW })
  const data = createAccountData(engines)
  const actingAs = createActingAsStore(async () => folder)
  const currentUser = createCurrentUserSource(
    async () => rx,
    () => actingAs.read(),
  )
  session = createSessionSwitch({
    rx: async () => rx,
    currentUser,
    actingAs,
    signedInToSync: () => signedIn,
    announce: () => undefined,
  })
  service = createProposalsService({
    rx: async () => rx,
    me: currentUser,
    evidence: {
      eligibility: createEligibilityService(engines, data, () => NOW),
      sla: createSlaService(engines, () => NOW),
      health: createHealthService(engines, data, () => NOW),
    },
    now: () => new Date(NOW),
  })
}, 120_000)

afterAll(async () => {
  engines.dispose()
  await workspace.close()
  await rm(folder, { recursive: true, force: true })
})

describe('proposals.start', () => {
  it('creates draft v1 from the account, the next tier up, its price book and the evidence', async () => {
    const account = upgradable()
    const head = await call('proposals.start', { accountId: account.id })
    const current = catalogue.find((tier) => tier.tierId === account.tierId)
    const detail = await call('proposals.get', { id: head.id })
    expect(head).toMatchObject({ status: 'draft', currentVersion: 1, accountId: account.id })
    expect(detail.targetTier.rank).toBeGreaterThan(current?.rank ?? 0)
    expect(detail.currentTier.tierVersionId).toBe(account.tierVersionId)
    const { pricing } = detail.content
    const minimum = detail.comparison.price.target?.minimumSeats ?? Number.POSITIVE_INFINITY
    expect(pricing.lines).toEqual([
      { kind: 'seats', quantity: Math.max(account.seats, minimum) },
      { kind: 'platform-fee' },
    ])
    expect(head.approval.required).toBe(false)
    expect(pricing.termMonths).toBe(12)
    expect(pricing.startDate).toBe(account.renewalDate > TODAY ? account.renewalDate : TODAY)
    // The head's totals are the priced version's, to the minor unit.
    const target = catalogue.find((tier) => tier.id === detail.targetTier.tierVersionId)
    const from = (await rx.tiers.findOne(account.tierVersionId).exec())?.toJSON() as Tier
    if (target === undefined) throw new Error('target not in catalogue')
    const priced = priceProposal(
      { ...pricing, downgradeReason: null },
      { targetTier: target, currentTier: from, addOns: defaultAddOnBook },
    )
    expect(head.totalContractValueMinor).toBe(priced.totalContractValueMinor)
    expect(detail.priced?.annualRecurringMinor).toBe(head.totalAnnualMinor)
    // Evidence: the health trend always; ticket ids all exist in the database.
    expect(detail.evidence.map((item) => item.kind)).toContain('health-trend')
    const ticketIds = detail.evidence.flatMap((item) => item.ticketIds)
    const found = await rx.tickets.findByIds(ticketIds).exec()
    expect(found.size).toBe(new Set(ticketIds).size)
    expect(await storedVersions(head.id)).toHaveLength(1)
    expect(detail.statusHistory).toEqual([
      expect.objectContaining({ status: 'draft', byId: head.ownerId, byName: expect.any(String) }),
    ])
    expect(detail.comparison.sla.length).toBeGreaterThan(0)
    expect(detail.comparison.entitlements.map((row) => row.key)).toContain('tamHoursPerMonth')
  })

  it('quotes the SLA replay under the target with the breached tickets, also when it avoids none', async () => {
    // The account with the most breaches in the book, so the replay has something to say.
    let best: { account: Account; evidence: ProposalContent['evidence'] } | null = null
    for (const account of accounts.filter((a) => !a.archived).slice(0, 12)) {
      const top = Math.max(...catalogue.map((tier) => tier.rank))
      if (catalogue.find((t) => t.tierId === account.tierId)?.rank === top) continue
      const head = await call('proposals.start', { accountId: account.id })
      const detail = await call('proposals.get', { id: head.id })
      if (
        detail.evidence.some(
          (item) => item.kind === 'sla-breaches' || item.kind === 'prevented-breaches',
        )
      ) {
        best = { account, evidence: detail.evidence }
        break
      }
    }
    if (best === null) throw new Error('no account of the demo book had SLA breaches')
    const replay = best.evidence.find(
      (item) => item.kind === 'sla-breaches' || item.kind === 'prevented-breaches',
    )
    expect(replay?.summary).toMatch(/^Last 12 months under .+: /)
    expect(replay?.ticketIds.length).toBeGreaterThan(0)
    const avoided = replay?.figures.find((figure) => figure.label.startsWith('Avoided'))?.value
    expect(replay?.kind).toBe((avoided ?? 0) > 0 ? 'prevented-breaches' : 'sla-breaches')
  })

  it('notes the alert it answers, and refuses an alert of another account or a lower target', async () => {
    const account = upgradable(1)
    const other = upgradable(2)
    const alert = (
      await rx.alerts.find({ selector: { accountId: account.id } }).exec()
    )[0]?.toJSON() as Alert | undefined
    if (alert !== undefined) {
      const head = await call('proposals.start', { accountId: account.id, alertId: alert.id })
      expect(head.statusHistory[0]?.note).toContain(alert.title)
      const before = await rx.proposals.count().exec()
      const wrong = await refusal(
        call('proposals.start', { accountId: other.id, alertId: alert.id }),
      )
      expect([wrong.code, fields(wrong)]).toEqual(['validation', ['alertId']])
      expect(await rx.proposals.count().exec()).toBe(before)
    }
    const lowest = catalogue[0]
    const onHigher = accounts.find(
      (a) => catalogue.find((t) => t.tierId === a.tierId)?.rank !== lowest?.rank,
    )
    if (lowest === undefined || onHigher === undefined) throw new Error('demo book has one tier')
    const before = await rx.proposals.count().exec()
    const down = await refusal(
      call('proposals.start', { accountId: onHigher.id, targetTierId: lowest.tierId }),
    )
    expect([down.code, fields(down)]).toEqual(['validation', ['targetTierId']])
    expect(await rx.proposals.count().exec()).toBe(before)
    const missing = await refusal(call('proposals.start', { accountId: alertFreeId() }))
    expect(missing.code).toBe('not-found')
  })
})

/** A well-formed id no account has. */
function alertFreeId(): string {
  return '01J00000000000000000000000'
}

describe('the demo book’s proposals', () => {
  it('each reads whole, priced to the figures its head stores, also once its offer has run out', async () => {
    const seeded = (await rx.proposals.find().exec()).map((doc) => doc.toJSON() as Proposal)
    expect(seeded.length).toBeGreaterThan(0)
    let expired = 0
    for (const head of seeded) {
      const detail = await call('proposals.get', { id: head.id })
      expect(detail.priced?.totalContractValueMinor, head.id).toBe(head.totalContractValueMinor)
      expect(detail.versions.map((v) => v.version)).toEqual([1])
      if (detail.content.validUntil < TODAY) {
        expired++
        expect(detail.issues.map((issue) => issue.field)).toContain('content.validUntil')
      }
    }
    expect(expired).toBeGreaterThan(0)
  })
})

describe('proposals.preview', () => {
  it('prices the form live, asks for approval above the threshold and names bad fields', async () => {
    const account = upgradable()
    const target = catalogue.find(
      (tier) => tier.rank > (catalogue.find((t) => t.tierId === account.tierId)?.rank ?? 0),
    )
    if (target === undefined) throw new Error('no target')
    const pricing = {
      currency: account.arr.currency,
      startDate: TODAY,
      termMonths: 12,
      lines: [{ kind: 'seats', quantity: account.seats }, { kind: 'platform-fee' }],
      discount: { kind: 'percent', share: 0.2 },
    }
    const preview = await call('proposals.preview', {
      accountId: account.id,
      targetTierId: target.tierId,
      pricing,
    })
    expect(preview.thresholdShare).toBe(0.15)
    expect(preview.addOns.map((addOn) => addOn.key)).toContain('extra-tam-hours')
    expect(preview.priced?.discountTotalMinor).toBeGreaterThan(0)
    expect(preview.approval?.required).toBe(true)
    expect(preview.approval?.reasons.map((r) => r.code)).toContain('overall-discount')
    const bad = await call('proposals.preview', {
      accountId: account.id,
      targetTierId: target.tierId,
      pricing: { ...pricing, lines: [{ kind: 'seats', quantity: -3 }] },
    })
    expect(bad.priced).toBeNull()
    expect(bad.issues.map((issue) => issue.field)).toContain('lines.0.quantity')
  })
})

describe('proposals.save', () => {
  let head: Proposal
  let v1: ProposalContent

  beforeAll(async () => {
    head = await call('proposals.start', { accountId: upgradable(3).id })
    v1 = (await call('proposals.get', { id: head.id })).content
  })

  it('writes the next version and points the head at it', async () => {
    const saved = await call('proposals.save', {
      id: head.id,
      baseVersion: 1,
      content: { ...v1, title: 'Premium for next year' },
      note: 'Shorter title',
    })
    expect(saved.version).toMatchObject({ version: 2, note: 'Shorter title', proposalId: head.id })
    expect((await storedHead(head.id)).currentVersion).toBe(2)
    expect((await storedHead(head.id)).title).toBe('Premium for next year')
    expect((await storedVersions(head.id)).map((v) => v.version)).toEqual([1, 2])
    // Another device saving its own version 2 offline would write this same document id.
    expect(saved.version.id).toBe(proposalVersionId(head.id, 2))
  })

  const current = catalogue
  const badInputs: [string, (c: ProposalContent) => ProposalContent, string][] = [
    [
      'a negative quantity',
      (c) => ({
        ...c,
        pricing: {
          ...c.pricing,
          lines: [{ kind: 'seats', quantity: -1 }, { kind: 'platform-fee' }],
        },
      }),
      'content.pricing.lines.0.quantity',
    ],
    ['a discount over 100 %', (c) => withDiscount(c, 1.5), 'content.pricing.discount.share'],
    [
      'a start before the current contract’s start (end before start)',
      (c) => ({ ...c, pricing: { ...c.pricing, startDate: '2001-01-01' } }),
      'content.pricing.startDate',
    ],
    [
      'a currency the tier has no price for (a line without a price)',
      (c) => ({ ...c, pricing: { ...c.pricing, currency: 'CHF' } }),
      'content.pricing.currency',
    ],
    [
      'an add-on the book does not have',
      (c) => ({
        ...c,
        pricing: {
          ...c.pricing,
          lines: [...c.pricing.lines, { kind: 'add-on', addOnKey: 'gold-plating', quantity: 1 }],
        },
      }),
      'content.pricing.lines.2.addOnKey',
    ],
    [
      'an offer that has run out',
      (c) => ({ ...c, validUntil: '2020-01-01' }),
      'content.validUntil',
    ],
  ]
  void current

  it.each(badInputs)(
    'refuses %s with the field named, writing nothing',
    async (_name, spoil, field) => {
      const before = await storedHead(head.id)
      const versionsBefore = await storedVersions(head.id)
      const error = await refusal(
        call('proposals.save', {
          id: head.id,
          baseVersion: before.currentVersion,
          content: spoil(v1),
        }),
      )
      expect(error.code).toBe('validation')
      expect(fields(error)).toContain(field)
      expect(error.message).toMatch(/^Invalid proposal: /)
      expect(await storedHead(head.id)).toEqual(before)
      expect(await storedVersions(head.id)).toEqual(versionsBefore)
    },
  )

  it('refuses a lower target without a downgrade reason, and accepts it with one', async () => {
    const detail = await call('proposals.get', { id: head.id })
    const lower = catalogue.find((tier) => tier.rank < detail.currentTier.rank)
    if (lower === undefined) return // the account is on the lowest tier: nothing below it
    const down: ProposalContent = {
      ...detail.content,
      targetTierId: lower.tierId,
      targetTierVersionId: lower.id,
      downgradeReason: null,
    }
    const error = await refusal(
      call('proposals.save', {
        id: head.id,
        baseVersion: detail.head.currentVersion,
        content: down,
      }),
    )
    expect(fields(error)).toEqual(['content.downgradeReason'])
    const saved = await call('proposals.save', {
      id: head.id,
      baseVersion: detail.head.currentVersion,
      content: { ...down, downgradeReason: 'Budget cut; they use few premium services' },
    })
    expect(saved.head.toTierId).toBe(lower.tierId)
  })

  it('sells an add-on from the book the detail offers', async () => {
    const detail = await call('proposals.get', { id: head.id })
    const addOn = detail.addOns.find((candidate) => candidate.key === 'extra-tam-hours')
    expect(addOn).toBeDefined()
    const saved = await call('proposals.save', {
      id: head.id,
      baseVersion: detail.head.currentVersion,
      content: {
        ...detail.content,
        pricing: {
          ...detail.content.pricing,
          lines: [
            ...detail.content.pricing.lines,
            { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 4 },
          ],
        },
      },
    })
    const priced = (await call('proposals.get', { id: head.id })).priced
    const line = priced?.lines.find((candidate) => candidate.key === 'extra-tam-hours')
    const price = addOn?.prices.find((p) => p.currency === detail.content.pricing.currency)
    expect(line?.grossMinor).toBe(
      (price?.unitPriceMinor ?? 0) * 4 * detail.content.pricing.termMonths,
    )
    expect(saved.head.totalContractValueMinor).toBe(priced?.totalContractValueMinor)
  })

  it('refuses a stale base version as a conflict', async () => {
    const latest = (await storedHead(head.id)).currentVersion
    const error = await refusal(
      call('proposals.save', { id: head.id, baseVersion: latest - 1, content: v1 }),
    )
    expect(error.code).toBe('conflict')
    expect((await storedHead(head.id)).currentVersion).toBe(latest)
  })

  it('diffs two versions readably and restores an older one as a new version', async () => {
    const latest = (await storedHead(head.id)).currentVersion
    const discounted = await call('proposals.save', {
      id: head.id,
      baseVersion: latest,
      content: withDiscount(v1, 0.1),
    })
    const diff = await call('proposals.diff', {
      id: head.id,
      from: 1,
      to: discounted.head.currentVersion,
    })
    expect(diff.changes.map((c) => c.sentence)).toContain('Overall discount: none → 10 %')
    const restored = await call('proposals.restore', {
      id: head.id,
      version: 1,
      baseVersion: discounted.head.currentVersion,
    })
    expect(restored.version.version).toBe(discounted.head.currentVersion + 1)
    expect(restored.version.note).toBe('Restored from version 1')
    expect(restored.version.content).toEqual((await storedVersions(head.id))[0]?.content)
    const history = await call('proposals.versions', { id: head.id })
    expect(history.versions.map((v) => v.version)).toEqual(
      [...Array(restored.version.version).keys()].map((i) => restored.version.version - i),
    )
  })
})

describe('status and approval', () => {
  it('blocks sending a discount above the threshold until a manager approves that version', async () => {
    const csm = userOf('csm')
    const manager = userOf('manager')
    await session.switchUser(csm.id)
    const head = await call('proposals.start', { accountId: upgradable(4).id })
    const content = (await call('proposals.get', { id: head.id })).content
    const saved = await call('proposals.save', {
      id: head.id,
      baseVersion: 1,
      content: withDiscount(content, 0.2),
    })
    expect(saved.head.approval).toMatchObject({ required: true, approvedVersion: null })
    const blocked = await refusal(call('proposals.setStatus', { id: head.id, to: 'sent' }))
    expect([blocked.code, fields(blocked)]).toEqual(['validation', ['status']])
    await call('proposals.setStatus', { id: head.id, to: 'in-review', note: 'Please approve' })
    const notAllowed = await refusal(call('proposals.setStatus', { id: head.id, to: 'approved' }))
    expect(notAllowed.code).toBe('forbidden')
    expect((await storedHead(head.id)).status).toBe('in-review')

    await session.switchUser(manager.id)
    const detail = await call('proposals.get', { id: head.id })
    expect(detail.viewer.id).toBe(manager.id)
    expect(detail.transitions.find((t) => t.to === 'approved')?.verdict.allowed).toBe(true)
    const approved = await call('proposals.setStatus', { id: head.id, to: 'approved' })
    expect(approved.approval).toMatchObject({ approvedById: manager.id, approvedVersion: 2 })

    await session.switchUser(csm.id)
    const sent = await call('proposals.setStatus', { id: head.id, to: 'sent' })
    expect(sent.sentAt).not.toBeNull()
    expect(sent.statusHistory.map((change) => [change.status, change.byId])).toEqual([
      ['draft', csm.id],
      ['in-review', csm.id],
      ['approved', manager.id],
      ['sent', csm.id],
    ])

    // A new version after approval is approved only if it needs no approval: this one does.
    const revised = await call('proposals.save', {
      id: head.id,
      baseVersion: 2,
      content: withDiscount(content, 0.25),
    })
    expect(revised.head.status).toBe('draft')
    const list = await call('proposals.list', { accountId: head.accountId })
    expect(list.items.find((item) => item.id === head.id)?.needsApproval).toBe(true)
    const again = await refusal(call('proposals.setStatus', { id: head.id, to: 'sent' }))
    expect(fields(again)).toEqual(['status'])
  })

  it('ends at accepted: no more edits or moves; lost can reopen as a draft', async () => {
    const head = await call('proposals.start', { accountId: upgradable(5).id })
    await call('proposals.setStatus', { id: head.id, to: 'sent' })
    const accepted = await call('proposals.setStatus', { id: head.id, to: 'accepted' })
    expect(accepted.decidedAt).not.toBeNull()
    const content = (await call('proposals.get', { id: head.id })).content
    const edit = await refusal(call('proposals.save', { id: head.id, baseVersion: 1, content }))
    expect(edit.code).toBe('forbidden')
    const move = await refusal(call('proposals.setStatus', { id: head.id, to: 'draft' }))
    expect([move.code, fields(move)]).toEqual(['validation', ['to']])

    const other = await call('proposals.start', { accountId: upgradable(6).id })
    const lost = await call('proposals.setStatus', {
      id: other.id,
      to: 'lost',
      note: 'Chose a competitor',
    })
    expect(lost.statusHistory.at(-1)?.note).toBe('Chose a competitor')
    const reopened = await call('proposals.setStatus', { id: other.id, to: 'draft' })
    expect(reopened.decidedAt).toBeNull()
  })
})

describe('list, duplicate and archive', () => {
  it('filters by status, account and search; archiving hides, unarchiving brings back', async () => {
    const account = upgradable(7)
    const head = await call('proposals.start', { accountId: account.id })
    const mine = await call('proposals.list', { accountId: account.id })
    expect(mine.items.map((item) => item.id)).toContain(head.id)
    const item = mine.items.find((entry) => entry.id === head.id)
    expect(item).toMatchObject({
      status: 'draft',
      accountName: account.name,
      annualValueMinor: head.totalAnnualMinor,
      ageDays: 0,
      needsApproval: false,
    })
    const searched = await call('proposals.list', {
      search: account.name.slice(0, 6).toUpperCase(),
    })
    expect(searched.items.map((entry) => entry.id)).toContain(head.id)
    const sent = await call('proposals.list', { status: 'sent', accountId: account.id })
    expect(sent.items.map((entry) => entry.id)).not.toContain(head.id)

    await call('proposals.archive', { id: head.id, archived: true })
    expect(
      (await call('proposals.list', { accountId: account.id })).items.map((i) => i.id),
    ).not.toContain(head.id)
    const all = await call('proposals.list', { accountId: account.id, includeArchived: true })
    expect(all.items.find((entry) => entry.id === head.id)?.archived).toBe(true)
    await call('proposals.archive', { id: head.id, archived: false })
    expect(
      (await call('proposals.list', { accountId: account.id })).items.map((i) => i.id),
    ).toContain(head.id)
  })

  it('duplicates the current version as a new draft owned by me', async () => {
    const head = await call('proposals.start', { accountId: upgradable(8).id })
    const copy = await call('proposals.duplicate', { id: head.id })
    expect(copy.id).not.toBe(head.id)
    expect(copy).toMatchObject({
      status: 'draft',
      currentVersion: 1,
      title: `${head.title} (copy)`,
    })
    const [original, duplicated] = await Promise.all([
      call('proposals.get', { id: head.id }),
      call('proposals.get', { id: copy.id }),
    ])
    expect(duplicated.content.pricing).toEqual(original.content.pricing)
    expect(await storedVersions(head.id)).toHaveLength(1)
  })

  it('reads and saves a proposal migrated from v0 (version 0 kept until the first save)', async () => {
    const account = upgradable(9)
    const target = catalogue.find(
      (tier) => tier.rank > (catalogue.find((t) => t.tierId === account.tierId)?.rank ?? 0),
    )
    if (target === undefined) throw new Error('no target')
    const owner = userOf('csm')
    const at = new Date(NOW - 86_400_000).toISOString()
    const legacy = migrateProposalV0({
      id: newId(),
      accountId: account.id,
      title: 'Old proposal',
      status: 'sent',
      fromTierVersionId: account.tierVersionId,
      toTierId: target.tierId,
      toTierVersionId: target.id,
      seats: account.seats,
      currency: account.arr.currency,
      lines: [
        {
          label: 'Seats',
          quantity: account.seats * 12,
          unitPriceMinor: 1000,
          amountMinor: account.seats * 12_000,
        },
      ],
      discountShare: 0,
      totalAnnualMinor: account.seats * 12_000,
      currentAnnualMinor: 0,
      rationaleMarkdown: 'Growth',
      evidence: [],
      validUntil: DEFAULT_AS_OF.slice(0, 10),
      sentAt: at,
      decidedAt: null,
      createdById: owner.id,
      createdAt: at,
      updatedAt: at,
      updatedBy: owner.id,
    })
    await rx.proposals.insert(legacy as Proposal)
    const id = String(legacy['id'])
    const detail = await call('proposals.get', { id })
    expect(detail.versions.map((v) => v.version)).toEqual([0])
    expect(detail.content.valueStory.situation).toBe('Growth')
    expect(detail.content.pricing.lines).toEqual([
      { kind: 'seats', quantity: account.seats, unitPriceMinor: 1000 },
    ])
    const saved = await call('proposals.save', {
      id,
      baseVersion: 0,
      content: detail.content,
    })
    expect(saved.head).toMatchObject({ currentVersion: 1, legacy: null, status: 'draft' })
  })
})

describe('session.users and session.switchUser', () => {
  it('lists active users, persists the choice and refuses while signed in to team sync', async () => {
    const manager = userOf('manager')
    await session.switchUser(manager.id)
    const listed = await session.users()
    expect(listed.canSwitch).toBe(true)
    expect(listed.users.find((user) => user.isCurrent)?.id).toBe(manager.id)
    // A new source over the same folder reads the saved choice.
    const reread = createCurrentUserSource(
      async () => rx,
      () => createActingAsStore(async () => folder).read(),
    )
    expect((await reread.current()).id).toBe(manager.id)
    const unknown = await refusal(session.switchUser('01J00000000000000000000000'))
    expect(unknown.code).toBe('not-found')
    signedIn = true
    try {
      expect((await session.users()).canSwitch).toBe(false)
      const refused = await refusal(session.switchUser(userOf('csm').id))
      expect(refused.code).toBe('forbidden')
      expect((await reread.current()).id).toBe(manager.id)
    } finally {
      signedIn = false
    }
  })
})
