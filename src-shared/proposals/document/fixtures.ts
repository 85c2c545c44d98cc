import type { Entitlements, SlaTargets } from '../../model/tier'
import { addOns, premium, standard, upgradeToPremium } from '../fixtures'
import type { PricingDraft } from '../draft'
import { priceProposal } from '../pricing'
import type { ComparedTier, ProposalDocumentInput } from './input'

/** Test fixtures for exports: Northwind moving from Standard to Premium with a 20 % discount. */

const business = (minutes: number) => ({ minutes, hours: 'business' as const })
const allDay = (minutes: number) => ({ minutes, hours: '24x7' as const })
const none = { firstResponse: null, nextResponse: null, periodicUpdate: null, resolution: null }

const standardSla: SlaTargets = {
  S1: {
    firstResponse: business(240),
    nextResponse: business(480),
    periodicUpdate: business(480),
    resolution: business(2880),
  },
  S2: {
    firstResponse: business(480),
    nextResponse: null,
    periodicUpdate: null,
    resolution: business(4800),
  },
  S3: { ...none, firstResponse: business(960) },
  S4: { ...none, firstResponse: business(1920) },
}

const premiumSla: SlaTargets = {
  S1: {
    firstResponse: allDay(60),
    nextResponse: allDay(120),
    periodicUpdate: allDay(60),
    resolution: allDay(960),
  },
  S2: {
    firstResponse: business(240),
    nextResponse: business(480),
    periodicUpdate: business(480),
    resolution: business(2400),
  },
  S3: { ...none, firstResponse: business(480), resolution: business(7200) },
  S4: { ...none, firstResponse: business(960) },
}

const standardEntitlements: Entitlements = {
  tamHoursPerMonth: 0,
  architectureReviewsPerYear: 0,
  onboardingSessions: 2,
  healthChecksPerYear: 1,
  qbrCadence: 'semiannual',
  namedContacts: 3,
  channels: ['portal', 'email'],
  coverage: 'business-hours',
}

const premiumEntitlements: Entitlements = {
  tamHoursPerMonth: 8,
  architectureReviewsPerYear: 2,
  onboardingSessions: 6,
  healthChecksPerYear: 4,
  qbrCadence: 'quarterly',
  namedContacts: 10,
  channels: ['portal', 'email', 'chat', 'phone'],
  coverage: '24x7-critical',
}

export const standardTier: ComparedTier = {
  name: standard.name,
  rank: standard.rank,
  version: 3,
  sla: standardSla,
  entitlements: standardEntitlements,
  price: standard.definition.prices[0] ?? null,
}

export const premiumTier: ComparedTier = {
  name: premium.name,
  rank: premium.rank,
  version: 2,
  sla: premiumSla,
  entitlements: premiumEntitlements,
  price: premium.definition.prices[0] ?? null,
}

/** 120 seats, the platform fee and 10 extra TAM hours a month for 12 months, 20 % off overall. */
export const discountedDraft: PricingDraft = {
  currency: 'USD',
  startDate: '2026-12-01',
  termMonths: 12,
  lines: [
    { kind: 'seats', quantity: 120 },
    { kind: 'platform-fee' },
    { kind: 'add-on', addOnKey: 'extra-tam-hours', quantity: 10 },
  ],
  discount: { kind: 'percent', share: 0.2 },
  prorationCreditMinor: 1_234_500,
}

export function exportInput(overrides: Partial<ProposalDocumentInput> = {}): ProposalDocumentInput {
  return {
    proposalId: '01J00000000000000000PROP01',
    title: 'Premium support for Northwind Traders',
    version: 3,
    status: 'in-review',
    approval: {
      required: true,
      reasons: ['Overall discount 20% is above the 15% approval threshold'],
      approvedBy: null,
    },
    generatedAt: '2026-11-20T10:30:00.000Z',
    locale: 'en-US',
    branding: {
      companyName: 'Acme Support Co',
      primaryColour: '#1c7ed6',
      accentColour: '#f08c00',
      logoDataUrl: null,
    },
    account: {
      name: 'Northwind Traders',
      segment: 'enterprise',
      seats: 120,
      arrMinor: 9_600_000,
      currency: 'USD',
      renewalDate: '2027-03-01',
    },
    preparedBy: { name: 'Dana Whitfield', email: 'dana@acme.example' },
    currentTier: standardTier,
    targetTier: premiumTier,
    downgradeReason: null,
    evidence: [
      {
        kind: 'prevented-breaches',
        title: 'Breaches Premium would have prevented',
        summary: '9 of 11 SLA breaches in the last 12 months would not have happened under Premium',
        figures: [
          { label: 'Breaches under Standard', value: 11, unit: 'breaches' },
          { label: 'Breaches under Premium', value: 2, unit: 'breaches' },
          { label: 'Tickets measured', value: 14, unit: 'tickets' },
        ],
        tickets: [
          {
            number: 4711,
            subject: 'Checkout API returns 502 for EU customers',
            severity: 'S1',
            openedAt: '2026-08-14T03:12:00.000Z',
            metric: 'firstResponse',
            outcome: 'breached under Standard, met under Premium',
          },
          {
            number: 4820,
            subject: 'Nightly export stalls at 80 %',
            severity: 'S2',
            openedAt: '2026-09-02T16:40:00.000Z',
            metric: 'resolution',
            outcome: 'breached under Standard, met under Premium',
          },
        ],
      },
      {
        kind: 'seat-overage',
        title: 'Seats in use above the plan',
        summary: '132 seats in use on a 120-seat plan',
        figures: [
          { label: 'Seats in the plan', value: 120, unit: 'seats' },
          { label: 'Seats in use', value: 132, unit: 'seats' },
        ],
        tickets: [],
      },
    ],
    valueStory: {
      situation:
        'Northwind runs **checkout** for 4 regions on our platform.\n\n- 11 breaches\n- 3 escalations',
      impact: 'Each S1 outage costs about _$40,000_ an hour.',
      change: '1. 24x7 first response for S1\n2. A named TAM, 8 hours a month',
      outcomes: '> Fewer breaches, faster recovery.',
    },
    caseStudies: [
      {
        title: 'Halving time to recovery',
        customerLabel: 'A European logistics company',
        bodyMarkdown: 'Moved to Premium in 2025; S1 recovery fell from 9 to 4 hours.',
        figures: [{ label: 'Time to recovery', value: '−55 %' }],
      },
    ],
    pricing: priceProposal(discountedDraft, upgradeToPremium),
    validUntil: '2026-12-20',
    ...overrides,
  }
}

export { addOns }
