import { describe, expect, it } from 'vitest'
import { exampleDocuments } from '../model/examples'
import { tierDiffEntrySchema, type TierDefinition } from '../model/tier'
import { diffTierDefinitions, diffTierVersions } from './tier-diff'
import { describeTierDiffEntry, readableTierDiff } from './tier-diff-text'

const [premium] = exampleDocuments.tiers
if (premium === undefined) throw new Error('example tier missing')
const base: TierDefinition = premium.definition

/** A copy of the base definition changed by `edit`, so each case states only its change. */
function edited(edit: (draft: TierDefinition) => void): TierDefinition {
  const draft = structuredClone(base)
  edit(draft)
  return draft
}

const sentences = (after: TierDefinition) =>
  readableTierDiff(diffTierDefinitions(base, after)).map((entry) => entry.sentence)

describe('readable tier diff', () => {
  it('finds nothing between equal definitions, even with lists in another order', () => {
    const reordered = edited((d) => {
      d.entitlements.channels.reverse()
      d.pauseRules.reverse()
    })
    expect(diffTierDefinitions(base, structuredClone(base))).toEqual([])
    expect(diffTierDefinitions(base, reordered)).toEqual([])
  })

  it.each([
    [
      'a target in the same unit',
      (d: TierDefinition) => {
        d.sla.S2.firstResponse = { minutes: 90, hours: 'business' }
      },
      ['S2 first response: 120 → 90 business minutes'],
    ],
    [
      'a 24x7 target',
      (d: TierDefinition) => {
        d.sla.S1.firstResponse = { minutes: 15, hours: '24x7' }
      },
      ['S1 first response: 30 → 15 minutes (24x7)'],
    ],
    [
      'a target in whole hours',
      (d: TierDefinition) => {
        d.sla.S3.resolution = { minutes: 4800, hours: 'business' }
      },
      ['S3 resolution: 120 → 80 business hours'],
    ],
    [
      'business hours becoming 24x7',
      (d: TierDefinition) => {
        d.sla.S2.resolution = { minutes: 1440, hours: '24x7' }
      },
      ['S2 resolution: 40 business hours → 24 hours (24x7)'],
    ],
    [
      'a commitment dropped',
      (d: TierDefinition) => {
        d.sla.S4.nextResponse = null
      },
      ['S4 next response: 24 business hours → no commitment'],
    ],
    [
      'a TAM allowance and a new channel',
      (d: TierDefinition) => {
        d.entitlements.tamHoursPerMonth = 8
        d.entitlements.channels = d.entitlements.channels.filter((c) => c !== 'phone')
        d.entitlements.channels.push('slack')
      },
      ['TAM hours per month: 4 → 8', 'Channels: added Slack; removed phone'],
    ],
    [
      'a price in one currency',
      (d: TierDefinition) => {
        const usd = d.prices.find((price) => price.currency === 'USD')
        if (usd !== undefined) usd.perSeatMonthlyMinor = 950
      },
      ['USD price per seat a month: $9.00 → $9.50'],
    ],
    [
      'governance owners and privacy',
      (d: TierDefinition) => {
        d.governance.owners.onboarding = 'csm'
        d.governance.dataPrivacy.accessReviewCadence = 'quarterly'
        d.governance.dataPrivacy.dpaIncluded = false
      },
      [
        'Onboarding owner: TAM → CSM',
        'Access review cadence: twice a year → quarterly',
        'DPA included: yes → no',
      ],
    ],
  ])('says what changed: %s', (_name, edit, expected) => {
    expect(sentences(edited(edit))).toEqual(expected)
  })

  it('keys escalation by level and pause rules by status', () => {
    const after = edited((d) => {
      const second = d.escalation[1]
      if (second !== undefined) second.afterMinutes = 120
      d.escalation.push({
        level: 3,
        role: 'executive-sponsor',
        afterMinutes: 480,
        severities: ['S1', 'S2'],
      })
      d.pauseRules = d.pauseRules.filter((rule) => rule.status !== 'waiting-on-third-party')
    })
    const entries = diffTierDefinitions(base, after)
    expect(entries.map((entry) => [entry.path, entry.op])).toEqual([
      ['pauseRules.waiting-on-third-party', 'removed'],
      ['escalation.2', 'changed'],
      ['escalation.3', 'added'],
    ])
    expect(entries.map(describeTierDiffEntry)).toEqual([
      'Pause rule removed: waiting on third party no longer pauses resolution',
      'Escalation level 2: engineering on-call after 4 hours (S1) → engineering on-call after 2 hours (S1)',
      'Escalation level 3 added: executive sponsor after 8 hours (S1, S2)',
    ])
  })

  it('keys prices by currency: dropping the first list is one removal, not a shift', () => {
    const after = edited((d) => {
      d.prices.shift()
    })
    const removed = base.prices[0]
    expect(diffTierDefinitions(base, after)).toEqual([
      { path: `prices.${removed?.currency}`, op: 'removed', before: removed },
    ])
  })

  it('records identity changes of a version before its definition', () => {
    const before = { ...premium, definition: base }
    const after = { ...premium, name: 'Premium Plus', status: 'retired' as const, definition: base }
    expect(readableTierDiff(diffTierVersions(before, after)).map((e) => e.sentence)).toEqual([
      'Name: “Premium” → “Premium Plus”',
      'Status: active → retired',
    ])
  })

  it('produces entries the stored tier schema accepts', () => {
    const after = edited((d) => {
      d.sla.S1.firstResponse = { minutes: 15, hours: '24x7' }
      d.escalation.pop()
      d.entitlements.qbrCadence = 'monthly'
    })
    for (const entry of diffTierDefinitions(base, after)) {
      expect(tierDiffEntrySchema.safeParse(entry).success).toBe(true)
    }
  })
})
