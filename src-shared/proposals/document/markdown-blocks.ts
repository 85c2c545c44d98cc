import type { TextBlock, TextRun } from './model'

/**
 * The Markdown a value story or case study is written in, read into blocks the PDF and DOCX
 * writers can lay out: `#`–`###` headings, paragraphs, `-`/`*`/`1.` lists, `>` quotes, and
 * **bold**, *italic* / _italic_, `code` and [links](url) inside them. Anything else stays as
 * its text, so nothing a person wrote is dropped from an export.
 */
export function markdownBlocks(markdown: string): TextBlock[] {
  const blocks: TextBlock[] = []
  let paragraph: string[] = []
  let quote: string[] = []
  let list: { ordered: boolean; items: string[] } | null = null

  const flush = () => {
    if (paragraph.length > 0)
      blocks.push({ kind: 'paragraph', runs: inlineRuns(paragraph.join(' ')) })
    if (quote.length > 0) blocks.push({ kind: 'quote', runs: inlineRuns(quote.join(' ')) })
    if (list !== null) {
      blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(inlineRuns) })
    }
    paragraph = []
    quote = []
    list = null
  }

  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line === '') {
      flush()
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading !== null) {
      flush()
      const level = Math.min(3, heading[1]?.length ?? 1) as 1 | 2 | 3
      blocks.push({ kind: 'heading', level, runs: inlineRuns(heading[2] ?? '') })
      continue
    }
    const bullet = /^[-*+]\s+(.*)$/.exec(line)
    const numbered = /^\d{1,3}[.)]\s+(.*)$/.exec(line)
    const item = bullet ?? numbered
    if (item !== null) {
      const ordered = numbered !== null
      if (list === null || list.ordered !== ordered) {
        flush()
        list = { ordered, items: [] }
      }
      list.items.push(item[1] ?? '')
      continue
    }
    const quoted = /^>\s?(.*)$/.exec(line)
    if (quoted !== null) {
      if (quote.length === 0) flush()
      quote.push(quoted[1] ?? '')
      continue
    }
    if (list !== null) {
      // A line under a list item continues that item.
      const items = list.items
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line}`
      continue
    }
    if (quote.length > 0) flush()
    paragraph.push(line)
  }
  flush()
  return blocks
}

const INLINE = /(\*\*|__)(.+?)\1|(\*|_)(.+?)\3|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g

/** Inline emphasis, code and links; a link keeps its address in brackets so print shows it. */
export function inlineRuns(text: string): TextRun[] {
  const runs: TextRun[] = []
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    const at = match.index
    if (at > last) runs.push({ text: text.slice(last, at) })
    if (match[2] !== undefined) runs.push({ text: match[2], bold: true })
    else if (match[4] !== undefined) runs.push({ text: match[4], italic: true })
    else if (match[5] !== undefined) runs.push({ text: match[5], code: true })
    else if (match[6] !== undefined) runs.push({ text: `${match[6]} (${match[7] ?? ''})` })
    last = at + match[0].length
  }
  if (last < text.length) runs.push({ text: text.slice(last) })
  return runs.filter((run) => run.text !== '')
}

/** A block's text without styling, for tests and plain-text fallbacks. */
export function plainText(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('')
}
