import { describe, expect, it } from 'vitest'
import { buildProposalDocument } from '@shared/proposals/document/build-document'
import { discountedDraft, exportInput } from '@shared/proposals/document/fixtures'
import { upgradeToPremium } from '@shared/proposals/fixtures'
import { priceProposal } from '@shared/proposals/pricing'
import type { ProposalDocumentInput } from '@shared/proposals/document/input'
import { TierlineError } from '@shared/ipc/errors'
import { readDocxXml, readPdfText } from '../../../test/fixtures/export-readers'
import { writeProposalDocx } from './docx-writer'
import { exportFonts } from './fonts'
import { writeProposalPdf } from './pdf-writer'

/** A real 1×1 PNG, as the settings screen would store a logo. */
const ONE_PIXEL_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='

const approvedInput = (): ProposalDocumentInput =>
  exportInput({
    status: 'approved',
    approval: {
      required: true,
      reasons: ['Overall discount 20% is above the 15% approval threshold'],
      approvedBy: { name: 'Morgan Lee', at: '2026-11-19T15:00:00.000Z' },
    },
  })

const pdfOf = (input: ProposalDocumentInput) =>
  writeProposalPdf(buildProposalDocument(input), exportFonts())
const docxOf = (input: ProposalDocumentInput) => writeProposalDocx(buildProposalDocument(input))

describe('PDF export', () => {
  it('reads back with the totals, tier names, evidence and DRAFT on every page', async () => {
    const pdf = await readPdfText(await pdfOf(exportInput()))
    expect(pdf.pages.length).toBeGreaterThan(1)
    for (const [index, page] of pdf.pages.entries()) {
      expect(page).toContain('DRAFT')
      expect(page).toContain(`Page ${index + 1} of ${pdf.pages.length}`)
    }
    for (const text of [
      'Standard → Premium',
      'Standard (today)',
      'Premium (proposed)',
      'Total contract value $85,440.00',
      'Amount due $73,095.00',
      '−$21,360.00',
      '9 of 11 SLA breaches in the last 12 months would not have happened under Premium',
      '#4711',
      'Checkout API returns 502 for EU customers',
      'Breaches under Standard',
      '11 breaches',
      'Tickets measured: 14 tickets',
      'Halving time to recovery',
      'Signed for Northwind Traders and Acme Support Co',
    ]) {
      expect(pdf.text).toContain(text)
    }
    expect(pdf.info).toMatchObject({
      Title: 'Premium support for Northwind Traders',
      Author: 'Dana Whitfield, Acme Support Co',
      CreationDate: 'D:20261120103000Z',
    })
  })

  it('has no DRAFT mark once the version is approved', async () => {
    const pdf = await readPdfText(await pdfOf(approvedInput()))
    expect(pdf.text).not.toContain('DRAFT')
    expect(pdf.text).toContain('Approved by Morgan Lee on November 19, 2026')
  })

  it('embeds only the DejaVu fonts, as subsets', async () => {
    const pdf = (await pdfOf(exportInput())).toString('latin1')
    const fonts = [...pdf.matchAll(/\/BaseFont \/([A-Za-z+-]+)/g)].map((match) => match[1])
    expect(new Set(fonts.map((name) => name?.replace(/^[A-Z]{6}\+/, '')))).toEqual(
      new Set(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']),
    )
  })

  it('gives the same bytes for the same input', async () => {
    const [first, second] = await Promise.all([pdfOf(exportInput()), pdfOf(exportInput())])
    expect(Buffer.compare(first, second)).toBe(0)
  })

  it('embeds the logo, and refuses one that is not an image with a typed error', async () => {
    const branding = { ...exportInput().branding, logoDataUrl: ONE_PIXEL_PNG }
    const withLogo = await pdfOf(exportInput({ branding }))
    expect(withLogo.includes(Buffer.from('/Subtype /Image'))).toBe(true)

    const broken = { ...branding, logoDataUrl: 'data:image/png;base64,AAAAAAAAAAAA' }
    const refused = pdfOf(exportInput({ branding: broken }))
    await expect(refused).rejects.toBeInstanceOf(TierlineError)
    await expect(refused).rejects.toMatchObject({ code: 'validation' })
  })

  it('prints yen as whole amounts with glyphs the embedded font carries', async () => {
    const draft = {
      ...discountedDraft,
      currency: 'JPY',
      prorationCreditMinor: 0,
      lines: [{ kind: 'seats' as const, quantity: 10 }],
    }
    const pricing = priceProposal(draft, upgradeToPremium)
    const pdf = await readPdfText(await pdfOf(exportInput({ locale: 'ja-JP', pricing })))
    // ¥6,500 × 10 seats × 12 months less 20 %; printed with the half-width yen sign the font has.
    expect(pdf.text).toContain('¥624,000')
    expect(pdf.text).toContain('2026/11/20')
  })

  it('reports progress from 0 to 1 with a step for each section', async () => {
    const steps: [number, string][] = []
    await writeProposalPdf(buildProposalDocument(exportInput()), exportFonts(), (share, step) =>
      steps.push([share, step]),
    )
    const shares = steps.map(([share]) => share)
    expect(shares[0]).toBe(0)
    expect(shares.at(-1)).toBe(1)
    expect([...shares].sort((a, b) => a - b)).toEqual(shares)
    expect(steps.map(([, step]) => step)).toContain('Drawing the evidence charts and tables')
  })
})

describe('DOCX export', () => {
  it('has the same sections and figures, and DRAFT as header text while unapproved', async () => {
    const docx = await readDocxXml(await docxOf(exportInput()))
    for (const text of [
      'Premium support for Northwind Traders',
      'Standard → Premium',
      'Executive summary',
      'Evidence',
      'Value story',
      'Tier comparison',
      'Pricing',
      'Terms',
      'Acceptance',
      'Standard (today)',
      'Premium (proposed)',
      'Total contract value',
      '$85,440.00',
      '$73,095.00',
      '9 of 11 SLA breaches in the last 12 months would not have happened under Premium',
      '#4711',
      'Checkout API returns 502 for EU customers',
      'Tickets measured: 14 tickets',
    ]) {
      expect(docx.text).toContain(text)
    }
    expect(docx.headerText).toContain('DRAFT')
    expect(docx.text).not.toContain('DRAFT')
    // The page numbers are Word fields, so they count the pages Word lays out.
    expect(docx.documentXml + docx.headersXml.join('')).not.toContain('PAGE')
  })

  it('has no DRAFT header once approved, and the same text for the same input', async () => {
    const approved = await readDocxXml(await docxOf(approvedInput()))
    expect(approved.headerText).not.toContain('DRAFT')
    expect(approved.headerText).toContain('Acme Support Co')

    const [first, second] = await Promise.all([docxOf(exportInput()), docxOf(exportInput())])
    const [a, b] = await Promise.all([readDocxXml(first), readDocxXml(second)])
    expect(b.documentXml).toBe(a.documentXml)
    expect(b.headersXml).toEqual(a.headersXml)
    // Dated from the input, not the clock.
    expect(a.coreXml).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-20T10:30:00Z</dcterms:created>',
    )
    expect(b.coreXml).toBe(a.coreXml)
    expect(a.coreXml).toContain('<dc:title>Premium support for Northwind Traders</dc:title>')
  })

  it('embeds the logo as an image part', async () => {
    const branding = { ...exportInput().branding, logoDataUrl: ONE_PIXEL_PNG }
    const docx = await readDocxXml(await docxOf(exportInput({ branding })))
    expect(docx.documentXml).toContain('<pic:pic')
  })
})
