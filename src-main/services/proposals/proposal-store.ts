import { TierlineError } from '@shared/ipc/errors'
import type { Proposal } from '@shared/model/proposal'
import type { ProposalContent } from '@shared/model/proposal-content'
import type { ProposalVersion } from '@shared/model/proposal-version'
import { validateDocument } from '@shared/model/validate'
import { legacyContent } from '@shared/proposals/legacy-content'
import type { TierlineDatabase } from '../../db/workspace-store'

/** Reading and writing proposal heads and their versions; every write is checked first. */

export async function requireHead(db: TierlineDatabase, id: string): Promise<Proposal> {
  const doc = await db.proposals.findOne(id).exec()
  if (doc === null) {
    throw new TierlineError('not-found', 'This proposal does not exist in this workspace.', { id })
  }
  return doc.toJSON() as Proposal
}

/** Every version of a proposal, newest first. */
export async function versionsOf(
  db: TierlineDatabase,
  proposalId: string,
): Promise<ProposalVersion[]> {
  const docs = await db.proposalVersions
    .find({ selector: { proposalId }, sort: [{ proposalId: 'asc' }, { version: 'desc' }] })
    .exec()
  return docs.map((doc) => doc.toJSON() as ProposalVersion)
}

/** The content of `version` (0: a migrated proposal's kept v0 content). */
export async function contentAt(
  db: TierlineDatabase,
  head: Proposal,
  version: number,
): Promise<ProposalContent> {
  if (version === 0) {
    const legacy = legacyContent(head)
    if (legacy !== null) return legacy
  } else {
    const found = await db.proposalVersions
      .findOne({ selector: { proposalId: head.id, version } })
      .exec()
    if (found !== null) return (found.toJSON() as ProposalVersion).content
  }
  throw new TierlineError('not-found', `${head.title} has no version ${version}.`, {
    id: head.id,
    version,
  })
}

function checkedHead(head: Proposal): Proposal {
  const result = validateDocument('proposals', head)
  if (!result.ok) throw result.error
  return result.value
}

function checkedVersion(version: ProposalVersion): ProposalVersion {
  const result = validateDocument('proposalVersions', version)
  if (!result.ok) throw result.error
  return result.value
}

export async function insertHead(
  db: TierlineDatabase,
  head: Proposal,
  version: ProposalVersion,
): Promise<void> {
  const checked = checkedHead(head)
  const first = checkedVersion(version)
  await db.proposalVersions.insert(first)
  try {
    await db.proposals.insert(checked)
  } catch (error) {
    // Two collections cannot share a transaction: undo the version so no orphan remains.
    await (await db.proposalVersions.findOne(first.id).exec())?.remove()
    throw error
  }
}

/**
 * Writes the next version and the head that points at it. The version goes first: if the head
 * cannot be written, the version is removed again, so a head never points at a missing version
 * and a refused save leaves both as they were.
 */
export async function writeVersion(
  db: TierlineDatabase,
  next: Proposal,
  version: ProposalVersion,
  /** The head's `currentVersion` the save was based on; anything else is a conflict. */
  baseVersion: number,
): Promise<void> {
  const head = checkedHead(next)
  const checked = checkedVersion(version)
  const stored = await db.proposals.findOne(head.id).exec()
  if (stored === null) throw new TierlineError('not-found', 'This proposal no longer exists.')
  await db.proposalVersions.insert(checked)
  try {
    await stored.incrementalModify((current) => {
      // A replicated or parallel write may have landed since the caller's check.
      if (current.currentVersion !== baseVersion) throw staleBase(current.currentVersion)
      return head
    })
  } catch (error) {
    await (await db.proposalVersions.findOne(checked.id).exec())?.remove()
    throw error
  }
}

export function staleBase(latest: number): TierlineError {
  return new TierlineError(
    'conflict',
    `This proposal changed while you were editing: version ${latest} was saved since. Reload it and apply your change again.`,
    { latestVersion: latest },
  )
}

/** Replaces a head with a checked next state (status, archive): one document, one write. */
export async function writeHead(db: TierlineDatabase, next: Proposal): Promise<Proposal> {
  const head = checkedHead(next)
  const stored = await db.proposals.findOne(head.id).exec()
  if (stored === null) throw new TierlineError('not-found', 'This proposal no longer exists.')
  const saved = await stored.incrementalModify(() => head)
  return saved.toJSON() as Proposal
}
