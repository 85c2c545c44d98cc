import { describe, expect, it } from 'vitest'
import type { Alert } from '../../model/alert'
import { alertSchema } from '../../model/alert'
import type { Activity } from '../../model/activity'
import { buildAccount, checkIn } from '../fixtures/account'
import { fixtureId } from '../fixtures/ids'
import { buildTier } from '../fixtures/tier'
import type { EligibilitySignal } from '../eligibility/eligibility'
import type { AccountHealth } from '../health/health'
import { alertId } from './alert-id'
import type { AlertsInput } from './alerts'
import { alertActors, planAlerts } from './alerts'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-16T12:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const premium = buildTier({ name: 'Premium', key: 'premium', rank: 2 })
const community = buildTier({ name: 'Community', key: 'community', rank: 0 })
const account = buildAccount({ name: 'Acme', tierVersionId: premium.id, tierId: premium.tierId })

const signal = (overrides: Partial<EligibilitySignal> = {}): EligibilitySignal => ({
  id: `${account.id}:seat-overage`,
  accountId: account.id,
  kind: 'seat-overage',
  title: 'Seats above the plan',
  reasons: ['1,730 seats in use; Premium fits up to 1,500'],
  summary: '1,730 seats in use; Premium fits up to 1,500',
  value: 1730,
  evidence: [{ collection: 'usageSnapshots', id: fixtureId() }],
  target: { tierId: fixtureId(), tierVersionId: fixtureId(), name: 'Enterprise', rank: 3 },
  firstSeenAt: NOW - 30 * DAY,
  ...overrides,
})

/** A health result with the given score/band now and four weeks earlier. */
const health = (
  before: [number, 'healthy' | 'watch' | 'at-risk'],
  now: [number, 'healthy' | 'watch' | 'at-risk'],
): Pick<AccountHealth, 'current' | 'history' | 'trendDelta'> => {
  const weeks = ['2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09']
  return {
    current: {
      accountId: account.id,
      asOf: NOW,
      score: now[0],
      band: now[1],
      weightsFrom: 'segment',
      components: [],
    },
    history: weeks.map((weekStart, i) => ({
      weekStart,
      asOf: Date.parse(`${weekStart}T00:00:00.000Z`) + 7 * DAY,
      score: i === 0 ? before[0] : now[0],
      band: i === 0 ? before[1] : now[1],
    })),
    trendDelta: now[0] - before[0],
  }
}

/** A recent check-in, so no check-in reminder gets in the way of the other cases. */
const fresh: Activity[] = [checkIn(account.id, iso(NOW - 2 * DAY), 'positive')]

const input = (overrides: Partial<AlertsInput> = {}): AlertsInput => ({
  now: NOW,
  accounts: [account],
  tiers: new Map([
    [premium.id, premium],
    [community.id, community],
  ]),
  signals: new Map(),
  health: new Map(),
  activities: new Map([[account.id, fresh]]),
  proposals: new Map(),
  existing: [],
  ...overrides,
})

const existingAlert = (overrides: Partial<Alert>): Alert =>
  alertSchema.parse({
    id: fixtureId(),
    accountId: account.id,
    kind: 'upgrade-signal',
    status: 'open',
    severity: 'info',
    title: 'Upgrade signal: seats over contract',
    bodyMarkdown: '',
    raisedAt: iso(NOW - 20 * DAY),
    dueAt: iso(NOW - 6 * DAY),
    snoozedUntil: null,
    resolvedAt: null,
    assigneeId: account.ownerId,
    raisedBy: alertActors.eligibility,
    source: null,
    updatedAt: iso(NOW - 20 * DAY),
    updatedBy: alertActors.eligibility,
    ...overrides,
  })

/** The alert the engine wrote for {@link signal}, as if it had been raised `days` ago. */
function writtenDaysAgo(days: number): Alert {
  const [alert] = planAlerts(input({ signals: new Map([[account.id, [signal()]]]) })).upserts
  if (alert === undefined) throw new Error('no alert')
  return { ...alert, raisedAt: iso(NOW - days * DAY) }
}

