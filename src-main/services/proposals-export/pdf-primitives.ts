import type { BarChart, DocumentTable, TextBlock, TextRun } from '@shared/proposals/document/model'

/**
 * Drawing helpers for the PDF writer: flowing text with page breaks, tables that repeat their
 * header on a new page, horizontal vector bar charts and Markdown blocks. They only lay out
 * what the document model already worded.
 */

export const FONT = { regular: 'body', bold: 'body-bold', italic: 'body-italic' } as const
export const INK = '#1f2328'
export const MUTED = '#59636e'
export const RULE = '#d0d7de'

export interface Palette {
  readonly primary: string
  readonly accent: string
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom
}

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage()
}

export function heading(doc: PDFKit.PDFDocument, text: string, palette: Palette, size = 18): void {
  // A heading keeps some of its section with it rather than closing a page alone.
  ensureSpace(doc, size * 3 + 90)
  doc.moveDown(0.6)
  doc.font(FONT.bold).fontSize(size).fillColor(palette.primary).text(text, doc.page.margins.left)
  doc.moveDown(0.3)
  doc.fillColor(INK)
}

export function paragraph(
  doc: PDFKit.PDFDocument,
  text: string,
  options: { size?: number; colour?: string } = {},
): void {
  doc
    .font(FONT.regular)
    .fontSize(options.size ?? 10.5)
    .fillColor(options.colour ?? INK)
  // A short paragraph moves whole to the next page; a long one may start here and flow on.
  const height = doc.heightOfString(text, { width: contentWidth(doc) })
  ensureSpace(doc, Math.min(height, 40))
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.5)
  doc.fillColor(INK)
}

function runFont(run: TextRun): string {
  if (run.bold === true) return FONT.bold
  if (run.italic === true) return FONT.italic
  return FONT.regular
}

/** Mixed-style runs on one flowing line (pdfkit's `continued` text). */
function runs(
  doc: PDFKit.PDFDocument,
  items: readonly TextRun[],
  x: number,
  width: number,
  size: number,
): void {
  if (items.length === 0) return
  doc.fontSize(size)
  const whole = items.map((run) => run.text).join('')
  ensureSpace(doc, Math.min(60, doc.font(FONT.regular).heightOfString(whole, { width })))
  items.forEach((run, index) => {
    const last = index === items.length - 1
    doc.font(runFont(run)).fillColor(run.code === true ? MUTED : INK)
    if (index === 0) doc.text(run.text, x, doc.y, { width, continued: !last })
    else doc.text(run.text, { continued: !last })
  })
  doc.fillColor(INK)
}

export function blocks(
  doc: PDFKit.PDFDocument,
  items: readonly TextBlock[],
  palette: Palette,
): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  for (const block of items) {
    switch (block.kind) {
      case 'heading':
        ensureSpace(doc, 30)
        doc
          .font(FONT.bold)
          .fontSize(block.level === 1 ? 13 : 11.5)
          .fillColor(palette.primary)
        doc.text(block.runs.map((run) => run.text).join(''), left, doc.y, { width })
        doc.fillColor(INK).moveDown(0.2)
        break
      case 'paragraph':
        runs(doc, block.runs, left, width, 10.5)
        doc.moveDown(0.5)
        break
      case 'quote': {
        const top = doc.y
        runs(doc, block.runs, left + 14, width - 14, 10.5)
        doc
          .save()
          .rect(left, top, 3, Math.max(12, doc.y - top))
          .fill(palette.accent)
          .restore()
        doc.moveDown(0.5)
        break
      }
      case 'list':
        block.items.forEach((item, index) => {
          ensureSpace(doc, 16)
          const marker = block.ordered ? `${index + 1}.` : '•'
          const top = doc.y
          doc
            .font(FONT.regular)
            .fontSize(10.5)
            .fillColor(INK)
            .text(marker, left + 4, top, { width: 16 })
          doc.y = top
          runs(doc, item, left + 22, width - 22, 10.5)
          doc.moveDown(0.15)
        })
        doc.moveDown(0.4)
        break
    }
  }
}

/**
 * Column widths by content: columns whose longest cell fits a fair share keep that width (no
 * wrapping of ticket numbers or amounts); the wide ones share what is left by their length.
 */
function columnWidths(doc: PDFKit.PDFDocument, table: DocumentTable, width: number): number[] {
  doc.font(FONT.bold).fontSize(9)
  const natural = table.columns.map((column, index) => {
    const cells = [column.label, ...table.rows.map((row) => row[index] ?? '')]
    return Math.max(24, ...cells.map((cell) => doc.widthOfString(cell))) + 10
  })
  const total = natural.reduce((a, b) => a + b, 0)
  if (total <= width) return natural.map((w) => (w / total) * width)
  const share = width / natural.length
  const fixed = natural.map((w) => w <= share)
  const fixedWidth = natural.reduce((sum, w, i) => (fixed[i] ? sum + w : sum), 0)
  const wideTotal = total - fixedWidth
  return natural.map((w, i) => (fixed[i] ? w : (w / wideTotal) * (width - fixedWidth)))
}

