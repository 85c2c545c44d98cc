import { describe, expect, it } from 'vitest'
import { fieldIssuesOf } from '../ipc/errors'
import { exampleDocuments } from '../model/examples'
import type { TierDefinition } from '../model/tier'
import { tierSaveInput } from './tier-queries'
import { tierDefinitionIssues } from './tier-rules'

const premium = exampleDocuments.tiers[0]
if (premium === undefined) throw new Error('example tier missing')
const example = premium

function edited(edit: (draft: TierDefinition) => void): TierDefinition {
  const draft = structuredClone(example.definition)
  edit(draft)
  return draft
}

const saveInput = (definition: unknown, reason = 'Faster S1 for the 2027 price list.') => ({
  tierId: premium.tierId,
  baseVersionId: premium.id,
  name: premium.name,
  description: premium.description,
  status: premium.status,
  effectiveFrom: '2027-01-01',
  reason,
  definition,
})

/** The field → message pairs a save input is refused with (empty when accepted). */
function refusals(input: unknown): [string, string][] {
  const result = tierSaveInput.safeParse(input)
  return result.success ? [] : fieldIssuesOf(result.error).map((i) => [i.field, i.message])
}

describe('tier rules beyond the schema', () => {
  it('accepts the example tier as it is', () => {
    expect(tierDefinitionIssues(premium.definition)).toEqual([])
    expect(refusals(saveInput(premium.definition))).toEqual([])
  })

  it.each([
    [
      'a severity without any target',
      (d: TierDefinition) => {
        d.sla.S3 = {
          firstResponse: null,
          nextResponse: null,
          periodicUpdate: null,
          resolution: null,
        }
      },
      'definition.sla.S3',
      'S3 has no SLA target: commit to at least a first response',
    ],
    [
      'a resolution sooner than the first response',
      (d: TierDefinition) => {
        d.sla.S2.resolution = { minutes: 60, hours: 'business' }
      },
      'definition.sla.S2.resolution',
      'S2 resolution cannot be sooner than its first response (2 hours)',
    ],
    [
      'two pause rules for one status',
      (d: TierDefinition) => {
        d.pauseRules.push({ status: 'waiting-on-customer', metrics: ['nextResponse'] })
      },
      'definition.pauseRules.2.status',
      'another pause rule already covers this status',
    ],
    [
      'a pause rule on solved tickets',
      (d: TierDefinition) => {
        d.pauseRules.push({ status: 'solved', metrics: ['resolution'] })
      },
      'definition.pauseRules.2.status',
      'solved and closed tickets stop every clock already',
    ],
    [
      'an escalation level engaged before the previous one',
      (d: TierDefinition) => {
        const second = d.escalation[1]
        if (second !== undefined) second.afterMinutes = 30
      },
      'definition.escalation.1.afterMinutes',
      'level 2 cannot be engaged before level 1 (1 hour)',
    ],
    [
      '“any region” next to a named region',
      (d: TierDefinition) => {
        d.governance.dataPrivacy.dataResidency = ['any', 'eu']
      },
      'definition.governance.dataPrivacy.dataResidency',
      '“any region” cannot be combined with named regions',
    ],
  ])('refuses %s, naming the field', (_name, edit, field, message) => {
    expect(refusals(saveInput(edited(edit)))).toEqual([[field, message]])
  })

  it('refuses a metric left out instead of an explicit null, and a missing reason', () => {
    const definition = structuredClone(premium.definition) as {
      sla: { S4: Record<string, unknown> }
    }
    delete definition.sla.S4['resolution']
    expect(refusals(saveInput(definition)).map(([field]) => field)).toEqual([
      'definition.sla.S4.resolution',
    ])
    expect(refusals(saveInput(premium.definition, '   '))).toEqual([
      ['reason', 'say why this version changes the tier'],
    ])
  })
})
