import Database from 'better-sqlite3'
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { TierlineError } from '@shared/ipc/errors'

/** `PRAGMA application_id` of every file this storage writes: "TLRX" in ASCII. */
export const TIERLINE_APPLICATION_ID = 0x544c5258
/** Bumped whenever the table layout changes in a way older builds cannot read. */
export const STORAGE_FORMAT_VERSION = 1
export const META_TABLE = 'tierline_storage_meta'
export const COLLECTIONS_TABLE = 'tierline_collections'

/** How long a statement waits for a lock held by another connection before failing. */
export const BUSY_TIMEOUT_MS = 5_000

const SQLITE_HEADER = 'SQLite format 3\0'

export type RefusalReason = 'not-sqlite' | 'foreign' | 'damaged' | 'newer-format' | 'unreadable'

/** SQLite result codes that say nothing about the file's content: lock, permission, I/O. */
const UNREADABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|PERM|AUTH|IOERR|READONLY|NOMEM)/

export interface OpenOptions {
  /** better-sqlite3's `nativeBinding`: the Electron-ABI addon when running inside Electron. */
  readonly nativeBinding?: string | undefined
}

/**
 * Opens (or creates) the SQLite file of one RxDB database, after making sure it is ours.
 *
 * A file that is not SQLite, is damaged, belongs to another program or was written by a newer
 * Tierline is refused with a `storage` TierlineError and left byte-for-byte as it was: it is
 * first inspected through a read-only connection, because closing a read-write connection to a
 * WAL database checkpoints it, i.e. writes to it. Only an empty file (or an SQLite file with no
 * schema at all, such as one a previous build created) is claimed.
 */
export function openStorageFile(file: string, options: OpenOptions = {}): Database.Database {
  const state = inspect(file, options)
  let db: Database.Database
  try {
    if (state === 'missing') mkdirSync(dirname(file), { recursive: true })
    db = connect(file, options, false)
  } catch (error) {
    throw new TierlineError(
      'storage',
      `Tierline cannot open the database file ${file}: ${(error as Error).message}`,
      { file },
    )
  }
  try {
    configureConnection(db)
    if (state !== 'ours') claim(db, file)
    return db
  } catch (error) {
    db.close()
    if (error instanceof TierlineError) throw error
    throw new TierlineError(
      'storage',
      `Tierline cannot prepare the database file ${file}: ${(error as Error).message}`,
      { file },
    )
  }
}

/** The page size of new storage files (see configureConnection). */
export const PAGE_SIZE = 8192

/** SQLite's page cache per connection, in KiB (see configureConnection). */
export const PAGE_CACHE_KIB = 64 * 1024

/**
 * The settings of every connection to a storage file; exported so that benchmarks can give a
 * hand-written baseline exactly the same ones.
 */
export function configureConnection(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  /*
   * 8 KiB pages instead of 4 KiB, for files created from now on (a file that holds anything
   * keeps its page size; WAL mode then fixes it). A ticket is about 4 KB of JSON with its index
   * keys, more than a 4 KiB page holds, so most took a page and an overflow page; and every
   * page a commit writes is two write() calls into the WAL and two more at the checkpoint.
   * The benchmark book's cold sync: 33.0–33.8 s → 28.6–29.1 s (16 KiB: 29.9 s).
   */
  db.pragma(`page_size = ${PAGE_SIZE}`)
  // WAL before anything is written, so that even the claim of a new file is crash-safe.
  db.pragma('journal_mode = WAL')
  /*
   * synchronous = NORMAL. In WAL mode a commit appends the transaction to the -wal file with
   * write() before bulkWrite() resolves; the bytes are then in the operating system's page
   * cache, which outlives our process. So every write RxDB was told succeeded survives the
   * process being killed (kill -9, a crash of Electron's main process, the OS ending the app) —
   * crash.test.ts kills a writer 60 times to check exactly that. What NORMAL does not do is
   * fsync the -wal on every commit, only at checkpoints: after a power cut or kernel panic the
   * transactions since the last checkpoint can be rolled back, but the file stays consistent
   * (never corrupt). FULL would close that window at the cost of an fsync per write (serial
   * inserts become disk-bound), and a laptop's sudden power loss is rare next to its data being
   * replicated to the team server, which holds the same documents.
   */
  db.pragma('synchronous = NORMAL')
  /*
   * Checkpoint every ~40 MB of WAL instead of SQLite's default ~4 MB. Each checkpoint fsyncs
   * the WAL and then the database file; with the default, importing 10,000 documents spent a
   * third of its time in those fsyncs. A longer WAL costs a little more to replay after a crash
   * and disk space until it is checkpointed (at the latest when the file is closed);
   * journal_size_limit trims it back afterwards.
   */
  db.pragma('wal_autocheckpoint = 10000')
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
  /*
   * A 64 MiB page cache instead of the 16 MB better-sqlite3's SQLite is built with. A pulled
   * page of 1,000 tickets inserts into seven B-trees (the id, six index columns) at scattered
   * places; once a book's indexes outgrow the cache, each page's writes evict leaf pages the
   * next page needs again (benchmark book cold sync, single runs on a shared machine: 79 → 74
   * CPU s). SQLite allocates the cache only as pages are used, so small workspaces stay small.
   * It changes what stays in memory, not what is written or when: commits, WAL and fsyncs are
   * as above.
   */
  db.pragma(`cache_size = ${-PAGE_CACHE_KIB}`)
}

