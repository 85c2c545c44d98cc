import type { ProposalDocument } from '@shared/proposals/document/model'

/**
 * The embedded DejaVu Sans covers Latin, Greek, Cyrillic, currency signs and arrows, not the
 * full-width forms Intl uses for some East Asian locales (ja-JP writes yen as U+FFE5 "￥").
 * Those have exact half-width twins the font does carry, so the PDF prints "¥624,000" rather
 * than an empty box.
 */
export function halfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\uFFE5/g, '\u00A5')
    .replace(/\uFFE6/g, '\u20A9')
    .replace(/\u3000/g, ' ')
}

/** Every string in the document through `map`, the structure unchanged. */
export function mapDocumentText(
  document: ProposalDocument,
  map: (text: string) => string,
): ProposalDocument {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return map(value)
    if (Array.isArray(value)) return value.map(walk)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]))
    }
    return value
  }
  return walk(document) as ProposalDocument
}
