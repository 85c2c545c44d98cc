import { describe, expect, it } from 'vitest'
import type { PullResponse, SyncCheckpoint } from '@shared/sync/protocol'
import { createPagePrefetch } from './page-prefetch'

/** A server's answers over `total` documents in pages; records each request as it is made. */
function pagedServer(total: number) {
  const requests: (SyncCheckpoint | null)[] = []
  let failNext = false
  const fetchPage = async (checkpoint: SyncCheckpoint | null, limit: number) => {
    requests.push(checkpoint)
    if (failNext) {
      failNext = false
      throw new Error('network down')
    }
    const from = checkpoint === null ? 0 : checkpoint.seq
    const documents = Array.from(
      { length: Math.max(0, Math.min(limit, total - from)) },
      (_, i) => ({
        id: `d${from + i + 1}`,
        _deleted: false,
      }),
    )
    const last = documents.at(-1)
    return {
      documents,
      checkpoint: last === undefined ? checkpoint : { id: last.id, seq: from + documents.length },
    } as PullResponse
  }
  return { requests, fetchPage, failOnce: () => (failNext = true) }
}

describe('pull page prefetch', () => {
  it('asks for the next page as soon as a full one arrives, and answers from it', async () => {
    const server = pagedServer(25)
    const pull = createPagePrefetch(server.fetchPage)
    const first = await pull(null, 10)
    expect(first.documents).toHaveLength(10)
    // The next page is already on its way before anyone asked for it.
    expect(server.requests).toEqual([null, { id: 'd10', seq: 10 }])
    const second = await pull(first.checkpoint, 10)
    expect(second.documents.map((d) => d.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `d${i + 11}`),
    )
    const third = await pull(second.checkpoint, 10)
    expect(third.documents).toHaveLength(5)
    // Each page was requested once, and nothing after the last, partial, page.
    expect(server.requests).toEqual([null, { id: 'd10', seq: 10 }, { id: 'd20', seq: 20 }])
  })

  it('does not use an early page for another checkpoint or page size', async () => {
    const server = pagedServer(30)
    const pull = createPagePrefetch(server.fetchPage)
    await pull(null, 10)
    const again = await pull(null, 10)
    expect(again.documents[0]?.id).toBe('d1')
    const smaller = await pull({ id: 'd10', seq: 10 }, 5)
    expect(smaller.documents.map((d) => d.id)).toEqual(['d11', 'd12', 'd13', 'd14', 'd15'])
  })

  it('asks again when the early request failed, and reports a failure of that request', async () => {
    const server = pagedServer(30)
    const pull = createPagePrefetch(server.fetchPage)
    server.failOnce()
    await expect(pull(null, 10)).rejects.toThrow('network down')
    const first = await pull(null, 10)
    server.failOnce() // not the early request: it was made already
    const second = await pull(first.checkpoint, 10)
    expect(second.documents[0]?.id).toBe('d11')
    // The early request for page 3 fails; asking for page 3 asks again and succeeds.
    const third = await pull(second.checkpoint, 10)
    expect(third.documents[0]?.id).toBe('d21')
  })
})
