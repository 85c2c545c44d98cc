import { describe, expect, it } from 'vitest'
import { TierlineError } from '@shared/ipc/errors'
import { fieldErrors, issuesOf } from './field-errors'

const refused = new TierlineError('validation', 'Invalid tier version', {
  issues: [
    { field: 'definition.sla.S2', message: 'S2 has no SLA target' },
    { field: 'definition.sla.S2.resolution.minutes', message: 'Too small' },
    { field: 'reason', message: 'say why' },
    { field: 'reason', message: 'keep it short' },
    { nonsense: true },
  ],
})

describe('field errors from a typed validation error', () => {
  it('keeps only well-formed issues of validation errors', () => {
    expect(issuesOf(refused)).toHaveLength(4)
    expect(issuesOf(new TierlineError('conflict', 'stale', { issues: [] }))).toEqual([])
    expect(issuesOf(null)).toEqual([])
  })

  it('finds a field exactly, or with everything under it, inside a prefix', () => {
    const all = fieldErrors(issuesOf(refused))
    expect(all.at('reason')).toBe('say why; keep it short')
    const definition = fieldErrors(issuesOf(refused), 'definition.')
    expect(definition.at('sla.S2')).toBe('S2 has no SLA target')
    expect(definition.under('sla.S2')).toBe('S2 has no SLA target; Too small')
    expect(definition.under('sla.S2.resolution')).toBe('Too small')
    expect(definition.under('sla.S1')).toBeUndefined()
    expect(definition.at('reason')).toBeUndefined()
  })
})
