import { TierlineError } from '@shared/ipc/errors'
import type { Account } from '@shared/model/account'
import type { Alert } from '@shared/model/alert'
import { newId as defaultNewId } from '@shared/model/ids'
import type { Proposal, StatusChange } from '@shared/model/proposal'
import type { ProposalContent } from '@shared/model/proposal-content'
import { proposalVersionId, type ProposalVersion } from '@shared/model/proposal-version'
import type { Tier } from '@shared/model/tier'
import { addDays } from '@shared/proposals/dates'
import type { ProposalSaveResult } from '@shared/proposals/proposal-queries'
import { OFFER_VALID_DAYS, startContent } from '@shared/proposals/start-content'
import { statusAfterEdit } from '@shared/proposals/status-machine'
import { invalidInput } from '@shared/proposals/validation'
import type { CurrentUser } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'
import { gatherEvidence, type EvidenceSources } from './proposal-evidence'
import {
  catalogueOn,
  currentAnnualSupportMinor,
  isoDay,
  pricingFacts,
  requireAccount,
  tierVersion,
} from './proposal-facts'
import { approvalAfterSave, priceContent } from './proposal-pricing'
import {
  contentAt,
  insertHead,
  requireHead,
  staleBase,
  writeHead,
  writeVersion,
} from './proposal-store'

const refused = (field: string, message: string) => invalidInput('proposal', [{ field, message }])

/**
 * The proposals domain's writes: start, save a version, restore one, duplicate, archive. All
 * go through RxDB on the workspace file, so they work offline and replicate; each is checked
 * whole before anything is written, so a refused call leaves every stored version as it was.
 * Writes run one at a time, so a stale-base check and its write cannot interleave.
 */
