import type Database from 'better-sqlite3'
import { Subject, takeUntil } from 'rxjs'
import type { Observable } from 'rxjs'
import { categorizeBulkWriteRows, getPrimaryFieldOfPrimaryKey, now } from 'rxdb'
import type {
  BulkWriteRow,
  CategorizeBulkWriteRowsOutput,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
  StringKeys,
} from 'rxdb'
import { TierlineError } from '@shared/ipc/errors'
import type { AttachmentBytes } from './attachments'
import {
  NO_ATTACHMENT_BYTES,
  readAttachment,
  readAttachmentBytes,
  writeAttachments,
} from './attachments'
import type { CollectionTable } from './collection-table'
import { dropCollectionTable } from './collection-table'
import type { SharedConnection } from './connection-pool'
import { releaseConnection } from './connection-pool'
import type { DocumentCache } from './document-cache'
import { documentRowOf } from './bulk-load'
import { readDocuments, readDocumentsById, resolve, seqsById } from './document-reader'
import { runCount, runQuery } from './query-runner'

/** What `storageInstance.internals` exposes: where the collection lives. */
export interface SqliteStorageInternals {
  readonly file: string
  readonly tableName: string
  readonly database: Database.Database
  /** The connection's parsed-document cache, e.g. for its `size` in a status view. */
  readonly documentCache: Pick<DocumentCache, 'size' | 'budget'>
}

/** RxDB passes a collection's `instanceCreationOptions` here; this storage takes none. */
export type SqliteInstanceCreationOptions = Readonly<Record<string, never>>

export interface SqliteInstanceParams<RxDocType> {
  readonly databaseName: string
  readonly collectionName: string
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>
  readonly options: SqliteInstanceCreationOptions
}

interface Written<RxDocType> {
  readonly categorized: CategorizeBulkWriteRowsOutput<RxDocType>
  /** What was stored under which new row seq, with its JSON size, to cache after COMMIT. */
  readonly stored: { readonly seq: number; readonly document: Doc; readonly bytes: number }[]
  /** Seqs of the rows the updates replaced, to drop from the cache. */
  readonly replaced: number[]
}

/** Tombstones purged per cleanup() call, so one call never holds the write lock for long. */
const CLEANUP_BATCH = 5_000

type Doc = RxDocumentData<unknown>

/**
 * One RxDB collection on our SQLite storage. Every method is synchronous SQL underneath
 * (better-sqlite3), wrapped in a promise because that is RxDB's interface.
 */
export class RxStorageInstanceSqlite<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteStorageInternals,
  SqliteInstanceCreationOptions,
  RxStorageDefaultCheckpoint
