import { describe, expect, it } from 'vitest'
import { buildProposalDocument } from './build-document'
import { exportInput } from './fixtures'
import { inlineRuns, markdownBlocks } from './markdown-blocks'
import { proposalMarkdown } from './markdown-writer'

describe('proposalMarkdown', () => {
  it('has every section with the totals, tier names and evidence', () => {
    const markdown = proposalMarkdown(buildProposalDocument(exportInput()))
    for (const heading of [
      '# Premium support for Northwind Traders',
      '## Executive summary',
      '## Evidence',
      '## Value story',
      '## Tier comparison',
      '## Pricing',
      '## Terms',
      '## Acceptance',
    ]) {
      expect(markdown).toContain(`\n${heading}\n`)
    }
    expect(markdown).toContain('**Standard → Premium**')
    expect(markdown).toContain('- **Total contract value: $85,440.00**')
    expect(markdown).toContain('- **Amount due: $73,095.00**')
    expect(markdown).toContain('| S1 First response | 4 hours (business hours) | 1 hour (24x7) |')
    expect(markdown).toContain(
      '| #4711 | S1 | August 14, 2026 | Checkout API returns 502 for EU customers |',
    )
    expect(markdown).toContain(
      '9 of 11 SLA breaches in the last 12 months would not have happened under Premium',
    )
    expect(markdown).not.toMatch(/\n{3,}/)
  })

  it('opens with the DRAFT mark while unapproved and drops it once approved', () => {
    const draft = proposalMarkdown(buildProposalDocument(exportInput()))
    expect(draft.startsWith('> **DRAFT**')).toBe(true)
    const approved = proposalMarkdown(
      buildProposalDocument(
        exportInput({
          approval: {
            required: true,
            reasons: ['x'],
            approvedBy: { name: 'M', at: '2026-11-19T00:00:00.000Z' },
          },
        }),
      ),
    )
    expect(approved).not.toContain('DRAFT')
  })

  it('keeps the value story styling and escapes what would become Markdown by accident', () => {
    const markdown = proposalMarkdown(
      buildProposalDocument(
        exportInput({
          title: 'Plan *2* for [EU]',
          valueStory: { situation: 'We **run** checkout.', impact: '', change: '', outcomes: '' },
        }),
      ),
    )
    expect(markdown).toContain('# Plan \\*2\\* for \\[EU\\]')
    expect(markdown).toContain('We **run** checkout.')
  })

  it('the same input gives the same text', () => {
    expect(proposalMarkdown(buildProposalDocument(exportInput()))).toBe(
      proposalMarkdown(buildProposalDocument(exportInput())),
    )
  })
})

describe('markdownBlocks', () => {
  it('reads headings, paragraphs, both kinds of list and quotes; keeps unknown syntax as text', () => {
    expect(
      markdownBlocks(
        '## Why\nline one\nline two\n\n* a\n  continued\n1. one\n> quoted\n\n| not | a table |',
      ),
    ).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: 'Why' }] },
      { kind: 'paragraph', runs: [{ text: 'line one line two' }] },
      { kind: 'list', ordered: false, items: [[{ text: 'a continued' }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'one' }]] },
      { kind: 'quote', runs: [{ text: 'quoted' }] },
      { kind: 'paragraph', runs: [{ text: '| not | a table |' }] },
    ])
  })

  it('splits emphasis, code and links into runs, links keeping their address', () => {
    expect(inlineRuns('a **b** _c_ `d` [e](https://x.example)')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italic: true },
      { text: ' ' },
      { text: 'd', code: true },
      { text: ' ' },
      { text: 'e (https://x.example)' },
    ])
  })
})
