import type Database from 'better-sqlite3'
import type { RxDocumentData } from 'rxdb'

type Doc = RxDocumentData<unknown>

interface Node {
  readonly owner: TableCache
  readonly seq: number
  readonly document: Doc
  readonly bytes: number
  older: Node | undefined
  newer: Node | undefined
}

/**
 * Recently read or written documents, already parsed, bounded by the size of their JSON and
 * shared by all collections of a connection (least recently used go first).
 *
 * Parsing is most of what a read costs: JSON.parse of a 1 kB document takes several times
 * longer than SQLite needs to find it. So reads first ask SQLite only for `seq` — the row's
 * INTEGER PRIMARY KEY, which every SQL index holds, so an index range needs no table lookup —
 * and parse only the documents this cache does not hold.
 *
 * Why a cached document can be trusted:
 * - every write inserts a new row (an update replaces the old one), so a `seq` names one
 *   version of one document while its row exists; whenever this storage deletes a row (the
 *   old row of an update, cleanup(), remove()) it drops that seq from the cache, so a seq
 *   SQLite hands out again later is never answered with an old document. (Code holding the
 *   connection from sqliteConnectionOf() must therefore not write RxDB's tables.)
 * - writes by other connections to the file (another process) are detected with SQLite's
 *   `PRAGMA data_version`, which then empties the whole cache;
 * - bulkWrite() adds documents only after COMMIT, so a rolled-back write never gets in.
 *
 * Documents are shared between callers, as RxDB's memory storage shares its documents: RxDB
 * treats what a storage returns as immutable (dev-mode freezes it).
 */
export class DocumentCache {
  private oldest: Node | undefined
  private newest: Node | undefined
  private bytes = 0
  private documents = 0
  private dataVersion: unknown
  private readonly readDataVersion: () => unknown

  constructor(
    db: Database.Database,
    /** Bytes of document JSON to keep; 0 turns the cache off. */
    readonly budget: number,
  ) {
    const statement = db.prepare('pragma data_version').pluck()
    this.readDataVersion = () => statement.get()
    this.dataVersion = this.readDataVersion()
  }

  get enabled(): boolean {
    return this.budget > 0
  }

  /** A view for one table; its entries count against this cache's budget. */
  forTable(): TableCache {
    return new TableCache(this)
  }

  /** Empties the cache if another connection committed since the last call. */
  revalidate(): void {
    if (!this.enabled) return
    const version = this.readDataVersion()
    if (version !== this.dataVersion) {
      this.dataVersion = version
      this.clear()
    }
  }

  clear(): void {
    const owners = new Set<TableCache>()
    for (let node = this.oldest; node !== undefined; node = node.newer) owners.add(node.owner)
    for (const owner of owners) owner.entries.clear()
    this.oldest = this.newest = undefined
    this.bytes = this.documents = 0
  }

  get size(): { readonly documents: number; readonly bytes: number } {
    return { documents: this.documents, bytes: this.bytes }
  }

  /** @internal */
  touch(node: Node): void {
    if (node === this.newest) return
    this.unlink(node)
    this.append(node)
  }

  /** @internal */
  add(node: Node): void {
    this.append(node)
    this.bytes += node.bytes
    this.documents++
    while (this.bytes > this.budget && this.oldest !== undefined) this.remove(this.oldest)
  }

  /** @internal */
  remove(node: Node): void {
    this.unlink(node)
    node.owner.entries.delete(node.seq)
    this.bytes -= node.bytes
    this.documents--
  }

  private append(node: Node): void {
    node.older = this.newest
    node.newer = undefined
    if (this.newest === undefined) this.oldest = node
    else this.newest.newer = node
    this.newest = node
  }

  private unlink(node: Node): void {
    if (node.older === undefined) this.oldest = node.newer
    else node.older.newer = node.newer
    if (node.newer === undefined) this.newest = node.older
    else node.newer.older = node.older
  }
}

/** One table's entries in a {@link DocumentCache}, by row `seq`. */
export class TableCache {
  /** @internal */
  readonly entries = new Map<number, Node>()

  constructor(private readonly cache: DocumentCache) {}

  get enabled(): boolean {
    return this.cache.enabled
  }

  get isEmpty(): boolean {
    return this.entries.size === 0
  }

  get(seq: number): Doc | undefined {
    const node = this.entries.get(seq)
    if (node === undefined) return undefined
    this.cache.touch(node)
    return node.document
  }

  set(seq: number, document: Doc, bytes: number): void {
    // A single huge document would only push everything else out.
    if (!this.cache.enabled || bytes > this.cache.budget / 8) return
    const previous = this.entries.get(seq)
    if (previous !== undefined) this.cache.remove(previous)
    const node: Node = { owner: this, seq, document, bytes, older: undefined, newer: undefined }
    this.entries.set(seq, node)
    this.cache.add(node)
  }

  delete(seq: number): void {
    const node = this.entries.get(seq)
    if (node !== undefined) this.cache.remove(node)
  }

  clear(): void {
    for (const node of [...this.entries.values()]) this.cache.remove(node)
  }
}
