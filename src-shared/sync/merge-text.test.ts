import { describe, expect, it } from 'vitest'
import { mergeTextDraft } from './merge-text'

describe('merge text draft', () => {
  it('keeps every line of both versions, shared lines once, in order', () => {
    const base = ['# QBR prep', 'Agenda', 'Risks', 'Next steps'].join('\n')
    const mine = base.replace('Risks', 'Risks\n- renewal at risk')
    const theirs = base.replace('Next steps', 'Next steps\n- book the exec sponsor')
    expect(mergeTextDraft(mine, theirs)).toBe(
      [
        '# QBR prep',
        'Agenda',
        'Risks',
        '- renewal at risk',
        'Next steps',
        '- book the exec sponsor',
      ].join('\n'),
    )
  })

  it('puts my lines first where both changed the same line, losing neither', () => {
    expect(mergeTextDraft('a\nmine\nz', 'a\ntheirs\nz')).toBe('a\nmine\ntheirs\nz')
  })

  it('returns the text itself when both are the same, and handles empty sides', () => {
    expect(mergeTextDraft('same\ntext', 'same\ntext')).toBe('same\ntext')
    expect(mergeTextDraft('', 'only theirs')).toBe('only theirs')
    expect(mergeTextDraft('only mine', '')).toBe('only mine')
  })
})
