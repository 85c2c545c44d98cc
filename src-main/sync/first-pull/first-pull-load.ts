import type { PullResponse, SyncCheckpoint } from '@shared/sync/protocol'
import type { BulkLoadTarget } from '../../db/storage/bulk-load'
import type { PullAnswer } from '../sync-http'
import { parsePullBytes, type PreparedPage } from './prepare-page'

export interface FirstPullLoadOptions {
  /** One pull request, answered once its headers arrived. */
  fetchPage(checkpoint: SyncCheckpoint | null, limit: number): Promise<PullAnswer>
  /** Decodes and checks a page and builds its rows, in a worker when there is one. */
  prepare(bytes: ArrayBuffer): Promise<PreparedPage>
  readonly target: BulkLoadTarget
  /** After each page appended: how many documents it held. */
  onAppended(count: number): void
  /** When the load hands its last pages to RxDB: how many documents it appended in all. */
  onFinished(appended: number): void
  /** Thrown for a page that {@link prepare} understood but this thread cannot parse. */
  notUnderstood(): Error
  /** True once the sync stopped (sign-out, workspace closing): nothing more is appended. */
  stopped(): boolean
}

/**
 * Below this page size a first pull is left to RxDB: each appended page saves a request's worth
 * of RxDB bookkeeping, and small pages (tests, a slow link) save too little to be worth a path
 * of their own.
 */
const SMALLEST_BULK_PAGE = 500

/** Pages asked for ahead of the one being appended: enough to keep the server busy. */
const PAGES_AHEAD = 2

interface Fetched {
  readonly bytes: ArrayBuffer
  readonly page: PreparedPage
}

/** One page asked for; `next` is set when its headers announced a full page ending there. */
interface Request {
  readonly checkpoint: SyncCheckpoint | null
  readonly result: Promise<Fetched>
  next?: SyncCheckpoint
  followed?: boolean
}

const sameCheckpoint = (a: SyncCheckpoint | null | undefined, b: SyncCheckpoint | null) =>
  a !== undefined && a !== null && b !== null && a.seq === b.seq && a.id === b.id

/**
 * A pull-only collection's first sync into an empty table as a bulk load. RxDB's downstream
 * spends several times more per document than the SQLite insert itself (finding the fork state,
 * comparing, building events and revisions), so full pages are appended straight to the table,
 * their rows built in a worker (see page-preparer.ts). The server announces each page's
 * checkpoint in its headers, so the next pages are asked for while this one is still read,
 * parsed and appended: the server, the worker and main each work on a page of their own.
 *
 * The last full page and the short one after it are handed back to RxDB as one pull answer, so
 * RxDB writes them and stores the checkpoint: nothing before that is ever taken as synced. The
 * appended rows bypassed RxDB's change events, so `onFinished` is where its queries are told to
 * read storage again (collection-first-pull.ts).
 *
 * Crash safety: until RxDB stored that checkpoint it starts from the beginning again; the table
 * then holds documents, so that pull goes through RxDB, which finds each appended document
 * equal to the server's and skips it. Within one run, a failed request resumes where the
 * appended pages end.
 */
export function createFirstPullLoad(options: FirstPullLoadOptions) {
  let appendedThrough: SyncCheckpoint | null = null
  let appended = 0
  let finished = false

  return {
    /** True when a pull from the beginning of `limit` documents should go through {@link pull}. */
    applies(limit: number): boolean {
      if (finished || limit < SMALLEST_BULK_PAGE) return false
      return appendedThrough !== null || options.target.isEmpty()
    },

    async pull(limit: number): Promise<PullResponse> {
      // Asked for and not yet taken, in order; `tail` is the newest request, taken or not.
      const queue: Request[] = []
      let tail: Request | undefined
      const ask = (checkpoint: SyncCheckpoint | null) => {
        const request: Request = {
          checkpoint,
          result: options.fetchPage(checkpoint, limit).then(async (answer) => {
            const { announced } = answer
            if (announced !== undefined && announced.count >= limit && announced.checkpoint) {
              request.next = announced.checkpoint
              askAhead()
            }
            const bytes = await answer.bytes()
            return { bytes, page: await options.prepare(bytes) }
          }),
        }
        request.result.catch(() => undefined) // awaited in turn; its failure fails this pull then
        queue.push(request)
        tail = request
      }
      const askAhead = () => {
        if (tail?.next === undefined || tail.followed || queue.length >= PAGES_AHEAD) return
        tail.followed = true
        ask(tail.next)
      }

      let held: Fetched | undefined
      ask(appendedThrough)
      for (;;) {
        const request = queue.shift() as Request
        askAhead()
        const current = await request.result
        if (options.stopped()) throw new Error('The sync stopped during a first pull.')
        const { page } = current
        if (page.count < limit || page.checkpoint === null) {
          finished = true
          options.onFinished(appended)
          return finalAnswer(held, current)
        }
        // An announcement that did not hold (or none at all): ask from what the page says.
        if (!sameCheckpoint(queue[0]?.checkpoint, page.checkpoint)) {
          queue.length = 0
          ask(page.checkpoint)
        }
        if (held !== undefined) {
          options.target.append(held.page.rows)
          appendedThrough = held.page.checkpoint
          appended += held.page.count
          options.onAppended(held.page.count)
        }
        held = current
      }
    },
  }

  function finalAnswer(held: Fetched | undefined, last: Fetched): PullResponse {
    const documents = [held, last].flatMap((fetched) => {
      if (fetched === undefined) return []
      const answer = parsePullBytes(fetched.bytes)
      if (answer === undefined) throw options.notUnderstood()
      return answer.documents
    })
    return { documents, checkpoint: last.page.checkpoint ?? appendedThrough }
  }
}

export type FirstPullLoad = ReturnType<typeof createFirstPullLoad>
