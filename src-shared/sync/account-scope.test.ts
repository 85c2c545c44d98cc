import { describe, expect, it } from 'vitest'
import { accountChildNames, accountScopedNames } from './account-scope'

describe('account-scoped collections', () => {
  it('are the collections with an accountId, and accounts itself', () => {
    expect(accountChildNames).toEqual(
      expect.arrayContaining(['contacts', 'tickets', 'activities', 'proposals', 'playbookRuns']),
    )
    expect(accountChildNames).not.toContain('accounts')
    expect(accountChildNames).not.toContain('tiers')
    expect(accountChildNames).not.toContain('library')
    expect(accountScopedNames[0]).toBe('accounts')
  })
})
