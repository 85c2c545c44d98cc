import { describe, expect, it } from 'vitest'
import { TierlineError } from '../ipc/errors'
import { exampleDocuments } from './examples'
import type { CollectionName } from './registry'
import { validateBatch, validateDocument } from './validate'

const [ticket] = exampleDocuments.tickets
const [account] = exampleDocuments.accounts

describe('validateDocument', () => {
  it('returns the parsed document when it is valid, ignoring RxDB meta fields', () => {
    const result = validateDocument('accounts', { ...account, _rev: '1-a', _meta: { lwt: 1 } })
    expect(result).toEqual({ ok: true, value: account })
  })

  it('names the offending field in a typed validation error', () => {
    const result = validateDocument('accounts', { ...account, seats: -3, renewalDate: 'soon' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toBeInstanceOf(TierlineError)
    expect(result.error.code).toBe('validation')
    expect(result.error.message).toMatch(/^Invalid accounts document \w{26}: /)
    expect(result.error.message).toContain('seats:')
    expect(result.error.message).toContain('renewalDate:')
    expect(result.error.details).toMatchObject({
      collection: 'accounts',
      id: account?.id,
      issues: expect.arrayContaining([expect.objectContaining({ field: 'seats' })]),
    })
  })

  it('points into nested arrays and cross-field rules', () => {
    const events = ticket?.events.map((event, index) =>
      index === 2 ? { ...event, at: '2026-01-05 09:12' } : event,
    )
    const bad = validateDocument('tickets', { ...ticket, events })
    expect(!bad.ok && bad.error.message).toContain('events.2.at:')
    const inconsistent = validateDocument('tickets', { ...ticket, status: 'open' })
    expect(!inconsistent.ok && inconsistent.error.message).toContain(
      'status: must match the event history (solved)',
    )
  })

  it('refuses unknown fields and unknown collections', () => {
    const extra = validateDocument('accounts', { ...account, ownerID: 'typo' })
    expect(!extra.ok && extra.error.message).toMatch(/ownerID/)
    const unknown = validateDocument('nope' as CollectionName, {})
    expect(!unknown.ok && unknown.error.message).toBe('Unknown collection: nope')
    const notObject = validateDocument('users', 'a string')
    expect(!notObject.ok && notObject.error.code).toBe('validation')
  })
})

describe('validateBatch', () => {
  it('keeps the valid rows and reports each failed row by index and id', () => {
    const rows = [account, { ...account, id: 'bad' }, null, { ...account, seats: 'many' }]
    const result = validateBatch('accounts', rows)
    expect(result.valid).toEqual([account])
    expect(result.failures.map(({ index, id }) => ({ index, id }))).toEqual([
      { index: 1, id: 'bad' },
      { index: 2, id: undefined },
      { index: 3, id: account?.id },
    ])
    expect(result.failures[2]?.error.message).toContain('seats:')
  })
})
