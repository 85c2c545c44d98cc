import { TierlineError, validationError, type FieldIssue } from '@shared/ipc/errors'
import { newId as defaultNewId } from '@shared/model/ids'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import { diffTierVersions } from '@shared/tiers/tier-diff'
import { readableTierDiff, type ReadableDiffEntry } from '@shared/tiers/tier-diff-text'
import {
  tierDraftInput,
  tierSaveInput,
  type TierCatalogue,
  type TierComparison,
  type TierDraftInput,
  type TierHistory,
  type TierSaveInput,
  type TierSaveResult,
} from '@shared/tiers/tier-queries'
import type { TierlineDatabase } from '../../db/workspace-store'
import { insertDocuments } from '../../db/write-documents'

/** Whoever is signed in on this machine: new versions are written in their name. */
export interface AuthorSource {
  current(): Promise<{ readonly id: string; readonly name: string }>
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

function refused(field: string, message: string): TierlineError {
  const issues: FieldIssue[] = [{ field, message }]
  return new TierlineError('validation', `Invalid tier version: ${field}: ${message}`, { issues })
}

/**
 * The tier catalogue and its versions. A save never edits a stored version: it writes the next
 * version document (author, reason, diff against the version it was based on), so accounts keep
 * the `tierVersionId` they signed. Saves run one at a time, so the stale-base check and the
 * insert cannot interleave with another save of this process.
 */
export function createTiersRepository(options: {
  readonly rx: () => Promise<TierlineDatabase>
  readonly author: AuthorSource
  readonly now?: () => Date
  readonly newId?: () => string
}) {
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? defaultNewId
  let saving: Promise<unknown> = Promise.resolve()

  async function versionsOf(db: TierlineDatabase, tierId: string): Promise<Tier[]> {
    const docs = await db.tiers
      .find({ selector: { tierId }, sort: [{ tierId: 'asc' }, { version: 'desc' }] })
      .exec()
    if (docs.length === 0) {
      throw new TierlineError('not-found', 'This tier does not exist in this workspace.', {
        tierId,
      })
    }
    return docs.map((doc) => doc.toJSON() as Tier)
  }

  async function accountsByVersion(db: TierlineDatabase): Promise<Map<string, number>> {
    const accounts = await db.accounts.find({ selector: { archived: false } }).exec()
    const counts = new Map<string, number>()
    for (const account of accounts) {
      counts.set(account.tierVersionId, (counts.get(account.tierVersionId) ?? 0) + 1)
    }
    return counts
  }

  async function save(raw: TierSaveInput): Promise<TierSaveResult> {
    // Parsed again here: the service is called by more than the IPC router.
    const parsed = tierSaveInput.safeParse(raw)
    if (!parsed.success) throw validationError(parsed.error, 'tier version')
    const input = parsed.data
    const db = await options.rx()
    const [latest] = await versionsOf(db, input.tierId)
    if (latest === undefined) throw new Error('versionsOf returns at least one version')
    if (latest.id !== input.baseVersionId) {
      const author = await db.users.findOne(latest.authorId).exec()
      throw new TierlineError(
        'conflict',
        `${latest.name} changed while you were editing: version ${latest.version} was saved by ${author?.name ?? 'someone else'}. Reload it and apply your change again.`,
        { tierId: input.tierId, latestVersionId: latest.id, latestVersion: latest.version },
      )
    }
    const today = isoDate(now())
    if (input.effectiveFrom < today) {
      throw refused(
        'effectiveFrom',
        `a new version cannot take effect in the past (today is ${today})`,
      )
    }
    if (input.effectiveFrom < latest.effectiveFrom) {
      throw refused(
        'effectiveFrom',
        `must not be before version ${latest.version} takes effect (${latest.effectiveFrom})`,
      )
    }
    const diff = diffTierVersions(latest, input)
    if (diff.length === 0) {
      throw refused('', 'this version changes nothing: edit the tier before saving')
    }
    const author = await options.author.current()
    const at = now().toISOString()
    const version: Tier = {
      id: newId(),
      tierId: latest.tierId,
      key: latest.key,
      name: input.name,
      rank: latest.rank,
      description: input.description,
      status: input.status,
      version: latest.version + 1,
      effectiveFrom: input.effectiveFrom,
      authorId: author.id,
      reason: input.reason,
      diff,
      definition: input.definition,
      createdAt: at,
      updatedAt: at,
      updatedBy: author.id,
    }
    const report = await insertDocuments(db, 'tiers', [version])
    const failure = report.failures[0]
    if (failure !== undefined) throw failure.error
    return { version, changes: readableTierDiff(diff) }
  }

  return {
    async catalogue(): Promise<TierCatalogue> {
      const db = await options.rx()
      const today = isoDate(now())
      const [docs, counts] = await Promise.all([db.tiers.find().exec(), accountsByVersion(db)])
      const all = docs.map((doc) => doc.toJSON() as Tier)
      return {
        today,
        tiers: currentTierVersions(all, today).map((current) => {
          const versions = all.filter((version) => version.tierId === current.tierId)
          const latest = versions.reduce((a, b) => (b.version > a.version ? b : a), current)
          const onOlder = versions
            .filter((version) => version.version < current.version)
            .reduce((sum, version) => sum + (counts.get(version.id) ?? 0), 0)
          return {
            tierId: current.tierId,
            current,
            latest: { id: latest.id, version: latest.version, effectiveFrom: latest.effectiveFrom },
            versionCount: versions.length,
            accountsOnCurrent: counts.get(current.id) ?? 0,
            accountsOnOlder: onOlder,
          }
        }),
      }
    },

    async versions(tierId: string): Promise<TierHistory> {
      const db = await options.rx()
      const [versions, counts] = await Promise.all([versionsOf(db, tierId), accountsByVersion(db)])
      const authors = await db.users
        .findByIds([...new Set(versions.map((version) => version.authorId))])
        .exec()
      return {
        tierId,
        versions: versions.map((version, index) => {
          const previous = versions[index + 1]
          return {
            version,
            authorName: authors.get(version.authorId)?.name ?? 'Unknown author',
            // Recomputed, not read from `diff`: older versions stored positional paths.
            changes:
              previous === undefined ? [] : readableTierDiff(diffTierVersions(previous, version)),
            accounts: counts.get(version.id) ?? 0,
          }
        }),
      }
    },

    async compare(fromVersionId: string, toVersionId: string): Promise<TierComparison> {
      const db = await options.rx()
      const found = await db.tiers.findByIds([fromVersionId, toVersionId]).exec()
      const from = found.get(fromVersionId)?.toJSON() as Tier | undefined
      const to = found.get(toVersionId)?.toJSON() as Tier | undefined
      if (from === undefined || to === undefined) {
        throw new TierlineError('not-found', 'One of these tier versions does not exist.', {
          fromVersionId,
          toVersionId,
        })
      }
      if (from.tierId !== to.tierId) {
        throw new TierlineError('validation', 'Only versions of the same tier can be compared.', {
          issues: [{ field: 'toVersionId', message: 'belongs to another tier' }],
        })
      }
      return {
        from: { id: from.id, version: from.version },
        to: { id: to.id, version: to.version },
        changes: readableTierDiff(diffTierVersions(from, to)),
      }
    },

    /** What saving this draft would change, in sentences; nothing is written. */
    async draftChanges(raw: TierDraftInput): Promise<ReadableDiffEntry[]> {
      const parsed = tierDraftInput.safeParse(raw)
      if (!parsed.success) throw validationError(parsed.error, 'tier draft')
      const db = await options.rx()
      const base = await db.tiers.findOne(parsed.data.baseVersionId).exec()
      if (base === null) {
        throw new TierlineError(
          'not-found',
          'The version this draft started from does not exist.',
          {
            baseVersionId: parsed.data.baseVersionId,
          },
        )
      }
      return readableTierDiff(diffTierVersions(base.toJSON() as Tier, parsed.data))
    },

    /** Saves queue behind each other; a failed save does not block the next. */
    save(input: TierSaveInput): Promise<TierSaveResult> {
      const run = saving.then(
        () => save(input),
        () => save(input),
      )
      saving = run.catch(() => undefined)
      return run
    },
  }
}

export type TiersRepository = ReturnType<typeof createTiersRepository>
