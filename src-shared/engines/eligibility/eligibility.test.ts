import { describe, expect, it } from 'vitest'
import type { Entitlements, Tier } from '../../model/tier'
import { buildAccount, buildUsage, ledgerEntry } from '../fixtures/account'
import type { UsageFixture } from '../fixtures/account'
import { businessCalendar } from '../fixtures/calendar'
import { ticketAt } from '../fixtures/ticket'
import { buildTier } from '../fixtures/tier'
import { entitlementLedger } from '../ledger/ledger'
import type { MeasuredTicket } from '../replay/replay'
import type { EligibilityInput, SignalKind } from './eligibility'
import { upgradeEligibility } from './eligibility'
import { heldSince } from './since'

const NOW = Date.parse('2026-11-16T00:00:00.000Z')
const calendar = businessCalendar({ timeZone: 'UTC' })

const withEntitlements = (tier: Tier, entitlements: Partial<Entitlements>): Tier => ({
  ...tier,
  definition: {
    ...tier.definition,
    entitlements: { ...tier.definition.entitlements, ...entitlements },
  },
})
const community = buildTier({ name: 'Community', key: 'community', rank: 0 })
// Standard stops the resolution clock only while waiting on the customer…
const standard = buildTier({
  name: 'Standard',
  key: 'standard',
  rank: 1,
  pauseRules: [{ status: 'waiting-on-customer', metrics: ['resolution'] }],
})
// …Premium also while waiting on a third party (its default pause rules).
const premium = withEntitlements(buildTier({ name: 'Premium', key: 'premium', rank: 2 }), {
  tamHoursPerMonth: 4,
})
const enterprise = withEntitlements(buildTier({ name: 'Enterprise', key: 'enterprise', rank: 3 }), {
  tamHoursPerMonth: 16,
})
const catalogue = [enterprise, community, premium, standard]

const account = buildAccount({
  tierId: standard.tierId,
  tierVersionId: standard.id,
  contractStart: '2026-02-01',
  renewalDate: '2027-02-01',
  arrReportingMinor: 5_000_000,
})

const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']
const usage = (rows: readonly Omit<UsageFixture, 'month'>[]) =>
  buildUsage(
    account.id,
    rows.map((row, i) => ({ month: months[i] ?? '', ...row })),
  )
const flat = (seatsUsed: number, seatsContracted = 200, activeUsers = 100) =>
  Array.from({ length: 7 }, () => ({ activeUsers, seatsUsed, seatsContracted }))

const measured = (ticket: MeasuredTicket['ticket'], tier: Tier = standard): MeasuredTicket => ({
  ticket,
  tier,
  calendar,
})
const s1 = (at: string) => measured(ticketAt(at, 'S1').reply(at).build(standard.id, account.id))
/**
 * An S3 that waits on a vendor for a week: Standard's resolution clock (80 business hours) keeps
 * running and breaches; Premium pauses it and the ticket is solved well within target.
 */
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10)
const vendorWait = (day: string) =>
  measured(
    ticketAt(`${day}T09:00:00.000Z`, 'S3')
      .reply(`${day}T09:30:00.000Z`)
      .status(`${day}T10:00:00.000Z`, 'open')
      .status(`${day}T11:00:00.000Z`, 'waiting-on-third-party')
      .status(`${plusDays(day, 14)}T10:00:00.000Z`, 'open')
      .solve(`${plusDays(day, 14)}T12:00:00.000Z`)
      .build(standard.id, account.id),
  )

const input = (overrides: Partial<EligibilityInput> = {}): EligibilityInput => {
  const tier = overrides.tier ?? standard
  const acc = overrides.account ?? account
  return {
    account: acc,
    tier,
    catalogue,
    usage: usage(flat(150)),
    tickets: [],
    ledger: entitlementLedger({
      account: { ...account, ...acc },
      tier,
      entries: [],
      activities: [],
      now: NOW,
    }),
    now: NOW,
    ...overrides,
  }
}
const kinds = (overrides: Partial<EligibilityInput>) =>
  upgradeEligibility(input(overrides)).signals.map((s) => s.kind)
