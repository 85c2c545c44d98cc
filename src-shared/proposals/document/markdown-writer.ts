import type { DocumentSection, DocumentTable, ProposalDocument, TextBlock, TextRun } from './model'

/**
 * The proposal as Markdown for pasting into an email or a document: the same sections, figures
 * and tables as the PDF and DOCX, with the DRAFT mark as a first line while unapproved.
 */
export function proposalMarkdown(document: ProposalDocument): string {
  const out: string[] = []
  if (document.watermark !== null)
    out.push(`> **${document.watermark}** — not approved for sending.`, '')
  for (const section of document.sections) out.push(...sectionLines(section), '')
  out.push('---', '', `_${escape(document.footer)}_`, '')
  // Sections end with a blank line and so do their blocks: one blank line between blocks.
  return out.join('\n').replace(/\n{3,}/g, '\n\n')
}

function sectionLines(section: DocumentSection): string[] {
  switch (section.kind) {
    case 'cover':
      return [
        `# ${escape(section.heading)}`,
        '',
        `**${escape(section.subtitle)}**`,
        '',
        `Prepared for ${escape(section.preparedFor)} by ${escape(section.preparedBy)} · ${section.date} · ${section.versionLabel} · ${section.statusLabel}`,
        '',
        ...section.highlights.map((item) => `- **${escape(item.label)}:** ${escape(item.value)}`),
      ]
    case 'summary':
      return [
        `## ${section.heading}`,
        '',
        ...section.paragraphs.flatMap((paragraph) => [escape(paragraph), '']),
        ...section.keyFigures.map((item) => `- **${escape(item.label)}:** ${escape(item.value)}`),
      ]
    case 'evidence':
      return [
        `## ${section.heading}`,
        '',
        escape(section.intro),
        ...section.items.flatMap((item) => [
          '',
          `### ${escape(item.title)}`,
          '',
          escape(item.summary),
          ...(item.figures.length === 0
            ? []
            : ['', ...item.figures.map((f) => `- ${escape(f.label)}: **${escape(f.value)}**`)]),
          ...(item.tickets === null ? [] : ['', ...tableLines(item.tickets)]),
        ]),
      ]
    case 'valueStory':
      return [
        `## ${section.heading}`,
        ...section.parts.flatMap((part) => [
          '',
          `### ${escape(part.heading)}`,
          '',
          ...blockLines(part.blocks),
        ]),
        ...section.caseStudies.flatMap((study) => [
          '',
          `### Case study: ${escape(study.title)}`,
          '',
          `_${escape(study.customerLabel)}_`,
          '',
          ...blockLines(study.blocks),
          ...study.figures.map((f) => `- ${escape(f.label)}: **${escape(f.value)}**`),
        ]),
      ]
    case 'comparison':
      return [`## ${section.heading}`, '', ...tableLines(section.table)]
    case 'pricing':
      return [
        `## ${section.heading}`,
        '',
        ...tableLines(section.lines),
        '',
        ...section.totals.map((total) =>
          total.emphasis
            ? `- **${escape(total.label)}: ${escape(total.value)}**`
            : `- ${escape(total.label)}: ${escape(total.value)}`,
        ),
        '',
        ...tableLines(section.years),
      ]
    case 'terms':
      return [`## ${section.heading}`, '', ...section.items.map((item) => `- ${escape(item)}`)]
    case 'acceptance':
      return [
        `## ${section.heading}`,
        '',
        escape(section.text),
        ...section.parties.flatMap((party) => [
          '',
          `**${escape(party.role)}: ${escape(party.organisation)}**`,
          '',
          ...section.fields.map((field) => `- ${field}: ______________________`),
        ]),
      ]
  }
}

/** Value-story text goes back out as the Markdown it came from, styling kept. */
function blockLines(blocks: readonly TextBlock[]): string[] {
  return blocks.flatMap((block) => {
    switch (block.kind) {
      case 'heading':
        return [`${'#'.repeat(block.level + 3)} ${runsText(block.runs)}`, '']
      case 'paragraph':
        return [runsText(block.runs), '']
      case 'quote':
        return [`> ${runsText(block.runs)}`, '']
      case 'list':
        return [
          ...block.items.map(
            (item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${runsText(item)}`,
          ),
          '',
        ]
    }
  })
}

function runsText(runs: readonly TextRun[]): string {
  return runs
    .map((run) => {
      if (run.code === true) return `\`${run.text}\``
      const text = escape(run.text)
      if (run.bold === true) return `**${text}**`
      if (run.italic === true) return `_${text}_`
      return text
    })
    .join('')
}

function tableLines(table: DocumentTable): string[] {
  const cell = (text: string) => escape(text).replace(/\|/g, '\\|')
  return [
    `| ${table.columns.map((column) => cell(column.label)).join(' | ')} |`,
    `| ${table.columns.map((column) => (column.align === 'right' ? '---:' : ':---')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ]
}

/** Keeps a figure such as "*2" or "_x_" from turning into emphasis when pasted. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1')
}