> {
  readonly databaseName: string
  readonly collectionName: string
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>
  readonly options: SqliteInstanceCreationOptions
  readonly internals: SqliteStorageInternals
  readonly primaryPath: StringKeys<RxDocumentData<RxDocType>>

  private closed = false
  private readonly closed$ = new Subject<void>()
  /** Writes whose attachments are still being read; keeps writes in call order. */
  private writeChain: Promise<unknown> = Promise.resolve()
  private readonly writeTransaction: (
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bytes: AttachmentBytes,
  ) => Written<RxDocType>

  constructor(
    params: SqliteInstanceParams<RxDocType>,
    private readonly connection: SharedConnection,
    private readonly table: CollectionTable,
  ) {
    this.databaseName = params.databaseName
    this.collectionName = params.collectionName
    this.schema = params.schema
    this.options = params.options
    this.primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey)
    this.internals = {
      file: connection.file,
      tableName: table.name,
      database: connection.db,
      documentCache: connection.cache,
    }
    // BEGIN IMMEDIATE: the conflict check reads and the write happen under one write lock.
    const transaction = connection.db.transaction(this.writeInTransaction.bind(this))
    this.writeTransaction = transaction.immediate.bind(transaction)
  }

  bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    if (!this.schema.attachments) {
      // No await before the transaction: concurrent calls commit in the order they were made.
      return this.settle(() => this.write(documentWrites, context, NO_ATTACHMENT_BYTES))
    }
    const run = this.writeChain.then(async () => {
      const bytes = await readAttachmentBytes(documentWrites)
      return this.write(documentWrites, context, bytes)
    })
    this.writeChain = run.catch(() => undefined)
    return run
  }

  private write(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bytes: AttachmentBytes,
  ): RxStorageBulkWriteResponse<RxDocType> {
    this.ensureOpen()
    if (rows.length === 0) return { error: [] }
    let written: Written<RxDocType>
    try {
      written = this.writeTransaction(rows, context, bytes)
    } catch (error) {
      throw this.failure('write to', error)
    }
    const { categorized } = written
    for (const seq of written.replaced) this.table.cache.delete(seq)
    for (const { seq, document, bytes: size } of written.stored) {
      this.table.cache.set(seq, document, size)
    }
    // Emitted after COMMIT returned, so every event describes data that is already durable.
    const bulk = categorized.eventBulk
    const last = categorized.newestRow?.document ?? bulk.events.at(-1)?.documentData
    if (bulk.events.length > 0 && last !== undefined) {
      bulk.checkpoint = { id: String(last[this.primaryPath]), lwt: last._meta.lwt }
      this.table.changes.next(
        bulk as EventBulk<RxStorageChangeEvent<Doc>, RxStorageDefaultCheckpoint>,
      )
    }
    return { error: categorized.errors }
  }

  private writeInTransaction(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    bytes: AttachmentBytes,
  ): Written<RxDocType> {
    // Inside the write lock: nobody else can commit until we do.
    this.connection.cache.revalidate()
    const ids = rows.map((row) => String(row.document[this.primaryPath]))
    const inDb = new Map<string, RxDocumentData<RxDocType>>()
    const previousSeqs = this.table.cache.enabled ? seqsById(this.table, ids) : undefined
    const current =
      previousSeqs === undefined
        ? readDocumentsById(this.table, ids, true)
        : resolve(this.table, [...previousSeqs.values()])
    for (const stored of current) {
      const document = stored as RxDocumentData<RxDocType>
      inDb.set(String(document[this.primaryPath]), document)
    }
    // RxDB's own rules decide inserts, updates, 409 conflicts and events.
    const categorized = categorizeBulkWriteRows<RxDocType>(
      this,
      this.primaryPath as StringKeys<RxDocType>,
      inDb,
      rows,
      context,
    )
    const { columns } = this.table
    const stored: Written<RxDocType>['stored'] = []
    const replaced: number[] = []
    const store = (statement: Database.Statement, document: RxDocumentData<RxDocType>) => {
      const doc = document as Doc
      const json = JSON.stringify(document)
      const params = documentRowOf(doc, json, this.primaryPath, columns)
      const id = params[0] as string
      const { lastInsertRowid } = statement.run(params)
      stored.push({ seq: Number(lastInsertRowid), document: doc, bytes: json.length })
      const previous = previousSeqs?.get(id)
      if (previous !== undefined) replaced.push(previous)
    }
    const insert = this.table.statement(this.table.sql.insert)
    for (const { document } of categorized.bulkInsertDocs) store(insert, document)
    // An update replaces the row: a new seq marks the new version (see document-cache.ts).
    const replace = this.table.statement(this.table.sql.replace)
    for (const { document } of categorized.bulkUpdateDocs) store(replace, document)
    if (this.schema.attachments) writeAttachments(this.table, categorized, bytes)
    return { categorized, stored, replaced }
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    return this.settle(() => {
      this.beginRead()
      return readDocumentsById(this.table, ids, withDeleted) as RxDocumentData<RxDocType>[]
    })
  }

  query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return this.settle(() => {
      this.beginRead()
      const documents = runQuery(
        this.table,
        this.untypedSchema(),
        preparedQuery as PreparedQuery<unknown>,
      )
      return { documents: documents as RxDocumentData<RxDocType>[] }
    })
  }

  count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return this.settle(() => {
      this.beginRead()
      const count = runCount(
        this.table,
        this.untypedSchema(),
        preparedQuery as PreparedQuery<unknown>,
      )
      return { count, mode: 'fast' }
    })
  }

  /**
   * Documents in (lwt, primary key) order after the checkpoint, read along the key column of
   * RxDB's `['_meta.lwt', primaryKey]` index. Equal lwt values are ordered by primary key, so
   * paging never skips or repeats a document however many share a timestamp.
   */
  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    return this.settle(() => {
      this.beginRead()
      const column = this.table.changesColumn
      const after =
        checkpoint === undefined ? Buffer.alloc(0) : column.keyOf(this.checkpointProbe(checkpoint))
      const source = {
        from: `from ${this.table.sql.documents} where ${column.column} > ?`,
        order: ` order by ${column.column}`,
        params: [after],
      }
      const documents = readDocuments(this.table, source, {
        limit,
        skip: 0,
      }) as RxDocumentData<RxDocType>[]
      const last = documents.at(-1)
      return {
        documents,
        checkpoint:
          last === undefined
            ? (checkpoint ?? { id: '', lwt: 0 })
            : { id: String(last[this.primaryPath]), lwt: last._meta.lwt },
      }
    })
  }

  changeStream(): Observable<
    EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
  > {
    // Shared by all instances of this collection, so each sees the others' writes.
    return (
      this.table.changes as unknown as Subject<
        EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
      >
    ).pipe(takeUntil(this.closed$))
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.settle(() => {
      this.beginRead()
      const blob = readAttachment(this.table, documentId, attachmentId, digest)
      if (blob === undefined) {
        throw new TierlineError(
          'not-found',
          `Attachment ${attachmentId} of ${this.collectionName}/${documentId} (digest ${digest}) does not exist.`,
          { collection: this.collectionName, documentId, attachmentId, digest },
        )
      }
      return blob
    })
  }

  /** Purges tombstones older than `minimumDeletedTime` ms, at most CLEANUP_BATCH per call. */
  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.settle(() => {
      this.ensureOpen()
      const deletedBefore = now() - minimumDeletedTime
      const { documents, attachments } = this.table.sql
      try {
        const purged = this.connection.db
          .transaction(() => {
            const seqs = this.table
              .statement(
                `select seq from ${documents} where deleted = 1 and lwt <= ? order by lwt limit ?`,
              )
              .pluck()
              .all(deletedBefore, CLEANUP_BATCH) as number[]
            if (seqs.length > 0) {
              const list = JSON.stringify(seqs)
              const among = 'in (select value from json_each(?))'
              this.table
                .statement(
                  `delete from ${attachments} where doc_id in (select id from ${documents} where seq ${among})`,
                )
                .run(list)
              this.table.statement(`delete from ${documents} where seq ${among}`).run(list)
            }
            return seqs
          })
          .immediate()
        for (const seq of purged) this.table.cache.delete(seq)
        return purged.length < CLEANUP_BATCH
      } catch (error) {
        throw this.failure('clean up', error)
      }
    })
  }

  /** Drops this collection's tables from the file (the file and other collections stay). */
  async remove(): Promise<void> {
    this.ensureOpen()
    await this.writeChain
    try {
      dropCollectionTable(this.connection.db, this.table)
    } catch (error) {
      throw this.failure('remove a collection from', error)
    }
    this.connection.tables.delete(this.table.name)
    this.table.cache.clear()
    this.table.changes.complete()
    await this.close()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.writeChain
    this.closed$.next()
    this.closed$.complete()
    releaseConnection(this.connection)
  }

  /** A stand-in document carrying just what the changes index reads: lwt and primary key. */
  private checkpointProbe(checkpoint: RxStorageDefaultCheckpoint): Doc {
    return {
      [this.primaryPath]: checkpoint.id,
      _meta: { lwt: checkpoint.lwt },
      _deleted: false,
      _attachments: {},
      _rev: '',
    }
  }

  private untypedSchema(): RxJsonSchema<Doc> {
    return this.schema as RxJsonSchema<Doc>
  }

  /** Every read starts here: open, and no stale cache if another process wrote the file. */
  private beginRead(): void {
    this.ensureOpen()
    this.connection.cache.revalidate()
  }

  private ensureOpen(): void {
    if (this.closed) {
      throw new TierlineError(
        'storage',
        `The storage of collection ${this.collectionName} in database ${this.databaseName} is closed.`,
        { file: this.connection.file, collection: this.collectionName },
      )
    }
  }

  /** SQLite failures (disk full, I/O error, lock timeout) as typed errors naming the file. */
  private failure(action: string, error: unknown): Error {
    if (error instanceof TierlineError) return error
    const message = error instanceof Error ? error.message : String(error)
    const code = (error as { code?: unknown }).code
    return new TierlineError(
      'storage',
      `Could not ${action} the database file ${this.connection.file}: ${message}`,
      { file: this.connection.file, collection: this.collectionName, sqliteCode: code },
    )
  }

  /** Runs synchronous work as a promise, turning a throw into a rejection. */
  private settle<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work())
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }
}
