import Database from 'better-sqlite3'
import type { Account } from '@shared/model/account'
import type { Activity } from '@shared/model/activity'
import type { Calendar } from '@shared/model/calendar'
import type { LedgerEntry } from '@shared/model/ledger'
import type { LibraryDocument } from '@shared/model/library'
import type { Proposal } from '@shared/model/proposal'
import { collectionDefinitions, type CollectionName } from '@shared/model/registry'
import type { Ticket } from '@shared/model/ticket'
import type { Tier } from '@shared/model/tier'
import type { UsageSnapshot } from '@shared/model/usage'
import { WORKSPACE_SETTINGS_ID, type WorkspaceSettings } from '@shared/model/workspace-settings'
import { tableNameOf } from '../../../db/storage/collection-table'
import { BUSY_TIMEOUT_MS } from '../../../db/storage/sqlite-file'
import type { BookRunData } from '../book-runs'
import { missingSettingsError } from '../missing-settings'

/**
 * The engine worker's view of a workspace: a read-only connection of its own to the workspace's
 * SQLite file (WAL lets it read while main writes), open only while a run loads, so it never
 * holds the file while main restores, moves or deletes it. The documents of the collections the
 * runs read are parsed once and read again only when their table changed. A table's
 * fingerprint is its highest row seq and its row count: every insert and update gives the row a
 * new seq (see collection-table.ts) and a purge lowers the count, so an unchanged fingerprint
 * means unchanged rows — within one opened database: main names each opening (`instance`), and
 * a new one (a switch, a restore) drops everything parsed.
 */

type Doc = Record<string, unknown> & { readonly id: string }

/** RxDB's own fields, which `RxDocument.toJSON()` leaves out: the runs see what main sees. */
const META_FIELDS = ['_rev', '_meta', '_attachments', '_deleted'] as const

const read: readonly CollectionName[] = [
  'accounts',
  'tiers',
  'library',
  'tickets',
  'usageSnapshots',
  'activities',
  'ledgerEntries',
  'proposals',
]

/** The order main's loaders read each collection in (RxDB breaks ties by primary key). */
const orderBy: Partial<Record<CollectionName, readonly string[]>> = {
  tickets: ['accountId', 'createdAt'],
  usageSnapshots: ['accountId', 'month'],
  activities: ['accountId', 'occurredAt'],
  ledgerEntries: ['accountId', 'period'],
}

function compareBy(fields: readonly string[]) {
  return (a: Doc, b: Doc): number => {
    for (const field of [...fields, 'id']) {
      const x = String(a[field])
      const y = String(b[field])
      if (x !== y) return x < y ? -1 : 1
    }
    return 0
  }
}

function groupBy<T extends { readonly accountId: string }>(docs: readonly T[]) {
  const groups = new Map<string, T[]>()
  for (const doc of docs) {
    const list = groups.get(doc.accountId)
    if (list === undefined) groups.set(doc.accountId, [doc])
    else list.push(doc)
  }
  return groups
}

interface Loaded {
  readonly fingerprint: string
  readonly docs: readonly Doc[]
}

export interface SqliteBookSource {
  /** The book of the workspace in `file`, consistent as of one read transaction. */
  load(file: string, instance: number): BookRunData
  close(): void
}

export function createSqliteBookSource(options: {
  readonly nativeBinding?: string | undefined
}): SqliteBookSource {
  let opened: { readonly file: string; readonly instance: number } | undefined
  const loaded = new Map<CollectionName, Loaded>()

  function open(file: string, instance: number): Database.Database {
    if (opened?.file !== file || opened.instance !== instance) {
      loaded.clear()
      opened = { file, instance }
    }
    const db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    })
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    return db
  }

  function documents(db: Database.Database, collection: CollectionName): readonly Doc[] {
    const table = `"${tableNameOf(collection, collectionDefinitions[collection].rxSchema.version)}"`
    const [maxSeq, count] = db.prepare(`select max(seq), count(*) from ${table}`).raw().get() as [
      number | null,
      number,
    ]
    const fingerprint = `${maxSeq ?? 0}:${count}`
    const cached = loaded.get(collection)
    if (cached?.fingerprint === fingerprint) return cached.docs
    const rows = db.prepare(`select data from ${table} where deleted = 0`).pluck().all() as string[]
    const docs = rows.map((data) => {
      const doc = JSON.parse(data) as Doc
      for (const field of META_FIELDS) delete doc[field]
      return doc
    })
    docs.sort(compareBy(orderBy[collection] ?? []))
    loaded.set(collection, { fingerprint, docs })
    return docs
  }

  function load(file: string, instance: number): BookRunData {
    const db = open(file, instance)
    let docs: Map<CollectionName, readonly Doc[]>
    try {
      // One read transaction: every collection as of the same commit.
      docs = db.transaction(() => new Map(read.map((c) => [c, documents(db, c)])))()
    } finally {
      db.close()
    }
    const of = <T>(collection: CollectionName) => (docs.get(collection) ?? []) as unknown as T[]
    const accounts = of<Account>('accounts')
    const library = of<LibraryDocument>('library')
    const settings = library.find((doc) => doc.id === WORKSPACE_SETTINGS_ID)
    if (settings?.kind !== 'workspace') {
      throw missingSettingsError()
    }
    return {
      accounts,
      accountsById: new Map(accounts.map((account) => [account.id, account])),
      versions: new Map(of<Tier>('tiers').map((tier) => [tier.id, tier])),
      calendars: new Map(
        library
          .filter((doc): doc is Calendar & LibraryDocument => doc.kind === 'calendar')
          .map((calendar) => [calendar.id, calendar]),
      ),
      settings: settings as WorkspaceSettings,
      ticketsByAccount: groupBy(of<Ticket>('tickets')),
      usageByAccount: groupBy(of<UsageSnapshot>('usageSnapshots')),
      activitiesByAccount: groupBy(of<Activity>('activities')),
      ledgerByAccount: groupBy(of<LedgerEntry>('ledgerEntries')),
      acceptedProposals: of<Proposal>('proposals').filter(
        (proposal) => proposal.status === 'accepted',
      ),
    }
  }

  return {
    load,
    close() {
      opened = undefined
      loaded.clear()
    },
  }
}