describe('alerts from upgrade signals', () => {
  it('raises a valid alert when a signal first appears, with a deterministic id', () => {
    const plan = planAlerts(input({ signals: new Map([[account.id, [signal()]]]) }))
    expect(plan.raised).toBe(1)
    const [alert] = plan.upserts
    expect(alertSchema.parse(alert)).toEqual(alert)
    expect(alert).toMatchObject({
      kind: 'upgrade-signal',
      status: 'open',
      title: 'Upgrade signal: Seats above the plan',
      assigneeId: account.ownerId,
      source: { collection: 'usageSnapshots' },
    })
    expect(alert?.bodyMarkdown).toContain('suggest Enterprise')
    expect(alert?.id).toBe(alertId(`${account.id}:seat-overage|appeared`, NOW - 30 * DAY))
    expect(planAlerts(input({ signals: new Map([[account.id, [signal()]]]) })).upserts[0]?.id).toBe(
      alert?.id,
    )
  })

  it('proposes nothing new when run again on what it wrote, even later', () => {
    const signals = new Map([[account.id, [signal()]]])
    const first = planAlerts(input({ signals }))
    const again = planAlerts(input({ signals, existing: first.upserts, now: NOW + 3_600_000 }))
    expect(again.upserts).toEqual([])
    expect(again.kept).toBe(1)
  })

  const cases: {
    name: string
    existing: (appearedId: string) => Alert[]
    proposals?: AlertsInput['proposals']
    expected: { kind: string; title: string }[]
  }[] = [
    {
      name: 'an alert open for 20 days without a proposal gets a reminder',
      existing: () => [writtenDaysAgo(20)],
      expected: [{ kind: 'reminder', title: 'Reminder: Seats above the plan for 14+ days' }],
    },
    {
      name: 'a proposal since the signal appeared is the action: no reminder',
      existing: () => [writtenDaysAgo(20)],
      proposals: new Map([[account.id, [{ id: fixtureId(), createdAt: iso(NOW - 10 * DAY) }]]]),
      expected: [],
    },
    {
      name: 'a done alert is not reopened and gets no reminder',
      existing: (id) => [existingAlert({ id, status: 'done', resolvedAt: iso(NOW - 5 * DAY) })],
      expected: [],
    },
    {
      name: 'a snoozed alert stays snoozed and gets no reminder',
      existing: (id) => [
        existingAlert({ id, status: 'snoozed', snoozedUntil: iso(NOW + 5 * DAY) }),
      ],
      expected: [],
    },
    {
      name: 'an alert raised since the signal appeared (another id) stands for it',
      existing: () => [existingAlert({ raisedAt: iso(NOW - 3 * DAY) })],
      expected: [],
    },
  ]
  it.each(cases)('$name', ({ existing, proposals, expected }) => {
    const s = signal()
    const appearedId = alertId(`${s.id}|appeared`, s.firstSeenAt)
    const before = existing(appearedId)
    const plan = planAlerts(
      input({
        signals: new Map([[account.id, [s]]]),
        existing: before,
        ...(proposals === undefined ? {} : { proposals }),
      }),
    )
    expect(plan.upserts.map((a) => ({ kind: a.kind, title: a.title }))).toEqual(expected)
    for (const alert of plan.upserts) expect(alertSchema.safeParse(alert).success).toBe(true)
  })

  it('files entitlement overuse under its own kind', () => {
    const overuse = signal({
      id: `${account.id}:entitlement-overuse`,
      kind: 'entitlement-overuse',
      title: 'Using more than the plan includes',
      evidence: [{ collection: 'ledgerEntries', id: fixtureId() }],
    })
    const plan = planAlerts(input({ signals: new Map([[account.id, [overuse]]]) }))
    expect(plan.upserts.map((a) => [a.kind, a.source?.collection])).toEqual([
      ['entitlement-overuse', 'ledgerEntries'],
    ])
  })
})

