import { describe, expect, it } from 'vitest'
import { priceProposal } from '../pricing'
import { upgradeToPremium } from '../fixtures'
import { buildProposalDocument, isApprovedVersion } from './build-document'
import { discountedDraft, exportInput } from './fixtures'
import { SECTION_ORDER, type DocumentSection } from './model'

function section<K extends DocumentSection['kind']>(
  sections: readonly DocumentSection[],
  kind: K,
): Extract<DocumentSection, { kind: K }> {
  const found = sections.find((candidate) => candidate.kind === kind)
  if (found === undefined) throw new Error(`no ${kind} section`)
  return found as Extract<DocumentSection, { kind: K }>
}

const approved = { name: 'Morgan Lee', at: '2026-11-19T15:00:00.000Z' }

describe('buildProposalDocument', () => {
  it('orders the eight sections as every writer lays them out', () => {
    const document = buildProposalDocument(exportInput())
    expect(document.sections.map((s) => s.kind)).toEqual(SECTION_ORDER)
  })

  it('gives the same document for the same input, with dates from the input only', () => {
    const first = buildProposalDocument(exportInput())
    const second = buildProposalDocument(exportInput())
    expect(second).toEqual(first)
    expect(first.meta.createdAt).toBe('2026-11-20T10:30:00.000Z')
    expect(section(first.sections, 'cover').date).toBe('November 20, 2026')
  })

  it('prices from priceProposal: lines, 20 % overall discount, credit and amount due', () => {
    const input = exportInput()
    const pricing = section(buildProposalDocument(input).sections, 'pricing')
    expect(pricing.lines.rows.map((row) => row[0])).toEqual([
      'Seats',
      'Platform fee',
      'Extra TAM hours',
    ])
    // 120 × $45 × 12 = $64,800 less 20 % = $51,840.
    expect(pricing.lines.rows[0]).toEqual([
      'Seats',
      '120 seats',
      '$45.00 per seat per month',
      '$64,800.00',
      '−$12,960.00',
      '$51,840.00',
    ])
    const totals = Object.fromEntries(pricing.totals.map((t) => [t.label, t.value]))
    expect(totals).toEqual({
      'List price over the term': '$106,800.00',
      'Overall discount': '−$21,360.00',
      'Total contract value': '$85,440.00',
      'Annualised value': '$85,440.00',
      'Credit for the current contract': '−$12,345.00',
      'Amount due': '$73,095.00',
    })
    expect(input.pricing.amountDueMinor).toBe(7_309_500)
    expect(pricing.years.rows).toEqual([
      ['Year 1', 'December 1, 2026', 'November 30, 2027', '12', '$85,440.00'],
    ])
  })

  it('formats yen without minor units and by the locale', () => {
    const draft = {
      ...discountedDraft,
      currency: 'JPY',
      prorationCreditMinor: 0,
      lines: [{ kind: 'seats' as const, quantity: 10 }],
    }
    const priced = priceProposal(draft, upgradeToPremium)
    const document = buildProposalDocument(exportInput({ pricing: priced, locale: 'ja-JP' }))
    const pricing = section(document.sections, 'pricing')
    // ¥6,500 × 10 seats × 12 months = ¥780,000, less 20 % = ¥624,000: whole yen, no decimals.
    expect(pricing.totals.find((t) => t.label === 'Total contract value')?.value).toBe('￥624,000')
    expect(pricing.totals.map((t) => t.label)).not.toContain('Amount due')
    expect(section(document.sections, 'cover').date).toBe('2026/11/20')

    const german = buildProposalDocument(exportInput({ locale: 'de-DE' }))
    expect(
      section(german.sections, 'pricing').totals.find((t) => t.label === 'Total contract value')
        ?.value,
    ).toBe('85.440,00\u00a0$')
  })

  it('compares SLA targets per severity, entitlements and price of both tiers', () => {
    const { table } = section(buildProposalDocument(exportInput()).sections, 'comparison')
    expect(table.columns.map((c) => c.label)).toEqual([
      '',
      'Standard (today)',
      'Premium (proposed)',
    ])
    const rows = Object.fromEntries(table.rows.map((row) => [row[0], row.slice(1)]))
    expect(rows['S1 First response']).toEqual(['4 hours (business hours)', '1 hour (24x7)'])
    expect(rows['S2 Next response']).toEqual(['No commitment', '8 hours (business hours)'])
    // Neither tier commits to S4 resolution: no row says "No commitment" twice.
    expect(rows['S4 Resolution']).toBeUndefined()
    expect(rows['TAM hours per month']).toEqual(['0', '8'])
    expect(rows['Channels']).toEqual(['portal, email', 'portal, email, chat, phone'])
    expect(rows['Price per seat per month']).toEqual(['$20.00', '$45.00'])
  })

  it('charts figures of one unit and tables the evidence tickets', () => {
    const evidence = section(buildProposalDocument(exportInput()).sections, 'evidence')
    const [breaches, seats] = evidence.items
    expect(breaches?.chart?.bars).toEqual([
      { label: 'Breaches under Standard', value: 11, display: '11 breaches' },
      { label: 'Breaches under Premium', value: 2, display: '2 breaches' },
    ])
    expect(breaches?.tickets?.rows[0]).toEqual([
      '#4711',
      'S1',
      'August 14, 2026',
      'Checkout API returns 502 for EU customers',
      'first response: breached under Standard, met under Premium',
    ])
    // A figure of another unit is not put on the bars' scale but still printed beside them.
    expect(breaches?.unchartedFigures).toEqual([{ label: 'Tickets measured', value: '14 tickets' }])
    expect(seats?.tickets).toBeNull()

    const mixed = buildProposalDocument(
      exportInput({
        evidence: [
          {
            kind: 'usage-growth',
            title: 'Usage growth',
            summary: 'API calls up 40 %',
            figures: [
              { label: 'Growth', value: 0.4, unit: '%' },
              { label: 'Active users', value: 310, unit: 'users' },
            ],
            tickets: [],
          },
        ],
      }),
    )
    const [growth] = section(mixed.sections, 'evidence').items
    // Unlike units are not put on one scale.
    expect(growth?.chart).toBeNull()
    expect(growth?.figures).toEqual([
      { label: 'Growth', value: '40%' },
      { label: 'Active users', value: '310 users' },
    ])
    expect(growth?.unchartedFigures).toEqual(growth?.figures)
  })

  it('carries the value story as blocks and leaves out empty parts', () => {
    const story = section(
      buildProposalDocument(
        exportInput({
          valueStory: {
            situation: 'We **run** checkout.\n\n- a\n- b',
            impact: '  ',
            change: '1. one\n2. two',
            outcomes: '> calm',
          },
        }),
      ).sections,
      'valueStory',
    )
    expect(story.parts.map((p) => p.heading)).toEqual([
      'Situation',
      'What Premium changes',
      'Expected outcomes',
    ])
    expect(story.parts[0]?.blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [{ text: 'We ' }, { text: 'run', bold: true }, { text: ' checkout.' }],
      },
      { kind: 'list', ordered: false, items: [[{ text: 'a' }], [{ text: 'b' }]] },
    ])
    expect(story.caseStudies[0]?.customerLabel).toBe('A European logistics company')
  })

  it('marks a version DRAFT until a manager approves it, and not when no approval is needed', () => {
    expect(buildProposalDocument(exportInput()).watermark).toBe('DRAFT')
    const signedOff = exportInput({
      status: 'approved',
      approval: { ...exportInput().approval, approvedBy: approved },
    })
    expect(buildProposalDocument(signedOff).watermark).toBeNull()
    const noApprovalNeeded = exportInput({
      status: 'draft',
      approval: { required: false, reasons: [], approvedBy: null },
    })
    expect(isApprovedVersion(noApprovalNeeded)).toBe(true)
    expect(buildProposalDocument(noApprovalNeeded).watermark).toBeNull()

    const terms = section(buildProposalDocument(exportInput()).sections, 'terms').items
    expect(terms).toContain(
      'Pending approval: Overall discount 20% is above the 15% approval threshold.',
    )
    const approvedTerms = section(buildProposalDocument(signedOff).sections, 'terms').items
    expect(
      approvedTerms.some((item) => item.startsWith('Approved by Morgan Lee on November 19, 2026')),
    ).toBe(true)
  })

  it('names the file after the account, target tier and version', () => {
    expect(buildProposalDocument(exportInput()).fileBaseName).toBe(
      'northwind-traders-premium-proposal-v3',
    )
    const odd = buildProposalDocument(
      exportInput({ account: { ...exportInput().account, name: 'Ærø / Café ★' } }),
    )
    expect(odd.fileBaseName).toBe('r-cafe-premium-proposal-v3')
  })

  it('says a downgrade is one, with its reason', () => {
    const summary = section(
      buildProposalDocument(
        exportInput({
          currentTier: exportInput().targetTier,
          targetTier: exportInput().currentTier,
          downgradeReason: 'Budget cut for 2027',
        }),
      ).sections,
      'summary',
    )
    expect(summary.paragraphs[0]).toContain('moves it down to Standard')
    expect(summary.paragraphs).toContain('Reason for the change: Budget cut for 2027')
  })
})