export function createProposalWrites(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly me: { current(): Promise<CurrentUser> }
  readonly evidence: EvidenceSources
  readonly now: () => Date
  readonly newId?: () => string
}) {
  const newId = options.newId ?? defaultNewId
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  async function requireTargetVersion(db: TierlineDatabase, content: ProposalContent) {
    const tier = await tierVersion(db, content.targetTierVersionId)
    if (tier === null || tier.tierId !== content.targetTierId) {
      throw refused('content.targetTierVersionId', 'This tier version is not in the catalogue')
    }
    return tier
  }

  async function chooseTarget(
    db: TierlineDatabase,
    accountId: string,
    current: Tier,
    requested: string | null | undefined,
    today: string,
  ): Promise<Tier> {
    const catalogue = await catalogueOn(db, today)
    if (requested) {
      const tier = catalogue.find((candidate) => candidate.tierId === requested)
      if (tier === undefined) {
        throw new TierlineError(
          'not-found',
          'There is no such tier in this workspace’s catalogue.',
          {
            tierId: requested,
          },
        )
      }
      if (tier.rank < current.rank) {
        throw refused(
          'targetTierId',
          `${tier.name} is below the current ${current.name}: start the proposal, then change the target with a downgrade reason`,
        )
      }
      return tier
    }
    const signals = await options.evidence.eligibility
      .list({ accountId, tierIds: [], kinds: [] })
      .catch(() => null)
    const suggested = signals?.rows.find((row) => row.accountId === accountId)?.suggestedTarget
    const fromSignal = catalogue.find((tier) => tier.tierId === suggested?.tierId)
    const nextUp = catalogue.find((tier) => tier.rank > current.rank)
    const target = fromSignal ?? nextUp
    if (target === undefined) {
      throw refused(
        'targetTierId',
        `${current.name} is the highest tier in the catalogue: choose the tier to propose`,
      )
    }
    return target
  }

  async function requireAlert(db: TierlineDatabase, alertId: string, accountId: string) {
    const doc = await db.alerts.findOne(alertId).exec()
    if (doc === null) {
      throw new TierlineError('not-found', 'This alert does not exist in this workspace.', {
        alertId,
      })
    }
    const alert = doc.toJSON() as Alert
    if (alert.accountId !== accountId) {
      throw refused('alertId', 'This alert is about another account')
    }
    return alert
  }

  async function start(input: {
    accountId: string
    alertId?: string | null | undefined
    targetTierId?: string | null | undefined
  }): Promise<Proposal> {
    const db = await options.rx()
    const at = options.now()
    const today = isoDay(at)
    const account = await requireAccount(db, input.accountId)
    const alert = input.alertId ? await requireAlert(db, input.alertId, account.id) : null
    const current = await tierVersion(db, account.tierVersionId)
    if (current === null) {
      throw new TierlineError(
        'not-found',
        `${account.name} is on a tier version this workspace does not have.`,
        { tierVersionId: account.tierVersionId },
      )
    }
    const target = await chooseTarget(db, account.id, current, input.targetTierId, today)
    const [me, evidence] = await Promise.all([
      options.me.current(),
      gatherEvidence(options.evidence, account.id, target),
    ])
    return insertDraft(db, {
      account,
      fromTierVersionId: current.id,
      target,
      content: startContent({ account, currentTier: current, targetTier: target, evidence, today }),
      currentAnnualMinor: currentAnnualSupportMinor(account, current),
      me,
      at,
      note: alert === null ? null : `Started from the alert “${alert.title}”`,
    })
  }

  /** Writes a new draft at version 1; `start` and `duplicate` differ only in what fills it. */
  async function insertDraft(
    db: TierlineDatabase,
    draft: {
      readonly account: Account
      readonly fromTierVersionId: string
      readonly target: Tier
      readonly content: ProposalContent
      readonly currentAnnualMinor: number
      readonly me: CurrentUser
      readonly at: Date
      readonly note: string | null
    },
  ): Promise<Proposal> {
    const { account, target, me } = draft
    const facts = await pricingFacts(db, account, target)
    const outcome = priceContent(draft.content, facts, isoDay(draft.at))
    if (outcome.issues.length > 0 || outcome.priced === null || outcome.approval === null) {
      throw invalidInput('proposal', outcome.issues)
    }
    const createdAt = draft.at.toISOString()
    const head: Proposal = {
      id: newId(),
      accountId: account.id,
      title: outcome.content.title,
      status: 'draft',
      fromTierVersionId: draft.fromTierVersionId,
      toTierId: target.tierId,
      toTierVersionId: target.id,
      ownerId: me.id,
      currency: outcome.content.pricing.currency,
      totalAnnualMinor: outcome.priced.annualRecurringMinor,
      totalContractValueMinor: outcome.priced.totalContractValueMinor,
      currentAnnualMinor: draft.currentAnnualMinor,
      currentVersion: 1,
      approval: approvalAfterSave(
        {
          required: false,
          reasons: [],
          approvedById: null,
          approvedAt: null,
          approvedVersion: null,
        },
        outcome.approval,
      ),
      statusHistory: [
        {
          status: 'draft',
          byId: me.id,
          at: createdAt,
          note: draft.note === null ? null : draft.note.slice(0, 2000),
        },
      ],
      legacy: null,
      sentAt: null,
      decidedAt: null,
      archived: false,
      createdById: me.id,
      createdAt,
      updatedAt: createdAt,
      updatedBy: me.id,
    }
    await insertHead(db, head, versionDoc(head, outcome.content, me.id, createdAt, null))
    return head
  }

  function versionDoc(
    head: Proposal,
    content: ProposalContent,
    authorId: string,
    at: string,
    note: string | null,
  ): ProposalVersion {
    return {
      id: proposalVersionId(head.id, head.currentVersion),
      proposalId: head.id,
      accountId: head.accountId,
      version: head.currentVersion,
      content,
      authorId,
      createdAt: at,
      note,
      updatedAt: at,
      updatedBy: authorId,
    }
  }

  async function save(input: {
    id: string
    baseVersion: number
    content: ProposalContent
    note?: string | null | undefined
  }): Promise<ProposalSaveResult> {
    const db = await options.rx()
    const head = await requireHead(db, input.id)
    if (head.status === 'accepted') {
      throw new TierlineError(
        'forbidden',
        'An accepted proposal is final and cannot be changed; duplicate it to propose something new.',
        { id: head.id },
      )
    }
    if (input.baseVersion !== head.currentVersion) throw staleBase(head.currentVersion)
    const [account, target, me] = await Promise.all([
      requireAccount(db, head.accountId),
      requireTargetVersion(db, input.content),
      options.me.current(),
    ])
    const facts = await pricingFacts(db, account, target, head.fromTierVersionId)
    const at = options.now()
    const outcome = priceContent(input.content, facts, isoDay(at))
    if (outcome.issues.length > 0 || outcome.priced === null || outcome.approval === null) {
      throw invalidInput('proposal', outcome.issues)
    }
    const updatedAt = at.toISOString()
    const version = head.currentVersion + 1
    const status = statusAfterEdit(head.status)
    const history: StatusChange[] =
      status === head.status
        ? head.statusHistory
        : [
            ...head.statusHistory,
            {
              status,
              byId: me.id,
              at: updatedAt,
              note: `Edited: version ${version} is a new draft`,
            },
          ]
    const next: Proposal = {
      ...head,
      title: outcome.content.title,
      status,
      toTierId: target.tierId,
      toTierVersionId: target.id,
      currency: outcome.content.pricing.currency,
      totalAnnualMinor: outcome.priced.annualRecurringMinor,
      totalContractValueMinor: outcome.priced.totalContractValueMinor,
      currentVersion: version,
      approval: approvalAfterSave(head.approval, outcome.approval),
      statusHistory: history,
      legacy: null,
      // Revising a lost proposal reopens it.
      decidedAt: status === 'draft' && head.status === 'lost' ? null : head.decidedAt,
      updatedAt,
      updatedBy: me.id,
    }
    const doc = versionDoc(next, outcome.content, me.id, updatedAt, input.note ?? null)
    await writeVersion(db, next, doc, input.baseVersion)
    return { head: next, version: doc }
  }

  async function restore(input: {
    id: string
    version: number
    baseVersion: number
  }): Promise<ProposalSaveResult> {
    const db = await options.rx()
    const head = await requireHead(db, input.id)
    const content = await contentAt(db, head, input.version)
    return save({
      id: input.id,
      baseVersion: input.baseVersion,
      content,
      note: `Restored from version ${input.version}`,
    })
  }

  async function duplicate(input: { id: string }): Promise<Proposal> {
    const db = await options.rx()
    const source = await requireHead(db, input.id)
    const content = await contentAt(db, source, source.currentVersion)
    const [account, target, me] = await Promise.all([
      requireAccount(db, source.accountId),
      requireTargetVersion(db, content),
      options.me.current(),
    ])
    const at = options.now()
    const today = isoDay(at)
    // A copy is a new offer: it stands for the usual period from today.
    const fresh: ProposalContent = {
      ...content,
      title: `${content.title} (copy)`.slice(0, 200),
      validUntil:
        content.validUntil < today ? addDays(today, OFFER_VALID_DAYS) : content.validUntil,
    }
    const current = await tierVersion(db, account.tierVersionId)
    return insertDraft(db, {
      account,
      fromTierVersionId: account.tierVersionId,
      target,
      content: fresh,
      currentAnnualMinor:
        current === null ? source.currentAnnualMinor : currentAnnualSupportMinor(account, current),
      me,
      at,
      note: `Duplicated from “${source.title}”`,
    })
  }

  async function archive(input: { id: string; archived: boolean }): Promise<Proposal> {
    const db = await options.rx()
    const head = await requireHead(db, input.id)
    if (head.archived === input.archived) return head
    const me = await options.me.current()
    return writeHead(db, {
      ...head,
      archived: input.archived,
      updatedAt: options.now().toISOString(),
      updatedBy: me.id,
    })
  }

  return {
    start: (input: Parameters<typeof start>[0]) => serial(() => start(input)),
    save: (input: Parameters<typeof save>[0]) => serial(() => save(input)),
    restore: (input: Parameters<typeof restore>[0]) => serial(() => restore(input)),
    duplicate: (input: Parameters<typeof duplicate>[0]) => serial(() => duplicate(input)),
    archive: (input: Parameters<typeof archive>[0]) => serial(() => archive(input)),
  }
}

export type ProposalWrites = ReturnType<typeof createProposalWrites>
