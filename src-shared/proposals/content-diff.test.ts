import { describe, expect, it } from 'vitest'
import { exampleDocuments } from '../model/examples'
import type { ProposalContent } from '../model/proposal-content'
import { diffProposalContent } from './content-diff'

const example = exampleDocuments.proposalVersions[0]?.content
if (example === undefined) throw new Error('no example proposal version')
const v1: ProposalContent = example

describe('readable diff of two proposal versions', () => {
  it('says nothing changed for the same content', () => {
    expect(diffProposalContent(v1, v1)).toEqual([])
  })

  it('keys lines by what they sell, so removing the first line is one removal', () => {
    const v2: ProposalContent = {
      ...v1,
      pricing: {
        ...v1.pricing,
        lines: [
          { kind: 'platform-fee' },
          { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 4 },
        ],
        discount: { kind: 'amount', amountMinor: 50_000 },
        termMonths: 24,
      },
    }
    expect(
      diffProposalContent(v1, v2).map((entry) => [entry.path, entry.op, entry.sentence]),
    ).toEqual([
      ['pricing.termMonths', 'changed', 'Term in months: 12 → 24'],
      ['pricing.lines.extra-tam-hours', 'added', 'Add-on extra-tam-hours added'],
      ['pricing.lines.seats', 'removed', 'Seats removed'],
      ['pricing.discount', 'changed', 'Overall discount: 10 % → €500.00'],
    ])
  })

  it('names quantity, story, evidence and validity changes and the target tier by name', () => {
    const v2: ProposalContent = {
      ...v1,
      targetTierVersionId: '01J0000000000000000000NEW1',
      pricing: {
        ...v1.pricing,
        lines: [{ kind: 'seats', quantity: 650 }, { kind: 'platform-fee' }],
      },
      valueStory: { ...v1.valueStory, outcomes: 'Fewer escalations' },
      evidence: [],
      validUntil: '2026-04-01',
    }
    const names: Record<string, string> = {
      [v1.targetTierVersionId]: 'Enterprise v1',
      '01J0000000000000000000NEW1': 'Enterprise v2',
    }
    expect(
      diffProposalContent(v1, v2, (id) => names[id] ?? id).map((entry) => entry.sentence),
    ).toEqual([
      'Target tier: Enterprise v1 → Enterprise v2',
      'Seats quantity: 600 → 650',
      'Value story, expected outcomes rewritten',
      'Evidence removed: 3 S1 tickets in 90 days',
      'Valid until: 2026-03-01 → 2026-04-01',
    ])
  })
})
