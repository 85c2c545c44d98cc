import { describe, expect, it } from 'vitest'
import { valueStorySections } from '../model/story-template'
import {
  appendBlock,
  caseStudyQuote,
  defaultStoryTemplates,
  renderStoryTemplate,
  storyVariableNames,
  templateProblems,
  type StoryVariables,
} from './value-story'

const filled: StoryVariables = Object.fromEntries(
  storyVariableNames.map((name) => [name, `<${name}>`]),
)

describe('value-story templates', () => {
  it('fills every known variable, with or without spaces inside the braces', () => {
    const rendered = renderStoryTemplate('{{account.name}} moves to {{ target.tier }}.', {
      'account.name': 'Globex',
      'target.tier': 'Premium',
    })
    expect(rendered).toEqual({ markdown: 'Globex moves to Premium.', unknown: [], missing: [] })
  })

  it('reports an unknown variable and leaves it in the text instead of blanking it', () => {
    const rendered = renderStoryTemplate('Total {{pricing.anualTotal}} for {{account.name}}', {
      'account.name': 'Globex',
    })
    expect(rendered.markdown).toBe('Total {{pricing.anualTotal}} for Globex')
    expect(rendered.unknown).toEqual(['pricing.anualTotal'])
  })

  it('reports a known variable the proposal has no value for (null, absent or blank)', () => {
    const rendered = renderStoryTemplate(
      '{{evidence.preventedBreaches}} / {{evidence.breaches}} / {{account.seats}}',
      { 'evidence.preventedBreaches': null, 'account.seats': '  ' },
    )
    expect(rendered.markdown).toBe(
      '{{evidence.preventedBreaches}} / {{evidence.breaches}} / {{account.seats}}',
    )
    expect(rendered.missing).toEqual([
      'evidence.preventedBreaches',
      'evidence.breaches',
      'account.seats',
    ])
  })

  it('does not treat a value that looks like a placeholder as a second template', () => {
    const rendered = renderStoryTemplate('{{account.name}}', { 'account.name': '{{target.tier}}' })
    expect(rendered).toEqual({ markdown: '{{target.tier}}', unknown: [], missing: [] })
  })

  it('finds unknown names and unclosed braces when a template is saved', () => {
    expect(templateProblems('{{account.name}} {{acount.name}} {{}} {{target.tier')).toEqual({
      unknown: ['acount.name', '{{}}'],
      unclosed: [expect.stringContaining('{{target.tier')],
    })
    expect(templateProblems('Plain text, no variables.')).toEqual({ unknown: [], unclosed: [] })
  })

  it('ships a default for every section that uses only known variables and fills completely', () => {
    for (const section of valueStorySections) {
      const template = defaultStoryTemplates[section]
      expect(templateProblems(template), section).toEqual({ unknown: [], unclosed: [] })
      const rendered = renderStoryTemplate(template, filled)
      expect(rendered.missing, section).toEqual([])
      expect(rendered.markdown, section).not.toContain('{{')
    }
    expect(defaultStoryTemplates.change).toContain('{{evidence.preventedBreaches}}')
    expect(defaultStoryTemplates.outcomes).toContain('{{pricing.annualTotal}}')
  })
})

describe('quoting a case study', () => {
  it('quotes title, customer, figures and every line of the story', () => {
    const quote = caseStudyQuote({
      name: 'Fewer S1 escalations',
      customerLabel: 'A logistics company',
      figures: [
        { label: 'S1 resolution', value: '−42 %' },
        { label: 'CSAT', value: '4.7' },
      ],
      bodyMarkdown: 'First paragraph.\n\nSecond paragraph.\n',
    })
    expect(quote).toBe(
      [
        '> **Case study: Fewer S1 escalations** — A logistics company',
        '>',
        '> **−42 %** S1 resolution · **4.7** CSAT',
        '>',
        '> First paragraph.',
        '>',
        '> Second paragraph.',
      ].join('\n'),
    )
  })

  it('appends after existing text with one blank line, or stands alone', () => {
    expect(appendBlock('Intro.\n\n\n', '> quote')).toBe('Intro.\n\n> quote')
    expect(appendBlock('  \n', '> quote')).toBe('> quote')
  })
})
