import { describe, expect, it } from 'vitest'
import type { CustomTerm } from '../../model/account'
import type { Tier } from '../../model/tier'
import { buildAccount, ledgerEntry } from '../fixtures/account'
import { fixtureId } from '../fixtures/ids'
import { buildTier } from '../fixtures/tier'
import { entitlementLedger } from '../ledger/ledger'
import type { DriftInput } from './drift'
import { driftAudit, valueAt } from './drift'

const NOW = Date.parse('2026-11-16T00:00:00.000Z')
const v1 = buildTier({ name: 'Premium', key: 'premium', rank: 2 })
/** v2 of the same tier: faster S1 first response, more TAM hours. */
const v2: Tier = {
  ...v1,
  id: fixtureId(),
  version: 2,
  definition: {
    ...v1.definition,
    sla: {
      ...v1.definition.sla,
      S1: { ...v1.definition.sla.S1, firstResponse: { minutes: 30, hours: '24x7' } },
    },
    entitlements: { ...v1.definition.entitlements, tamHoursPerMonth: 8 },
  },
}
const term = (field: string, value: unknown): CustomTerm => ({
  id: fixtureId(),
  field,
  value,
  note: 'Agreed at signature.',
  agreedOn: '2026-01-10',
})
const account = buildAccount({
  tierId: v1.tierId,
  tierVersionId: v1.id,
  contractStart: '2026-02-01',
  renewalDate: '2027-02-01',
})
/** A ledger with nothing flagged. */
const quietLedger = {
  accountId: account.id,
  tierVersionId: v1.id,
  lines: [],
  over: [],
  under: [],
}

const audit = (overrides: Partial<DriftInput>) =>
  driftAudit({
    account,
    signed: v1,
    current: v1,
    ledger: quietLedger,
    compliance: { met: 99, breached: 1, metShare: 0.99 },
    ...overrides,
  })

describe('drift audit', () => {
  it('finds no drift for an account on the current version, delivered as agreed', () => {
    expect(audit({})).toMatchObject({ drifted: false, differences: [] })
  })

  const cases: { name: string; overrides: () => Partial<DriftInput>; reasons: string[] }[] = [
    {
      name: 'signed an older version',
      overrides: () => ({ current: v2 }),
      reasons: [
        'entitlements.tamHoursPerMonth: v1 gives 0, v2 gives 8',
        'sla.S1.firstResponse.hours: v1 gives business, v2 gives 24x7',
        'sla.S1.firstResponse.minutes: v1 gives 60, v2 gives 30',
      ],
    },
    {
      name: 'a custom term, which the current version has since caught up with',
      overrides: () => ({
        account: { ...account, customTerms: [term('entitlements.tamHoursPerMonth', 8)] },
        current: v2,
      }),
      reasons: [
        'entitlements.tamHoursPerMonth: v1 gives 0, v2 gives 8',
        'sla.S1.firstResponse.hours: v1 gives business, v2 gives 24x7',
        'sla.S1.firstResponse.minutes: v1 gives 60, v2 gives 30',
        'entitlements.tamHoursPerMonth: agreed 8 instead of 0 (the current version gives the same)',
      ],
    },
    {
      name: 'SLA achieved below 95 %',
      overrides: () => ({ compliance: { met: 41, breached: 9, metShare: 0.82 } }),
      reasons: ['SLA met on 82% of measured targets (9 breached), below 95%'],
    },
    {
      name: 'nothing measured is not drift',
      overrides: () => ({ compliance: { met: 0, breached: 0, metShare: null } }),
      reasons: [],
    },
  ]
  it.each(cases)('$name', ({ overrides, reasons }) => {
    const result = audit(overrides())
    expect(result.differences.map((d) => d.reason)).toEqual(reasons)
    expect(result.drifted).toBe(reasons.length > 0)
  })

  it('lists entitlements delivered above or below the agreement, from the ledger', () => {
    const custom = { ...account, customTerms: [term('entitlements.tamHoursPerMonth', 10)] }
    const ledger = entitlementLedger({
      account: custom,
      tier: v1,
      entries: [
        ledgerEntry(account.id, 'tamHours', 14, '2026-10-05T10:00:00.000Z'),
        ledgerEntry(account.id, 'tamHours', 9, '2026-09-05T10:00:00.000Z'),
      ],
      activities: [],
      now: NOW,
    })
    const result = audit({ account: custom, ledger })
    const entitlements = result.differences.filter((d) => d.kind === 'entitlement')
    expect(entitlements.map((d) => d.reason)).toContain(
      'Over-delivered: 14 of 10 TAM hours used in 2026-10 (140%)',
    )
    // Months before September had no entries at all: under-delivered.
    expect(
      entitlements.some((d) =>
        d.reason.startsWith('Under-delivered: 0 of 10 TAM hours used in 2026-08'),
      ),
    ).toBe(true)
    expect(entitlements.some((d) => d.reason.includes('2026-09'))).toBe(false)
  })

  it('reads dotted paths into a definition', () => {
    expect(valueAt(v1.definition, 'sla.S1.firstResponse.minutes')).toBe(60)
    expect(valueAt(v1.definition, 'entitlements.channels.1')).toBe('email')
    expect(valueAt(v1.definition, 'nope.deeper')).toBeUndefined()
  })
})