describe('risk alerts from health', () => {
  const cases: {
    name: string
    health: ReturnType<typeof health>
    existing?: Alert[]
    expected: { severity: string; title: string }[]
  }[] = [
    {
      name: 'band drop from watch to at-risk is critical',
      health: health([52, 'watch'], [41, 'at-risk']),
      expected: [{ severity: 'critical', title: 'Health dropped to at-risk (41)' }],
    },
    {
      name: 'a 12-point fall within the band is a warning',
      health: health([90, 'healthy'], [78, 'healthy']),
      expected: [{ severity: 'warning', title: 'Health fell 12 points to 78' }],
    },
    {
      name: 'a small dip is not an alert',
      health: health([80, 'healthy'], [74, 'healthy']),
      expected: [],
    },
    {
      name: 'no second health alert within 28 days',
      health: health([52, 'watch'], [41, 'at-risk']),
      existing: [
        existingAlert({
          kind: 'health-drop',
          raisedBy: alertActors.health,
          raisedAt: iso(NOW - 10 * DAY),
        }),
      ],
      expected: [],
    },
  ]
  it.each(cases)('$name', ({ health: h, existing, expected }) => {
    const plan = planAlerts(input({ health: new Map([[account.id, h]]), existing: existing ?? [] }))
    expect(plan.upserts.map((a) => ({ severity: a.severity, title: a.title }))).toEqual(expected)
  })
})

describe('check-in reminders', () => {
  const cases: {
    name: string
    tierVersionId: string
    lastDaysAgo: number | null
    expected: { severity: string; title: string }[]
  }[] = [
    {
      name: 'Premium (30 days), last check-in 28 days ago: due in 2 days',
      tierVersionId: premium.id,
      lastDaysAgo: 28,
      expected: [{ severity: 'info', title: 'Check-in due' }],
    },
    {
      name: 'Premium, 40 days ago: overdue',
      tierVersionId: premium.id,
      lastDaysAgo: 40,
      expected: [{ severity: 'warning', title: 'Check-in overdue' }],
    },
    {
      name: 'Premium, 20 days ago: nothing yet',
      tierVersionId: premium.id,
      lastDaysAgo: 20,
      expected: [],
    },
    {
      name: 'Community has no check-in cadence',
      tierVersionId: community.id,
      lastDaysAgo: 200,
      expected: [],
    },
  ]
  it.each(cases)('$name', ({ tierVersionId, lastDaysAgo, expected }) => {
    const activities =
      lastDaysAgo === null ? [] : [checkIn(account.id, iso(NOW - lastDaysAgo * DAY), 'neutral')]
    const plan = planAlerts(
      input({
        accounts: [{ ...account, tierVersionId }],
        activities: new Map([[account.id, activities]]),
      }),
    )
    expect(plan.upserts.map((a) => ({ severity: a.severity, title: a.title }))).toEqual(expected)
  })

  it('resolves its reminder once a check-in is logged, and plans the next one', () => {
    const old = [checkIn(account.id, iso(NOW - 40 * DAY), 'neutral')]
    const first = planAlerts(input({ activities: new Map([[account.id, old]]) }))
    const reminder = first.upserts[0]
    if (reminder === undefined) throw new Error('no reminder')
    const logged = [...old, checkIn(account.id, iso(NOW + DAY), 'positive')]
    const later = planAlerts(
      input({
        now: NOW + 2 * DAY,
        existing: [reminder],
        activities: new Map([[account.id, logged]]),
      }),
    )
    expect(later.resolved).toBe(1)
    expect(later.upserts).toEqual([
      expect.objectContaining({ id: reminder.id, status: 'done', resolvedAt: iso(NOW + 2 * DAY) }),
    ])
    expect(alertSchema.safeParse(later.upserts[0]).success).toBe(true)
  })
})

describe('alert ids', () => {
  it('are valid ULIDs, the same for the same key and instant, distinct otherwise', () => {
    const at = Date.parse('2026-10-01T00:00:00.000Z')
    const id = alertId('A|seat-overage|appeared', at)
    expect(alertSchema.shape.id.safeParse(id).success).toBe(true)
    expect(alertId('A|seat-overage|appeared', at)).toBe(id)
    const others = new Set(
      Array.from({ length: 2000 }, (_, i) => alertId(`account-${i}|seat-overage|appeared`, at)),
    )
    expect(others.size).toBe(2000)
    expect(alertId('A|seat-overage|appeared', at + 1)).not.toBe(id)
  })
})