const only = (kind: SignalKind, overrides: Partial<EligibilityInput>) => {
  const found = upgradeEligibility(input(overrides)).signals.find((s) => s.kind === kind)
  if (found === undefined) throw new Error(`no ${kind} signal`)
  return found
}

describe('upgrade eligibility', () => {
  it('raises nothing for an account that fits its tier', () => {
    expect(kinds({})).toEqual([])
  })

  const cases: {
    name: string
    kind: SignalKind
    overrides: () => Partial<EligibilityInput>
    reasons: string[]
    target: string | null
    firstSeen: string
  }[] = [
    {
      name: 'seats above the tier limit and the contract for three months',
      kind: 'seat-overage',
      overrides: () => ({
        usage: usage([
          ...flat(150).slice(0, 3),
          ...flat(240).slice(0, 1),
          ...flat(300).slice(0, 3),
        ]),
      }),
      reasons: [
        '300 seats in use; Standard fits up to 250',
        'Seats in use above the 200 contracted for 4 months in a row',
      ],
      target: 'Premium',
      // Over 250 since August (captured 1 September); over contract for 3 months since then too.
      firstSeen: '2026-09-01T02:00:00.000Z',
    },
    {
      name: 'active users up 40 % in six months',
      kind: 'usage-growth',
      overrides: () => ({
        usage: usage(
          [100, 100, 105, 110, 120, 135, 140].map((activeUsers) => ({
            activeUsers,
            seatsUsed: 150,
            seatsContracted: 200,
          })),
        ),
      }),
      reasons: ['Active users up 40% in 6 months (100 in 2026-04 → 140 in 2026-10)'],
      target: 'Premium',
      firstSeen: '2026-11-01T02:00:00.000Z',
    },
    {
      name: 'three S1 tickets in 90 days on Standard',
      kind: 's1-volume',
      overrides: () => ({
        tickets: [
          s1('2026-09-01T10:00:00.000Z'),
          s1('2026-10-01T10:00:00.000Z'),
          s1('2026-11-02T10:00:00.000Z'),
          s1('2026-05-01T10:00:00.000Z'), // outside the window
        ],
      }),
      reasons: ['3 S1 tickets in the last 90 days (the Standard rule flags 3)'],
      // Premium flags 6: it fits this volume.
      target: 'Premium',
      firstSeen: '2026-11-02T10:00:00.000Z',
    },
    {
      name: 'breaches Premium would have prevented (replay)',
      kind: 'prevented-breaches',
      overrides: () => ({
        tickets: [vendorWait('2026-09-01'), vendorWait('2026-09-08'), vendorWait('2026-10-06')],
      }),
      reasons: ['Under Premium, 3 of 3 SLA breaches in the last 90 days would not have happened'],
      target: 'Premium',
      firstSeen: '', // checked below against the breach instants
    },
    {
      name: 'ARR above the Standard band',
      kind: 'arr-band',
      overrides: () => ({ account: { ...account, arrReportingMinor: 20_000_000 } }),
      reasons: ['ARR 200,000 is above the Standard band of 150,000'],
      target: 'Premium',
      firstSeen: '2026-02-01T00:00:00.000Z',
    },
  ]
  it.each(cases)('$kind: $name', ({ kind, overrides, reasons, target, firstSeen }) => {
    const found = only(kind, overrides())
    expect(found.reasons).toEqual(reasons)
    expect(found.target?.name ?? null).toBe(target)
    expect(found.id).toBe(`${account.id}:${kind}`)
    if (firstSeen !== '') expect(new Date(found.firstSeenAt).toISOString()).toBe(firstSeen)
    expect(found.evidence.length).toBeGreaterThan(0)
  })

  it('points at the breached tickets and dates the signal when the third breach happened', () => {
    const tickets = [vendorWait('2026-09-01'), vendorWait('2026-09-08'), vendorWait('2026-10-06')]
    const found = only('prevented-breaches', { tickets })
    expect(found.evidence.map((e) => e.id)).toEqual(tickets.map((t) => t.ticket.id))
    // 80 business hours (ten 8-hour weekdays) from Tuesday 6 October 09:00: Monday 19 October
    // 17:00, when the third breach happened.
    expect(new Date(found.firstSeenAt).toISOString()).toBe('2026-10-19T17:00:00.000Z')
  })

  it('two S1 tickets are below the Standard rule', () => {
    expect(
      kinds({ tickets: [s1('2026-10-01T10:00:00.000Z'), s1('2026-11-02T10:00:00.000Z')] }),
    ).toEqual([])
  })

  it('flags TAM hours over the entitlement in 2 of 3 months and targets the tier that covers them', () => {
    const premiumAccount = { ...account, tierId: premium.tierId, tierVersionId: premium.id }
    const entries = [
      ledgerEntry(account.id, 'tamHours', 6, '2026-08-10T10:00:00.000Z'),
      ledgerEntry(account.id, 'tamHours', 3, '2026-09-10T10:00:00.000Z'),
      ledgerEntry(account.id, 'tamHours', 7.5, '2026-10-10T10:00:00.000Z'),
    ]
    const ledger = entitlementLedger({
      account: premiumAccount,
      tier: premium,
      entries,
      activities: [],
      now: NOW,
    })
    const found = only('entitlement-overuse', { account: premiumAccount, tier: premium, ledger })
    expect(found.reasons).toEqual([
      'TAM hours over the 4 a month in 2 of the last 3 months (2026-08: 6, 2026-10: 7.5)',
    ])
    expect(found.target?.name).toBe('Enterprise')
    expect(found.evidence.map((e) => e.id)).toEqual([entries[0]?.id, entries[2]?.id])
    expect(found.value).toBeCloseTo(2 + 3.5, 9)
  })

  it('skips retired tiers and suggests the highest target among the signals', () => {
    const retiredPremium = { ...premium, status: 'retired' as const }
    const result = upgradeEligibility(
      input({
        catalogue: [community, standard, retiredPremium, enterprise],
        account: { ...account, arrReportingMinor: 20_000_000 },
        usage: usage(flat(300)),
      }),
    )
    expect(result.signals.map((s) => [s.kind, s.target?.name])).toEqual([
      ['seat-overage', 'Enterprise'],
      ['arr-band', 'Enterprise'],
    ])
    expect(result.suggestedTarget?.name).toBe('Enterprise')
  })

  it('has no target above the top tier', () => {
    const enterpriseAccount = {
      ...account,
      tierId: enterprise.tierId,
      tierVersionId: enterprise.id,
    }
    const result = upgradeEligibility(
      input({ account: enterpriseAccount, tier: enterprise, usage: usage(flat(300)) }),
    )
    // Enterprise has no seat limit; seats over contract still show, with nothing to move to.
    expect(result.signals.map((s) => [s.kind, s.target])).toEqual([['seat-overage', null]])
    expect(result.suggestedTarget).toBeNull()
  })
})

describe('heldSince', () => {
  const day = 86_400_000
  const cases: { times: number[]; min: number; expected: number | null }[] = [
    { times: [1, 5, 9].map((d) => d * day), min: 2, expected: 5 * day },
    { times: [4, 5, 9].map((d) => d * day), min: 3, expected: 9 * day },
    // At day 13 the window (days 3–13) holds only 5 and 9.
    { times: [1, 5, 9].map((d) => d * day), min: 3, expected: null },
    { times: [1, 2, 20].map((d) => d * day), min: 2, expected: null },
    // 1 and 2 (window 10 days) held until day 11; 9 and 12 restart it from day 12.
    { times: [1, 2, 9, 12].map((d) => d * day), min: 2, expected: 2 * day },
  ]
  it.each(cases)('$times with min $min', ({ times, min, expected }) => {
    expect(heldSince(times, 10 * day, min, 13 * day)).toBe(expected)
  })
})
