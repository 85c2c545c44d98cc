import { describe, expect, it } from 'vitest'
import {
  compareCheckpoints,
  formatStreamEvent,
  parsePullResponse,
  pullQuerySchema,
  pullResponseSchema,
  pullSearchParams,
  sameDocumentState,
} from './protocol'
import { createStreamParser } from './sse'

describe('sync protocol', () => {
  it('orders checkpoints by seq, then id', () => {
    expect(compareCheckpoints({ seq: 1, id: 'B' }, { seq: 2, id: 'A' })).toBeLessThan(0)
    expect(compareCheckpoints({ seq: 2, id: 'A' }, { seq: 2, id: 'B' })).toBeLessThan(0)
    expect(compareCheckpoints({ seq: 2, id: 'B' }, { seq: 2, id: 'B' })).toBe(0)
    expect(compareCheckpoints({ seq: 3, id: 'A' }, { seq: 2, id: 'Z' })).toBeGreaterThan(0)
  })

  it('compares document states deeply, ignoring key order and RxDB bookkeeping', () => {
    const a = { id: 'X', _deleted: false, tags: ['a', 'b'], nested: { p: 1, q: 2 } }
    const b = { nested: { q: 2, p: 1 }, tags: ['a', 'b'], _deleted: false, id: 'X', _rev: '2-x' }
    expect(sameDocumentState(a, b)).toBe(true)
    expect(sameDocumentState(a, { ...a, tags: ['b', 'a'] })).toBe(false)
    expect(sameDocumentState(a, { ...a, _deleted: true })).toBe(false)
    // Same updatedAt, different content: not the same state (the equal-timestamp lesson).
    const at = '2026-11-01T00:00:00.000Z'
    expect(sameDocumentState({ ...a, updatedAt: at, n: 1 }, { ...a, updatedAt: at, n: 2 })).toBe(
      false,
    )
  })

  it('round-trips a checkpoint through the pull query string', () => {
    const params = pullSearchParams({ seq: 42, id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 50)
    const parsed = pullQuerySchema.parse(Object.fromEntries(params))
    expect(parsed).toEqual({ seq: 42, id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', limit: 50 })
    expect(pullQuerySchema.safeParse({ seq: '3' }).success).toBe(false)
    expect(pullQuerySchema.safeParse({ limit: '100000' }).success).toBe(false)
  })

  it('parses stream events split across chunks, reporting invalid frames', () => {
    const parser = createStreamParser()
    const text =
      formatStreamEvent({ type: 'RESYNC', reason: 'connected' }) +
      ': comment\n\n' +
      'event: CHANGE\ndata: {"type":"CHANGE","collection":"nope","seq":1}\n\n' +
      formatStreamEvent({ type: 'CHANGE', collection: 'tickets', seq: 7 })
    const first = parser.push(text.slice(0, 17))
    const rest = parser.push(text.slice(17))
    expect([...first.events, ...rest.events]).toEqual([
      { type: 'RESYNC', reason: 'connected' },
      { type: 'CHANGE', collection: 'tickets', seq: 7 },
    ])
    expect(rest.invalid).toHaveLength(1)
  })

  it('checks pull answers in place as strictly as the schema does', () => {
    const good = {
      documents: [{ id: 'A', _deleted: false, name: 'x', nested: { a: 1 } }],
      checkpoint: { id: 'A', seq: 3 },
    }
    const parsed = parsePullResponse(good)
    expect(parsed).toEqual(good)
    expect(parsed?.documents[0]).toBe(good.documents[0])
    const bad = [
      { documents: [{ id: 'A' }], checkpoint: null },
      { documents: [{ id: '', _deleted: false }], checkpoint: null },
      { documents: [{ id: 1, _deleted: false }], checkpoint: null },
      { documents: [null], checkpoint: null },
      { documents: [['A', false]], checkpoint: null },
      { documents: [], checkpoint: { id: 'A', seq: -1 } },
      { documents: [], checkpoint: null, extra: true },
      { documents: {}, checkpoint: null },
      'nonsense',
    ]
    for (const value of bad) {
      expect(parsePullResponse(value), JSON.stringify(value)).toBeUndefined()
      expect(pullResponseSchema.safeParse(value).success, JSON.stringify(value)).toBe(false)
    }
  })
})
