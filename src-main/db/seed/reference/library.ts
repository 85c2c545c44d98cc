import type { HealthWeights, WorkspaceSettings } from '@shared/model/workspace-settings'
import type { Playbook, PlaybookStep } from '@shared/model/playbook'
import type { SavedView } from '@shared/model/saved-view'
import {
  defaultApprovalThresholdShare,
  defaultBranding,
  WORKSPACE_SETTINGS_ID,
} from '@shared/model/workspace-settings'
import { currencies, REPORTING_CURRENCY, usdPerUnit } from '../money'
import type { Rng } from '../prng'
import type { TierRef } from './tiers'
import type { UserRefs } from './users'

/** Workspace settings, playbooks and saved views: the rest of the `library` collection. */

const weights = (
  usageTrend: number,
  seatUtilisation: number,
  slaBreaches: number,
  openHighSeverity: number,
  sentiment: number,
  engagementRecency: number,
  renewalProximity: number,
): HealthWeights => ({
  usageTrend,
  seatUtilisation,
  slaBreaches,
  openHighSeverity,
  sentiment,
  engagementRecency,
  renewalProximity,
})

export function buildWorkspaceSettings(
  createdMs: number,
  defaultCalendarId: string,
  actor: string,
): WorkspaceSettings {
  const createdAt = new Date(createdMs).toISOString()
  return {
    id: WORKSPACE_SETTINGS_ID,
    kind: 'workspace',
    name: 'Corvid Analytics — Customer Success',
    reportingCurrency: REPORTING_CURRENCY,
    fxRates: currencies
      .filter((currency) => currency !== REPORTING_CURRENCY)
      .map((currency) => ({ currency, toReporting: usdPerUnit[currency] })),
    slaAtRiskShare: 0.75,
    renewalWindowsDays: [30, 60, 90],
    healthBands: { healthyFrom: 70, watchFrom: 45 },
    healthWeights: [
      { segment: 'smb', weights: weights(0.3, 0.2, 0.1, 0.05, 0.1, 0.1, 0.15) },
      { segment: 'mid-market', weights: weights(0.25, 0.15, 0.15, 0.1, 0.1, 0.1, 0.15) },
      { segment: 'enterprise', weights: weights(0.2, 0.15, 0.15, 0.1, 0.15, 0.1, 0.15) },
      { segment: 'strategic', weights: weights(0.15, 0.1, 0.2, 0.15, 0.15, 0.1, 0.15) },
    ],
    fiscalYearStartMonth: 2,
    defaultCalendarId,
    approvalThresholdShare: defaultApprovalThresholdShare,
    branding: { ...defaultBranding('Corvid Analytics'), primaryColour: '#2f4b7c' },
    createdAt,
    updatedAt: createdAt,
    updatedBy: actor,
  }
}

type StepSpec = readonly [string, PlaybookStep['kind'], PlaybookStep['ownerRole'], number, string]

export interface PlaybookRef {
  readonly key: 'renewal-risk' | 'enterprise-onboarding' | 's1-follow-up'
  readonly doc: Playbook
}

export function buildPlaybooks(
  rng: Rng,
  createdMs: number,
  users: UserRefs,
  tiers: readonly TierRef[],
): PlaybookRef[] {
  const tierId = (key: string) => tiers.find((tier) => tier.key === key)?.tierId ?? ''
  const make = (
    key: PlaybookRef['key'],
    name: string,
    descriptionMarkdown: string,
    trigger: Playbook['trigger'],
    appliesToTierIds: string[],
    steps: readonly StepSpec[],
    offsetDays: number,
  ): PlaybookRef => {
    const at = createdMs + offsetDays * 86_400_000
    const createdAt = new Date(at).toISOString()
    const author = users.managers[0] ?? users.admin
    return {
      key,
      doc: {
        id: rng.id(at),
        kind: 'playbook',
        name,
        descriptionMarkdown,
        active: true,
        trigger,
        appliesToTierIds,
        steps: steps.map(([title, kind, ownerRole, dueAfterDays, description], index) => ({
          id: rng.id(at + index + 1),
          title,
          descriptionMarkdown: description,
          kind,
          ownerRole,
          dueAfterDays,
        })),
        createdById: author.id,
        createdAt,
        updatedAt: createdAt,
        updatedBy: author.id,
      },
    }
  }
  return [
    make(
      'renewal-risk',
      'Renewal at risk (120 days)',
      'For accounts whose health is **at risk** four months before renewal.\n\n' +
        'Goal: a documented save plan before the renewal forecast call.',
      { kind: 'renewal-window', healthBand: null, daysBeforeRenewal: 120, severities: [] },
      [],
      [
        [
          'Review usage trend, tickets and sentiment',
          'review',
          'csm',
          3,
          'Use the account health breakdown; note the top two drivers.',
        ],
        [
          'Call the champion',
          'call',
          'csm',
          7,
          'Confirm the business outcomes they still need from us.',
        ],
        [
          'Executive sponsor touchpoint',
          'meeting',
          'manager',
          21,
          'Manager-to-sponsor call with a written recap.',
        ],
        [
          'Agree a save plan',
          'task',
          'csm',
          30,
          'Owners and dates for each action; link it in the renewal note.',
        ],
      ],
      0,
    ),
    make(
      'enterprise-onboarding',
      'Enterprise onboarding',
      'Kick-off to first value for new or upgraded **Enterprise** accounts.',
      { kind: 'new-account', healthBand: null, daysBeforeRenewal: null, severities: [] },
      [tierId('enterprise')],
      [
        ['Kick-off call', 'meeting', 'csm', 5, 'Introduce CSM and TAM; confirm success criteria.'],
        ['Architecture review', 'review', 'tam', 21, 'Review integration design and SSO set-up.'],
        [
          'Named contacts and escalation path',
          'task',
          'tam',
          14,
          'Register named contacts; share the escalation path.',
        ],
        ['30-day health check', 'review', 'tam', 30, 'Adoption against plan; open risks.'],
        ['First QBR scheduled', 'task', 'csm', 45, 'Put the first QBR in the sponsor’s calendar.'],
      ],
      10,
    ),
    make(
      's1-follow-up',
      'S1 incident follow-up',
      'After an **S1**, make sure the customer heard from us beyond the ticket.',
      { kind: 'sla-breach', healthBand: null, daysBeforeRenewal: null, severities: ['S1'] },
      [tierId('premium'), tierId('enterprise')],
      [
        [
          'Send the incident summary',
          'email',
          'tam',
          2,
          'Root cause, fix, and what we change to prevent it.',
        ],
        [
          'Post-incident call',
          'call',
          'tam',
          7,
          'Walk the champion and technical contact through the review.',
        ],
        [
          'Check sentiment',
          'task',
          'csm',
          14,
          'Log a check-in with the sentiment after the incident.',
        ],
      ],
      20,
    ),
  ]
}

