import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { TierlineError } from '@shared/ipc/errors'
import type { ProgressReporter } from '@shared/proposals/document/export-input'
import type { DocumentSection, ProposalDocument } from '@shared/proposals/document/model'
import type { ExportFonts } from './fonts'
import { sectionStep } from './progress-steps'
import { halfWidth, mapDocumentText } from './printable'
import {
  barChart,
  blocks,
  contentWidth,
  ensureSpace,
  FONT,
  heading,
  INK,
  MUTED,
  pageFurniture,
  paragraph,
  table,
  type Palette,
} from './pdf-primitives'

/**
 * The proposal as an A4 PDF with DejaVu Sans embedded (subset), vector charts, tables, page
 * numbers and — until the version is approved — a DRAFT mark on every page. The metadata's
 * dates come from the document, so the same document gives the same bytes.
 */
export async function writeProposalPdf(
  source: ProposalDocument,
  fonts: ExportFonts,
  progress: ProgressReporter = () => undefined,
): Promise<Buffer> {
  // Not the logo: a data URL is base64 and has no full-width characters to map.
  const document = mapDocumentText(source, halfWidth)
  const created = new Date(document.meta.createdAt)
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    // pdfkit opens its default font before ours are registered; Helvetica's metrics are built
    // in and cheap, and it is never drawn with, so the PDF embeds only DejaVu.
    font: 'Helvetica',
    lang: document.meta.locale,
    displayTitle: true,
    info: {
      Title: document.meta.title,
      Author: document.meta.author,
      Subject: document.meta.subject,
      Keywords: document.meta.keywords.join(', '),
      Creator: 'Tierline',
      Producer: 'Tierline',
      CreationDate: created,
      ModDate: created,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  doc.registerFont(FONT.regular, fontBytes(fonts.regular))
  doc.registerFont(FONT.bold, fontBytes(fonts.bold))
  doc.registerFont(FONT.italic, fontBytes(fonts.italic))
  doc.font(FONT.regular)
  const palette: Palette = {
    primary: document.branding.primaryColour,
    accent: document.branding.accentColour,
  }
  const logo = logoImage(document.branding.logoDataUrl)

  const total = document.sections.length + 1
  for (const [index, section] of document.sections.entries()) {
    progress(index / total, sectionStep(section.kind))
    drawSection(doc, section, palette, logo)
    // Let the event loop breathe between sections: main stays responsive on long proposals.
    await new Promise((resolve) => setImmediate(resolve))
  }
  progress(document.sections.length / total, 'Numbering the pages')
  pageFurniture(doc, { watermark: document.watermark, footer: document.footer })
  doc.end()
  const bytes = await finished
  progress(1, 'PDF ready')
  return bytes
}

const fontFiles = new Map<string, Buffer>()

/** Font files are read once per process: they are part of the installation and never change. */
function fontBytes(path: string): Buffer {
  let bytes = fontFiles.get(path)
  if (bytes === undefined) {
    bytes = readFileSync(path)
    fontFiles.set(path, bytes)
  }
  return bytes
}

function logoImage(dataUrl: string | null): Buffer | null {
  if (dataUrl === null) return null
  const payload = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl)?.[2]
  if (payload === undefined) {
    throw new TierlineError(
      'validation',
      'The logo in Settings → Proposals is not a PNG or JPEG image.',
      {
        issues: [{ field: 'branding.logoDataUrl', message: 'must be a PNG or JPEG image' }],
      },
    )
  }
  return Buffer.from(payload, 'base64')
}

