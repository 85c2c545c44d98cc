import { describe, expect, it } from 'vitest'
import { exampleId } from './examples'
import { isUlid } from './ids'
import { MAX_PROPOSAL_VERSION, proposalVersionId } from './proposal-version'

describe('proposalVersionId', () => {
  const proposalId = exampleId(42)

  it('is the same for the same proposal and version, wherever it is computed', () => {
    expect(proposalVersionId(proposalId, 3)).toBe(proposalVersionId(proposalId, 3))
  })

  it('differs per version and per proposal, and stays a ULID that sorts by version', () => {
    const ids = [1, 2, 31, 32, 1000, MAX_PROPOSAL_VERSION].map((v) =>
      proposalVersionId(proposalId, v),
    )
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every(isUlid)).toBe(true)
    expect([...ids].sort()).toEqual(ids)
    expect(proposalVersionId(exampleId(43), 1)).not.toBe(proposalVersionId(proposalId, 1))
  })

  it('keeps the proposal id up to its last four characters', () => {
    expect(proposalVersionId(proposalId, 1).slice(0, 22)).toBe(proposalId.slice(0, 22))
  })

  it('refuses a version the schema would refuse', () => {
    for (const bad of [0, -1, 1.5, MAX_PROPOSAL_VERSION + 1]) {
      expect(() => proposalVersionId(proposalId, bad)).toThrow(RangeError)
    }
  })
})