export function buildSavedViews(
  rng: Rng,
  createdMs: number,
  users: UserRefs,
  tiers: readonly TierRef[],
): SavedView[] {
  const enterprise = tiers.find((tier) => tier.key === 'enterprise')?.tierId ?? ''
  const premium = tiers.find((tier) => tier.key === 'premium')
  const olderPremium = premium?.versions[0]?.id ?? ''
  const views: SavedView[] = []
  const add = (
    owner: { id: string },
    name: string,
    screen: SavedView['screen'],
    filters: SavedView['filters'],
    sort: SavedView['sort'],
    columns: string[],
    shared: boolean,
  ) => {
    const at = createdMs + views.length * 7 * 86_400_000
    const createdAt = new Date(at).toISOString()
    views.push({
      id: rng.id(at),
      kind: 'savedView',
      ownerId: owner.id,
      name,
      screen,
      filters,
      sort,
      columns,
      shared,
      pinned: rng.chance(0.5),
      createdAt,
      updatedAt: createdAt,
      updatedBy: owner.id,
    })
  }
  const manager = users.managers[0] ?? users.admin
  const portfolioColumns = [
    'name',
    'tierId',
    'arrReportingMinor',
    'healthBand',
    'renewalDate',
    'ownerId',
  ]
  add(
    manager,
    'At-risk ARR',
    'portfolio',
    [{ field: 'healthBand', op: 'eq', value: 'at-risk' }],
    [{ field: 'arrReportingMinor', direction: 'desc' }],
    portfolioColumns,
    true,
  )
  add(
    manager,
    'Enterprise book',
    'portfolio',
    [{ field: 'tierId', op: 'eq', value: enterprise }],
    [{ field: 'arrReportingMinor', direction: 'desc' }],
    portfolioColumns,
    true,
  )
  add(
    manager,
    'Premium accounts on v1',
    'portfolio',
    [{ field: 'tierVersionId', op: 'eq', value: olderPremium }],
    [{ field: 'renewalDate', direction: 'asc' }],
    portfolioColumns,
    true,
  )
  add(
    manager,
    'Open S1/S2',
    'escalations',
    [
      { field: 'severity', op: 'in', value: ['S1', 'S2'] },
      { field: 'status', op: 'nin', value: ['solved', 'closed'] },
    ],
    [{ field: 'createdAt', direction: 'asc' }],
    ['number', 'subject', 'accountId', 'severity', 'status', 'createdAt'],
    true,
  )
  for (const csm of users.csms.slice(0, 6)) {
    add(
      csm,
      'My renewals (90 days)',
      'renewals',
      [
        { field: 'ownerId', op: 'eq', value: csm.id },
        { field: 'renewalDate', op: 'within-days', value: 90 },
      ],
      [{ field: 'renewalDate', direction: 'asc' }],
      portfolioColumns,
      false,
    )
  }
  for (const tam of users.tams.slice(0, 3)) {
    add(
      tam,
      'Waiting on customer',
      'tickets',
      [{ field: 'status', op: 'eq', value: 'waiting-on-customer' }],
      [{ field: 'updatedAt', direction: 'asc' }],
      ['number', 'subject', 'accountId', 'updatedAt'],
      false,
    )
  }
  return views
}