export function table(doc: PDFKit.PDFDocument, data: DocumentTable, palette: Palette): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const widths = columnWidths(doc, data, width)
  const pad = 4
  const rowHeight = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(9)
    return (
      Math.max(
        ...cells.map((cell, i) =>
          doc.heightOfString(cell === '' ? ' ' : cell, { width: (widths[i] ?? 40) - pad * 2 }),
        ),
      ) +
      pad * 2
    )
  }
  // Heights are measured once per row: measuring wraps the text, the dearest step here.
  const drawRow = (cells: readonly string[], header: boolean, height: number) => {
    const top = doc.y
    if (header) doc.save().rect(left, top, width, height).fill(palette.primary).restore()
    let x = left
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 40
      doc
        .font(header ? FONT.bold : FONT.regular)
        .fontSize(9)
        .fillColor(header ? '#ffffff' : INK)
        .text(cell, x + pad, top + pad, {
          width: w - pad * 2,
          align: data.columns[i]?.align ?? 'left',
        })
      x += w
    })
    doc
      .save()
      .moveTo(left, top + height)
      .lineTo(left + width, top + height)
      .lineWidth(0.5)
      .stroke(RULE)
      .restore()
    doc.x = left
    doc.y = top + height
    doc.fillColor(INK)
  }
  const header = data.columns.map((column) => column.label)
  const headerHeight = rowHeight(header, FONT.bold)
  const heights = data.rows.map((row) => rowHeight(row, FONT.regular))
  ensureSpace(doc, headerHeight + (heights[0] ?? 0))
  drawRow(header, true, headerHeight)
  data.rows.forEach((row, index) => {
    const height = heights[index] ?? 0
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage()
      drawRow(header, true, headerHeight)
    }
    drawRow(row, false, height)
  })
  doc.moveDown(0.8)
}

/** Horizontal bars on a shared scale: label, bar, printed value. */
export function barChart(doc: PDFKit.PDFDocument, chart: BarChart, palette: Palette): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const labelWidth = Math.min(200, width * 0.38)
  const valueWidth = 80
  const barArea = width - labelWidth - valueWidth - 12
  const barHeight = 14
  const gap = 8
  const height = chart.bars.length * (barHeight + gap) + 8
  ensureSpace(doc, height + 10)
  const max = Math.max(...chart.bars.map((bar) => bar.value), 0)
  let y = doc.y + 4
  chart.bars.forEach((bar, index) => {
    // A zero draws no bar at all; any other value at least a sliver, so it reads as not zero.
    const length = max === 0 || bar.value === 0 ? 0 : Math.max(1, (bar.value / max) * barArea)
    doc
      .font(FONT.regular)
      .fontSize(9)
      .fillColor(INK)
      .text(bar.label, left, y + 2, { width: labelWidth - 8, lineBreak: false, ellipsis: true })
    doc
      .save()
      .rect(left + labelWidth, y, length, barHeight)
      .fill(index === chart.bars.length - 1 ? palette.accent : palette.primary)
      .restore()
    doc
      .font(FONT.bold)
      .fontSize(9)
      .fillColor(INK)
      .text(bar.display, left + labelWidth + length + 6, y + 2, {
        width: valueWidth + barArea - length,
        lineBreak: false,
      })
    y += barHeight + gap
  })
  // The axis: where every bar starts.
  doc
    .save()
    .moveTo(left + labelWidth, doc.y)
    .lineTo(left + labelWidth, y - gap + 4)
    .lineWidth(0.75)
    .stroke(MUTED)
    .restore()
  doc.x = left
  doc.y = y + 4
}

/** The DRAFT mark across the page and the page footer; drawn on every buffered page at the end. */
export function pageFurniture(
  doc: PDFKit.PDFDocument,
  options: { readonly watermark: string | null; readonly footer: string },
): void {
  const range = doc.bufferedPageRange()
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index)
    const { width, height, margins } = doc.page
    if (options.watermark !== null) {
      doc.save()
      doc.rotate(-35, { origin: [width / 2, height / 2] })
      doc.font(FONT.bold).fontSize(120).fillColor('#c92a2a').fillOpacity(0.14)
      doc.text(options.watermark, 0, height / 2 - 60, { width, align: 'center', lineBreak: false })
      doc.restore()
    }
    // Footer text sits inside the bottom margin; lift the margin so pdfkit does not break the page.
    const bottom = margins.bottom
    doc.page.margins.bottom = 0
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).fillOpacity(1)
    doc.text(options.footer, margins.left, height - bottom + 16, {
      width: width - margins.left - margins.right - 90,
      lineBreak: false,
      ellipsis: true,
    })
    doc.text(
      `Page ${index + 1} of ${range.count}`,
      width - margins.right - 90,
      height - bottom + 16,
      { width: 90, align: 'right', lineBreak: false },
    )
    doc.page.margins.bottom = bottom
  }
}
