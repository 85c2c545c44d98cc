import { describe, expect, it } from 'vitest'
import { fileSlug } from './file-slug'

describe('fileSlug', () => {
  it.each([
    ['Renewals — Q3 (EMEA)', 'renewals-q3-emea'],
    ['Société Générale', 'societe-generale'],
    ['  --My book--  ', 'my-book'],
    ['日本語', 'fallback'],
    ['', 'fallback'],
  ])('%j → %j', (text, slug) => {
    expect(fileSlug(text, 'fallback')).toBe(slug)
  })

  it('keeps at most 60 characters and never ends on a dash', () => {
    const slug = fileSlug(`${'a'.repeat(59)} b`, 'x')
    expect(slug).toBe('a'.repeat(59))
    expect(fileSlug('word '.repeat(30), 'x').length).toBeLessThanOrEqual(60)
  })
})