/** The most of a file SQLite maps (its own default ceiling for mmap_size). */
const MAP_BYTES = 2 ** 31 - 65_536

/**
 * Memory-maps the file on `db` until the returned function is called: for reading a whole
 * table, as building an index after a bulk load does (a first sync's tickets, 1.5 GB). Through
 * the page cache every page is copied in by a read() call; mapped, SQLite reads the system's
 * cached pages in place. The benchmark book's six ticket key indexes: 3.2-3.5 → 1.5-1.7 s, system
 * time 2.1 → 0.3 s; mapping and unmapping for each index separately gave back half of that.
 * Mapping stays off otherwise: under a mapping an I/O error is a signal that ends the process
 * instead of an error SQLite can report, acceptable for a rebuild that the next open redoes
 * (WAL keeps the file whole through a crash, crash.test.ts), not for every read and write.
 */
export function mapFile(db: Database.Database): () => void {
  const before = db.pragma('mmap_size', { simple: true }) as number
  db.pragma(`mmap_size = ${MAP_BYTES}`)
  return () => {
    if (db.open) db.pragma(`mmap_size = ${before}`)
  }
}

type FileState = 'missing' | 'blank' | 'ours'

/** Decides whether the file may be used, touching it only through a read-only connection. */
function inspect(file: string, options: OpenOptions): FileState {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    return 'missing'
  }
  if (size === 0) return 'blank'
  if (!hasSqliteHeader(file)) {
    throw refusal(file, 'not-sqlite', 'it is not an SQLite database')
  }
  let db: Database.Database | undefined
  try {
    db = connect(file, options, true)
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const applicationId = Number(db.pragma('application_id', { simple: true }))
    const objects = Number(db.prepare('select count(*) from sqlite_master').pluck().get())
    if (applicationId === 0 && objects === 0) return 'blank'
    if (applicationId !== TIERLINE_APPLICATION_ID) {
      throw refusal(file, 'foreign', 'it is an SQLite database that belongs to another program')
    }
    const version = formatVersionOf(db)
    if (version === undefined) {
      throw refusal(file, 'damaged', 'its storage metadata is missing')
    }
    if (version > STORAGE_FORMAT_VERSION) {
      throw refusal(
        file,
        'newer-format',
        `it was written by a newer Tierline (storage format ${version}; this version reads up to ${STORAGE_FORMAT_VERSION})`,
      )
    }
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') {
      throw refusal(file, 'damaged', `SQLite's integrity check failed: ${String(check)}`)
    }
    return 'ours'
  } catch (error) {
    if (error instanceof TierlineError) throw error
    const code = String((error as { code?: unknown }).code ?? '')
    const message = (error as Error).message
    if (UNREADABLE.test(code)) throw refusal(file, 'unreadable', `it cannot be read (${message})`)
    throw refusal(file, 'damaged', `SQLite could not read it: ${message}`)
  } finally {
    db?.close()
  }
}

/** Marks a blank file as ours, in one transaction so a crash leaves it blank or fully claimed. */
function claim(db: Database.Database, file: string): void {
  db.transaction(() => {
    // Re-checked inside the write lock: another process may have claimed it since inspect().
    const applicationId = Number(db.pragma('application_id', { simple: true }))
    const objects = Number(db.prepare('select count(*) from sqlite_master').pluck().get())
    if (applicationId === TIERLINE_APPLICATION_ID) return
    if (applicationId !== 0 || objects !== 0) {
      throw refusal(file, 'foreign', 'it is an SQLite database that belongs to another program')
    }
    db.pragma(`application_id = ${TIERLINE_APPLICATION_ID}`)
    db.exec(`create table ${META_TABLE} (key text primary key not null, value text not null)`)
    db.exec(
      `create table ${COLLECTIONS_TABLE} (
        table_name text primary key not null,
        collection text not null,
        schema_version integer not null,
        layout text not null
      )`,
    )
    db.prepare(`insert into ${META_TABLE} (key, value) values ('format_version', ?)`).run(
      String(STORAGE_FORMAT_VERSION),
    )
  }).immediate()
}

function formatVersionOf(db: Database.Database): number | undefined {
  const exists = db
    .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
    .pluck()
    .get(META_TABLE)
  if (exists === undefined) return undefined
  const value = db
    .prepare(`select value from ${META_TABLE} where key = 'format_version'`)
    .pluck()
    .get()
  return typeof value === 'string' ? Number(value) : undefined
}

/** False for anything that cannot be read as a file (a folder, no permission) too. */
function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length)
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const read = readSync(fd, header, 0, header.length, 0)
    return read === header.length && header.toString('latin1') === SQLITE_HEADER
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function connect(file: string, options: OpenOptions, readonly: boolean): Database.Database {
  return new Database(file, {
    readonly,
    fileMustExist: readonly,
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  })
}

function refusal(file: string, reason: RefusalReason, why: string): TierlineError {
  return new TierlineError(
    'storage',
    `Tierline cannot use the database file ${file}: ${why}. The file has been left untouched.`,
    { file, reason },
  )
}
