import type { PullResponse, SyncCheckpoint } from '@shared/sync/protocol'

export type FetchPage = (checkpoint: SyncCheckpoint | null, limit: number) => Promise<PullResponse>

/**
 * Pull pages one ahead. RxDB asks for a collection's next page only after it has written the
 * last one, so on a cold sync the server (and its database) idled while the client wrote, and
 * the client idled while the server read. After a full page the next one is requested at once;
 * when RxDB then asks from exactly that checkpoint, it gets that answer. A page read a moment
 * early is still a correct page (pulls are by checkpoint, rule 3): whatever changed since comes
 * with a higher sequence, on a later pull.
 */
export function createPagePrefetch(fetchPage: FetchPage) {
  let ahead: { readonly key: string; readonly page: Promise<PullResponse> } | undefined
  const keyOf = (checkpoint: SyncCheckpoint | null, limit: number) =>
    `${checkpoint === null ? '' : `${checkpoint.seq}|${checkpoint.id}`}#${limit}`

  return async function pull(
    checkpoint: SyncCheckpoint | null,
    limit: number,
  ): Promise<PullResponse> {
    const key = keyOf(checkpoint, limit)
    const early = ahead?.key === key ? ahead.page : undefined
    ahead = undefined
    // A failed early request is simply asked again, now, with its errors reported as usual.
    const page = await (early?.catch(() => fetchPage(checkpoint, limit)) ??
      fetchPage(checkpoint, limit))
    if (page.documents.length >= limit && page.checkpoint !== null) {
      const next = fetchPage(page.checkpoint, limit)
      next.catch(() => undefined) // Unhandled until asked for; its failure is retried then.
      ahead = { key: keyOf(page.checkpoint, limit), page: next }
    }
    return page
  }
}