function drawSection(
  doc: PDFKit.PDFDocument,
  section: DocumentSection,
  palette: Palette,
  logo: Buffer | null,
): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  switch (section.kind) {
    case 'cover': {
      doc.save().rect(0, 0, doc.page.width, 12).fill(palette.primary).restore()
      if (logo !== null) {
        try {
          doc.image(logo, left, 48, { fit: [160, 64] })
        } catch {
          throw new TierlineError(
            'validation',
            'The logo in Settings → Proposals could not be read as an image.',
            {
              issues: [{ field: 'branding.logoDataUrl', message: 'could not be read as an image' }],
            },
          )
        }
      }
      doc.y = 190
      doc
        .font(FONT.bold)
        .fontSize(26)
        .fillColor(palette.primary)
        .text(section.heading, left, doc.y, { width })
      doc.moveDown(0.4)
      doc.font(FONT.regular).fontSize(16).fillColor(INK).text(section.subtitle, { width })
      doc.moveDown(1.5)
      for (const line of [
        `Prepared for ${section.preparedFor}`,
        `By ${section.preparedBy}`,
        `${section.date} · ${section.versionLabel} · ${section.statusLabel}`,
      ]) {
        doc.font(FONT.regular).fontSize(11).fillColor(MUTED).text(line, { width })
      }
      doc.moveDown(2)
      const boxWidth = (width - 24) / Math.max(1, section.highlights.length)
      const top = doc.y
      section.highlights.forEach((item, index) => {
        const x = left + index * (boxWidth + 12)
        doc
          .save()
          .roundedRect(x, top, boxWidth, 64, 6)
          .lineWidth(1)
          .stroke(palette.accent)
          .restore()
        doc
          .font(FONT.regular)
          .fontSize(9)
          .fillColor(MUTED)
          .text(item.label, x + 10, top + 10, { width: boxWidth - 20 })
        doc
          .font(FONT.bold)
          .fontSize(12)
          .fillColor(INK)
          .text(item.value, x + 10, top + 30, { width: boxWidth - 20 })
      })
      doc.x = left
      doc.y = top + 80
      doc.addPage()
      return
    }
    case 'summary':
      heading(doc, section.heading, palette)
      for (const text of section.paragraphs) paragraph(doc, text)
      table(
        doc,
        {
          columns: [
            { label: 'Key figure', align: 'left' },
            { label: '', align: 'right' },
          ],
          rows: section.keyFigures.map((f) => [f.label, f.value]),
        },
        palette,
      )
      return
    case 'evidence':
      heading(doc, section.heading, palette)
      paragraph(doc, section.intro, { colour: MUTED })
      for (const item of section.items) {
        ensureSpace(doc, 80)
        doc.font(FONT.bold).fontSize(12).fillColor(INK).text(item.title, left, doc.y, { width })
        doc.moveDown(0.2)
        paragraph(doc, item.summary)
        if (item.chart !== null) barChart(doc, item.chart, palette)
        for (const figure of item.unchartedFigures) {
          paragraph(doc, `${figure.label}: ${figure.value}`)
        }
        if (item.tickets !== null) table(doc, item.tickets, palette)
      }
      return
    case 'valueStory':
      heading(doc, section.heading, palette)
      for (const part of section.parts) {
        ensureSpace(doc, 60)
        doc.font(FONT.bold).fontSize(12.5).fillColor(INK).text(part.heading, left, doc.y, { width })
        doc.moveDown(0.3)
        blocks(doc, part.blocks, palette)
      }
      for (const study of section.caseStudies) {
        ensureSpace(doc, 80)
        doc
          .font(FONT.bold)
          .fontSize(12.5)
          .fillColor(INK)
          .text(`Case study: ${study.title}`, left, doc.y, { width })
        doc.font(FONT.italic).fontSize(10).fillColor(MUTED).text(study.customerLabel, { width })
        doc.moveDown(0.3)
        blocks(doc, study.blocks, palette)
        for (const figure of study.figures) paragraph(doc, `${figure.label}: ${figure.value}`)
      }
      return
    case 'comparison':
      heading(doc, section.heading, palette)
      table(doc, section.table, palette)
      return
    case 'pricing':
      heading(doc, section.heading, palette)
      table(doc, section.lines, palette)
      for (const total of section.totals) {
        ensureSpace(doc, 18)
        const y = doc.y
        doc
          .font(total.emphasis ? FONT.bold : FONT.regular)
          .fontSize(total.emphasis ? 11 : 10)
          .fillColor(INK)
        doc.text(total.label, left + width * 0.4, y, { width: width * 0.35 })
        doc.text(total.value, left + width * 0.75, y, { width: width * 0.25, align: 'right' })
        doc.moveDown(0.3)
      }
      doc.moveDown(0.6)
      table(doc, section.years, palette)
      return
    case 'terms':
      heading(doc, section.heading, palette)
      blocks(
        doc,
        [{ kind: 'list', ordered: false, items: section.items.map((text) => [{ text }]) }],
        palette,
      )
      return
    case 'acceptance': {
      ensureSpace(doc, 260)
      heading(doc, section.heading, palette)
      paragraph(doc, section.text)
      doc.moveDown(0.5)
      const columnWidth = (width - 24) / 2
      const top = doc.y
      const partyLabel = (party: (typeof section.parties)[number]) =>
        `${party.role}: ${party.organisation}`
      // Both columns' signature lines start level, below the longer of the two names.
      doc.font(FONT.bold).fontSize(10.5)
      const labelHeight = Math.max(
        ...section.parties.map((party) =>
          doc.heightOfString(partyLabel(party), { width: columnWidth }),
        ),
      )
      section.parties.forEach((party, index) => {
        const x = left + index * (columnWidth + 24)
        doc
          .font(FONT.bold)
          .fontSize(10.5)
          .fillColor(INK)
          .text(partyLabel(party), x, top, { width: columnWidth })
        let y = top + labelHeight + 18
        for (const field of section.fields) {
          doc
            .save()
            .moveTo(x, y + 12)
            .lineTo(x + columnWidth, y + 12)
            .lineWidth(0.75)
            .stroke(MUTED)
            .restore()
          doc
            .font(FONT.regular)
            .fontSize(8.5)
            .fillColor(MUTED)
            .text(field, x, y + 15, { width: columnWidth })
          y += 40
        }
      })
      doc.x = left
      return
    }
  }
}
