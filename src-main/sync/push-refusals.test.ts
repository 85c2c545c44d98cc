import { describe, expect, it } from 'vitest'
import type { WireDocument } from '@shared/sync/protocol'
import { pushKeepingRefusals, type WireRow } from './push-refusals'
import { SyncRequestError } from './sync-http'

const row = (id: string): WireRow => ({
  newDocumentState: { id, _deleted: false, title: `note ${id}` } as WireDocument,
  assumedMasterState: null,
})

/**
 * The server's answers to each push in turn (the team server cannot be made to refuse a
 * document the client's own schema accepts: both share src-shared's schemas, so a 400 naming
 * rows only happens between different Tierline versions).
 */
function scriptedServer(answers: readonly (Error | readonly WireDocument[])[]) {
  const pushed: string[][] = []
  const push = async (rows: readonly WireRow[]) => {
    pushed.push(rows.map((r) => r.newDocumentState.id))
    const answer = answers[pushed.length - 1]
    if (answer === undefined) throw new Error('pushed more often than the script says')
    if (answer instanceof Error) throw answer
    return answer
  }
  return { push, pushed }
}

describe('pushKeepingRefusals', () => {
  it('sets aside the rows a 400 names as not matching the schema, and pushes the others', async () => {
    const server = scriptedServer([
      new SyncRequestError('validation', '1 of 3 documents do not match', 400, {
        failures: [{ index: 1, id: 'b', issues: [{ field: 'title', message: 'Required' }] }],
      }),
      [],
    ])

    const result = await pushKeepingRefusals([row('a'), row('b'), row('c')], server.push)

    expect(server.pushed).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ])
    expect(result.conflicts).toEqual([])
    expect(result.refused.map((r) => r.row.newDocumentState.id)).toEqual(['b'])
    expect(result.refused[0]?.reason).toBe(
      'The team server does not accept this document (title: Required); it may run another version of Tierline.',
    )
  })

  it('rethrows a 400 that names no row (a malformed request is retried, nothing set aside)', async () => {
    const malformed = new SyncRequestError('validation', 'Invalid push body: rows', 400, {
      issues: [{ field: 'rows', message: 'Required' }],
    })
    const server = scriptedServer([malformed])

    await expect(pushKeepingRefusals([row('a')], server.push)).rejects.toBe(malformed)
    expect(server.pushed).toEqual([['a']])
  })

  it('sets aside the rows a 403 names, or every row when it names none', async () => {
    const named = scriptedServer([
      new SyncRequestError('forbidden', 'Not your account', 403, { rows: [0] }),
      [],
    ])
    const partly = await pushKeepingRefusals([row('a'), row('b')], named.push)
    expect(named.pushed).toEqual([['a', 'b'], ['b']])
    expect(partly.refused.map((r) => [r.row.newDocumentState.id, r.reason])).toEqual([
      ['a', 'Not your account'],
    ])

    const unnamed = scriptedServer([new SyncRequestError('forbidden', 'Admins only', 403)])
    const all = await pushKeepingRefusals([row('a'), row('b')], unnamed.push)
    expect(unnamed.pushed).toEqual([['a', 'b']])
    expect(all.refused.map((r) => r.row.newDocumentState.id)).toEqual(['a', 'b'])
  })

  it('rethrows failures worth retrying, such as the server being away', async () => {
    const away = new SyncRequestError('network', 'The sync server could not be reached')
    const server = scriptedServer([away])
    await expect(pushKeepingRefusals([row('a')], server.push)).rejects.toBe(away)
  })
})
