import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { TierlineError } from '@shared/ipc/errors'
import type { ProgressReporter } from '@shared/proposals/document/export-input'
import type {
  BarChart,
  DocumentSection,
  DocumentTable,
  ProposalDocument,
  TextBlock,
  TextRun as ModelRun,
} from '@shared/proposals/document/model'
import { fitInside, imageSize } from './image-size'
import { sectionStep } from './progress-steps'

/**
 * The proposal as a Word document with the same sections as the PDF. Unapproved versions
 * carry "DRAFT" as header text on every page (a header repeats on each page and survives any
 * editor, unlike a floating shape); the footer numbers the pages.
 */
export async function writeProposalDocx(
  document: ProposalDocument,
  progress: ProgressReporter = () => undefined,
): Promise<Buffer> {
  const colours = {
    primary: hex(document.branding.primaryColour),
    accent: hex(document.branding.accentColour),
  }
  const total = document.sections.length + 1
  const children: (Paragraph | Table)[] = []
  let ordered = 0
  const nextOrderedList = () => (ordered += 1)
  for (const [index, section] of document.sections.entries()) {
    progress(index / total, sectionStep(section.kind))
    children.push(
      ...sectionChildren(section, colours, document.branding.logoDataUrl, nextOrderedList),
    )
    await new Promise((resolve) => setImmediate(resolve))
  }
  progress(document.sections.length / total, 'Packing the Word document')

  const docx = new Document({
    title: document.meta.title,
    subject: document.meta.subject,
    creator: document.meta.author,
    lastModifiedBy: document.meta.author,
    keywords: document.meta.keywords.join(', '),
    description: document.footer,
    styles: {
      default: { document: { run: { font: 'DejaVu Sans', size: 20 } } },
      paragraphStyles: [
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 32, color: colours.primary },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 24 },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
        {
          id: 'Heading3',
          name: 'Heading 3',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 21, color: colours.primary },
          paragraph: { spacing: { before: 160, after: 60 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: {
          default: new Header({
            children:
              document.watermark === null
                ? [
                    new Paragraph({
                      children: [
                        new TextRun({
                          text: document.branding.companyName,
                          color: '59636E',
                          size: 16,
                        }),
                      ],
                    }),
                  ]
                : [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [
                        new TextRun({
                          text: document.watermark,
                          bold: true,
                          size: 48,
                          color: 'C92A2A',
                        }),
                      ],
                    }),
                  ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${document.footer} · `, color: '59636E', size: 16 }),
                  new TextRun({
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                    color: '59636E',
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  // docx stamps core.xml with the clock; the document's own time keeps "same input, same
  // content" down to the metadata Word shows under File → Info.
  const bytes = await Packer.toBuffer(docx, false, [
    { path: 'docProps/core.xml', data: coreProperties(document) },
  ])
  progress(1, 'Word document ready')
  return bytes
}

interface Colours {
  readonly primary: string
  readonly accent: string
}

function hex(colour: string): string {
  return colour.replace('#', '').toUpperCase()
}

function sectionChildren(
  section: DocumentSection,
  colours: Colours,
  logoDataUrl: string | null,
  nextOrderedList: () => number,
): (Paragraph | Table)[] {
  const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 })
  const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 })
  const text = (value: string, options: { colour?: string; italic?: boolean } = {}) =>
    new Paragraph({
      spacing: { after: 120 },
      children: [new TextRun({ text: value, color: options.colour, italics: options.italic })],
    })
  switch (section.kind) {
    case 'cover':
      return [
        ...logoParagraphs(logoDataUrl),
        new Paragraph({
          spacing: { before: 1800, after: 200 },
          children: [
            new TextRun({ text: section.heading, bold: true, size: 52, color: colours.primary }),
          ],
        }),
        new Paragraph({
          spacing: { after: 400 },
          children: [new TextRun({ text: section.subtitle, size: 32 })],
        }),
        text(`Prepared for ${section.preparedFor}`, { colour: '59636E' }),
        text(`By ${section.preparedBy}`, { colour: '59636E' }),
        text(`${section.date} · ${section.versionLabel} · ${section.statusLabel}`, {
          colour: '59636E',
        }),
        keyValueTable(section.highlights, colours),
        new Paragraph({ children: [new PageBreak()] }),
      ]
    case 'summary':
      return [
        h1(section.heading),
        ...section.paragraphs.map((p) => text(p)),
        keyValueTable(section.keyFigures, colours),
      ]
    case 'evidence':
      return [
        h1(section.heading),
        text(section.intro, { colour: '59636E' }),
        ...section.items.flatMap((item) => [
          h2(item.title),
          text(item.summary),
          ...(item.chart === null ? [] : chartParagraphs(item.chart, colours)),
          ...item.unchartedFigures.map((f) => text(`${f.label}: ${f.value}`)),
          ...(item.tickets === null ? [] : [dataTable(item.tickets, colours), spacer()]),
        ]),
      ]
    case 'valueStory':
      return [
        h1(section.heading),
        ...section.parts.flatMap((part) => [
          h2(part.heading),
          ...blockParagraphs(part.blocks, colours, nextOrderedList),
        ]),
        ...section.caseStudies.flatMap((study) => [
          h2(`Case study: ${study.title}`),
          text(study.customerLabel, { colour: '59636E', italic: true }),
          ...blockParagraphs(study.blocks, colours, nextOrderedList),
          ...study.figures.map((f) => text(`${f.label}: ${f.value}`)),
        ]),
      ]
    case 'comparison':
      return [h1(section.heading), dataTable(section.table, colours)]
    case 'pricing':
      return [
        h1(section.heading),
        dataTable(section.lines, colours),
        spacer(),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: noBorders,
          rows: section.totals.map(
            (total) =>
              new TableRow({
                children: [
                  cell(total.label, { bold: total.emphasis, width: 70 }),
                  cell(total.value, { bold: total.emphasis, width: 30, align: 'right' }),
                ],
              }),
          ),
        }),
        spacer(),
        dataTable(section.years, colours),
      ]
    case 'terms':
      return [
        h1(section.heading),
        ...section.items.map(
          (item) =>
            new Paragraph({
              numbering: { reference: 'bullets', level: 0 },
              children: [new TextRun(item)],
            }),
        ),
      ]
    case 'acceptance':
      return [
        h1(section.heading),
        text(section.text),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: noBorders,
          rows: [
            new TableRow({
              children: section.parties.map((party) =>
                cell(`${party.role}: ${party.organisation}`, { bold: true, width: 50 }),
              ),
            }),
            ...section.fields.map(
              (field) =>
                new TableRow({
                  children: section.parties.map(
                    () =>
                      new TableCell({
                        width: { size: 50, type: WidthType.PERCENTAGE },
                        margins: { top: 360, right: 200 },
                        borders: {
                          ...noBorders,
                          bottom: { style: BorderStyle.SINGLE, size: 6, color: '59636E' },
                        },
                        children: [
                          new Paragraph({
                            children: [new TextRun({ text: field, size: 16, color: '59636E' })],
                          }),
                        ],
                      }),
                  ),
                }),
            ),
          ],
        }),
      ]
  }
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
}

function spacer(): Paragraph {
  return new Paragraph({ text: '' })
}

function cell(
  value: string,
  options: { bold?: boolean; width: number; align?: 'left' | 'right'; header?: string },
): TableCell {
  return new TableCell({
    width: { size: options.width, type: WidthType.PERCENTAGE },
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    ...(options.header === undefined
      ? {}
      : { shading: { type: ShadingType.CLEAR, fill: options.header, color: 'auto' } }),
    children: [
      new Paragraph({
        alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [
          new TextRun({
            text: value,
            bold: options.bold === true || options.header !== undefined,
            color: options.header === undefined ? undefined : 'FFFFFF',
            size: 18,
          }),
        ],
      }),
    ],
  })
}

function dataTable(table: DocumentTable, colours: Colours): Table {
  const lengths = table.columns.map((column, index) =>
    Math.max(4, column.label.length, ...table.rows.map((row) => (row[index] ?? '').length)),
  )
  const sum = lengths.reduce((a, b) => a + b, 0)
  const widths = lengths.map((length) => Math.max(8, Math.round((length / sum) * 100)))
  const header = new TableRow({
    tableHeader: true,
    children: table.columns.map((column, i) =>
      cell(column.label, { width: widths[i] ?? 10, align: column.align, header: colours.primary }),
    ),
  })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      header,
      ...table.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) =>
              cell(value, { width: widths[i] ?? 10, align: table.columns[i]?.align ?? 'left' }),
            ),
          }),
      ),
    ],
  })
}

function keyValueTable(
  items: readonly { label: string; value: string }[],
  colours: Colours,
): Table {
  return dataTable(
    {
      columns: [
        { label: 'Key figure', align: 'left' },
        { label: '', align: 'right' },
      ],
      rows: items.map((item) => [item.label, item.value]),
    },
    colours,
  )
}

/** Bars as runs of block characters on a shared scale: editable text Word draws everywhere. */
function chartParagraphs(chart: BarChart, colours: Colours): Paragraph[] {
  const max = Math.max(...chart.bars.map((bar) => bar.value), 0)
  return chart.bars.map(
    (bar, index) =>
      new Paragraph({
        spacing: { after: 60 },
        children: [
          new TextRun({ text: `${bar.label}  `, size: 18 }),
          new TextRun({
            text: '█'.repeat(
              max === 0 || bar.value === 0 ? 0 : Math.max(1, Math.round((bar.value / max) * 30)),
            ),
            color: index === chart.bars.length - 1 ? colours.accent : colours.primary,
            size: 18,
          }),
          new TextRun({ text: `  ${bar.display}`, bold: true, size: 18 }),
        ],
      }),
  )
}

function runsOf(runs: readonly ModelRun[]): TextRun[] {
  return runs.map(
    (run) =>
      new TextRun({
        text: run.text,
        bold: run.bold === true,
        italics: run.italic === true,
        ...(run.code === true ? { font: 'DejaVu Sans Mono' } : {}),
      }),
  )
}

function blockParagraphs(
  blocks: readonly TextBlock[],
  colours: Colours,
  nextOrderedList: () => number,
): Paragraph[] {
  return blocks.flatMap((block) => {
    switch (block.kind) {
      case 'heading':
        return [new Paragraph({ heading: HeadingLevel.HEADING_3, children: runsOf(block.runs) })]
      case 'paragraph':
        return [new Paragraph({ spacing: { after: 120 }, children: runsOf(block.runs) })]
      case 'quote':
        return [
          new Paragraph({
            indent: { left: 360 },
            border: {
              left: { style: BorderStyle.SINGLE, size: 18, color: colours.accent, space: 8 },
            },
            spacing: { after: 120 },
            children: runsOf(block.runs),
          }),
        ]
      case 'list': {
        const instance = block.ordered ? nextOrderedList() : 0
        return block.items.map(
          (item) =>
            new Paragraph({
              numbering: block.ordered
                ? { reference: 'ordered', level: 0, instance }
                : { reference: 'bullets', level: 0 },
              children: runsOf(item),
            }),
        )
      }
    }
  })
}

function logoParagraphs(dataUrl: string | null): Paragraph[] {
  if (dataUrl === null) return []
  const match = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl)
  const data = match?.[2] === undefined ? null : Buffer.from(match[2], 'base64')
  const size = data === null ? null : imageSize(data)
  if (match === null || data === null || size === null) {
    throw new TierlineError(
      'validation',
      'The logo in Settings → Proposals could not be read as an image.',
      {
        issues: [{ field: 'branding.logoDataUrl', message: 'could not be read as an image' }],
      },
    )
  }
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: match[1] === 'png' ? 'png' : 'jpg',
          data,
          transformation: fitInside(size, { width: 200, height: 80 }),
          altText: { name: 'Logo', title: 'Logo', description: 'Company logo' },
        }),
      ],
    }),
  ]
}

function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** The package's core properties (title, author, dates) as OPC defines them. */
function coreProperties(document: ProposalDocument): string {
  const { meta } = document
  const at = `${meta.createdAt.slice(0, 19)}Z`
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${xmlText(meta.title)}</dc:title>`,
    `<dc:subject>${xmlText(meta.subject)}</dc:subject>`,
    `<dc:creator>${xmlText(meta.author)}</dc:creator>`,
    `<cp:keywords>${xmlText(meta.keywords.join(', '))}</cp:keywords>`,
    `<dc:description>${xmlText(document.footer)}</dc:description>`,
    `<cp:lastModifiedBy>${xmlText(meta.author)}</cp:lastModifiedBy>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('')
}
