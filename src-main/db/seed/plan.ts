import type { Faker } from '@faker-js/faker'
import type { CustomTerm, LifecycleStage } from '@shared/model/account'
import type { ContactRole } from '@shared/model/contact'
import type { HealthBand, Region, Segment } from '@shared/model/enums'
import type { Tier } from '@shared/model/tier'
import type { CompiledCalendar } from './business-time'
import { addMonths, dayMs } from './dates'
import { localPrice, PRODUCT_SEAT_PRICE_USD_MINOR, toReportingMinor, type Currency } from './money'
import { hash32, Rng } from './prng'
import type { CalendarKey, CalendarRef } from './reference/calendars'
import { versionOn, type TierKey, type TierRef } from './reference/tiers'
import type { UserRefs } from './reference/users'
import { DAY_MS, isoDay } from './zoned-time'

/**
 * Each account's plan: everything the per-collection generators need to agree on (ids, tier and
 * version per term, owners, size, ARR, usage story, contacts), computed up front from one seeded
 * stream per account. Plans are small, so the whole book's plans fit in memory while the
 * documents themselves are streamed collection by collection.
 */

/** How the account's year went; drives usage, health, tickets and alerts. */
export type Story = 'growing' | 'steady' | 'declining' | 'expanding' | 'recovering'

export interface ContactPlan {
  readonly id: string
  readonly name: string
  readonly email: string
  readonly title: string
  readonly phone: string | null
  readonly roles: readonly ContactRole[]
  readonly named: boolean
  readonly createdMs: number
}

export interface AccountPlan {
  readonly index: number
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly createdMs: number
  readonly tier: TierRef
  /** The version the current term was signed under. */
  readonly version: Tier
  /** The previous term's version — another tier's if the account upgraded at its last renewal. */
  readonly previousVersion: Tier
  readonly upgradedOn: string | null
  readonly segment: Segment
  readonly industry: string
  readonly region: Region
  readonly country: string
  readonly currency: Currency
  readonly calendarKey: CalendarKey
  readonly calendarId: string
  readonly calendar: CompiledCalendar
  readonly timeZone: string
  readonly ownerId: string
  readonly tamId: string | null
  readonly seats: number
  readonly arrMinor: number
  readonly arrReportingMinor: number
  readonly customerSince: string
  readonly contractStart: string
  readonly renewalDate: string
  readonly termMonths: number
  readonly autoRenew: boolean
  readonly story: Story
  /**
   * An Enterprise account slipping away close to its renewal: usage and seats falling, SLA
   * breaches, bad check-ins and no touchpoint for months. The health engine scores these at
   * risk, so the demo book always holds the "Enterprise, at risk, renewing soon" accounts a CSM
   * (and the portfolio's end-to-end test) looks for.
   */
  readonly lapsing: boolean
  readonly healthScore: number
  readonly healthBand: HealthBand
  readonly lifecycle: LifecycleStage
  readonly customTerms: readonly CustomTerm[]
  readonly contacts: readonly ContactPlan[]
  /** Share of tickets that miss a target on purpose (before per-severity adjustments). */
  readonly breachRate: number
  /** Relative ticket volume; turned into {@link ticketCount} across the book. */
  readonly ticketWeight: number
  ticketCount: number
}

interface CountrySpec {
  readonly country: string
  readonly region: Region
  readonly currency: Currency
  readonly calendar: CalendarKey
  readonly tld: string
  readonly weight: number
}

const countrySpecs: readonly CountrySpec[] = [
  { country: 'US', region: 'na', currency: 'USD', calendar: 'us-east', tld: 'com', weight: 38 },
  { country: 'CA', region: 'na', currency: 'USD', calendar: 'us-east', tld: 'ca', weight: 6 },
  {
    country: 'BR',
    region: 'latam',
    currency: 'USD',
    calendar: 'us-east',
    tld: 'com.br',
    weight: 3,
  },
  {
    country: 'DE',
    region: 'emea',
    currency: 'EUR',
    calendar: 'emea-berlin',
    tld: 'de',
    weight: 12,
  },
  { country: 'FR', region: 'emea', currency: 'EUR', calendar: 'emea-berlin', tld: 'fr', weight: 6 },
  { country: 'NL', region: 'emea', currency: 'EUR', calendar: 'emea-berlin', tld: 'nl', weight: 5 },
  {
    country: 'GB',
    region: 'emea',
    currency: 'GBP',
    calendar: 'uk-london',
    tld: 'co.uk',
    weight: 11,
  },
  {
    country: 'AU',
    region: 'apac',
    currency: 'AUD',
    calendar: 'apac-sydney',
    tld: 'com.au',
    weight: 9,
  },
  {
    country: 'JP',
    region: 'apac',
    currency: 'JPY',
    calendar: 'japan-tokyo',
    tld: 'co.jp',
    weight: 7,
  },
  {
    country: 'SG',
    region: 'apac',
    currency: 'USD',
    calendar: 'apac-sydney',
    tld: 'com.sg',
    weight: 3,
  },
]

const industries = [
  'Logistics',
  'Retail',
  'Financial Services',
  'Healthcare',
  'Manufacturing',
  'Media',
  'Software',
  'Education',
  'Energy',
  'Travel',
  'Insurance',
  'Telecommunications',
]

const tierMix: readonly (readonly [TierKey, number])[] = [
  ['community', 20],
  ['standard', 35],
  ['premium', 28],
  ['enterprise', 17],
]

const seatRange: Readonly<Record<TierKey, readonly [number, number]>> = {
  community: [5, 60],
  standard: [25, 300],
  premium: [120, 1500],
  enterprise: [600, 12_000],
}

const storyMix: readonly (readonly [Story, number])[] = [
  ['growing', 25],
  ['steady', 35],
  ['declining', 18],
  ['expanding', 12],
  ['recovering', 10],
]

const healthRange: Readonly<Record<Story, readonly [number, number]>> = {
  growing: [72, 95],
  steady: [58, 86],
  declining: [22, 52],
  expanding: [68, 92],
  recovering: [42, 72],
}

/** Share of Enterprise accounts that are {@link AccountPlan.lapsing}. */
const LAPSING_SHARE = 0.12
/** A lapsing account renews this many days after the book's "now" (inclusive range). */
const LAPSING_RENEWAL_DAYS: readonly [number, number] = [40, 110]
/** Breach share of a lapsing account's tickets: above the 30 % at which the component scores 0. */
const LAPSING_BREACH_RATE = 0.35

const tierBreachRate: Readonly<Record<TierKey, number>> = {
  community: 0.08,
  standard: 0.1,
  premium: 0.06,
  enterprise: 0.045,
}

const tierTicketWeight: Readonly<Record<TierKey, number>> = {
  community: 0.35,
  standard: 0.8,
  premium: 1.3,
  enterprise: 2.1,
}

const contactTitles: Readonly<Record<ContactRole, readonly string[]>> = {
  champion: ['Director of Operations', 'Head of Analytics', 'Platform Lead', 'Operations Manager'],
  'executive-sponsor': [
    'Chief Operating Officer',
    'VP Engineering',
    'Chief Information Officer',
    'CFO',
  ],
  billing: ['Procurement Manager', 'Finance Business Partner', 'Accounts Payable Lead'],
  technical: ['Staff Engineer', 'IT Administrator', 'Solutions Architect', 'DevOps Engineer'],
}

function segmentFor(tier: TierKey, seats: number): Segment {
  if (tier === 'enterprise') return seats > 4000 ? 'strategic' : 'enterprise'
  if (tier === 'premium') return seats > 800 ? 'enterprise' : 'mid-market'
  if (tier === 'standard') return seats > 120 ? 'mid-market' : 'smb'
  return 'smb'
}

export function bandFor(score: number): HealthBand {
  return score >= 70 ? 'healthy' : score >= 45 ? 'watch' : 'at-risk'
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/&/g, 'and')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '') || 'account'
  )
}

/** Yearly subscription plus support, in the account's currency (minor units). */
function annualValue(seats: number, version: Tier, currency: Currency, discount: number): number {
  const product = seats * localPrice(PRODUCT_SEAT_PRICE_USD_MINOR, currency) * 12 * (1 - discount)
  const price = version.definition.prices.find((entry) => entry.currency === currency)
  const supportSeats = Math.max(seats, price?.minimumSeats ?? 0)
  const support =
    price === undefined
      ? 0
      : supportSeats * price.perSeatMonthlyMinor * 12 + price.platformFeeAnnualMinor
  return Math.round(product + support)
}

export interface PlanInputs {
  readonly seed: number
  readonly asOfMs: number
  readonly count: number
  readonly totalTickets: number
  readonly faker: Faker
  readonly users: UserRefs
  readonly tiers: readonly TierRef[]
  readonly calendars: ReadonlyMap<CalendarKey, CalendarRef & { compiled: CompiledCalendar }>
}

export function planAccounts(inputs: PlanInputs): AccountPlan[] {
  // Names are made unique in index order, so the same seed always gives the same names.
  const taken = new Set<string>()
  const plans = Array.from({ length: inputs.count }, (_, index) =>
    planAccount(inputs, index, taken),
  )
  distributeTickets(plans, inputs.totalTickets)
  return plans
}

/** Splits the book's ticket total over accounts by weight, summing exactly to the total. */
function distributeTickets(plans: AccountPlan[], total: number): void {
  const weight = plans.reduce((sum, plan) => sum + plan.ticketWeight, 0)
  const shares = plans.map((plan) => (total * plan.ticketWeight) / weight)
  plans.forEach((plan, i) => (plan.ticketCount = Math.floor(shares[i] ?? 0)))
  let missing = total - plans.reduce((sum, plan) => sum + plan.ticketCount, 0)
  const byRemainder = plans
    .map((plan, i) => ({ plan, rest: (shares[i] ?? 0) - plan.ticketCount, i }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { plan } of byRemainder) {
    if (missing <= 0) break
    plan.ticketCount++
    missing--
  }
}

function planAccount(inputs: PlanInputs, index: number, taken: Set<string>): AccountPlan {
  const { seed, asOfMs, faker, users, tiers, calendars } = inputs
  const rng = new Rng(seed, 'plan', index)
  const tierKey = rng.weighted(tierMix)
  const tier = tiers.find((candidate) => candidate.key === tierKey)
  if (tier === undefined) throw new Error(`tier ${tierKey} missing`)
  const place = rng.weighted(countrySpecs.map((spec) => [spec, spec.weight] as const))
  const calendarKey: CalendarKey =
    tierKey === 'enterprise' && rng.chance(0.35) ? 'global-24x7' : place.calendar
  const calendar = calendars.get(calendarKey)
  if (calendar === undefined) throw new Error(`calendar ${calendarKey} missing`)
  const [minSeats, maxSeats] = seatRange[tierKey]
  const seats = Math.round(rng.logUniform(minSeats, maxSeats))
  const segment = segmentFor(tierKey, seats)

  // Terms: mostly annual; some Enterprise sign for two or three years.
  const termMonths = tierKey === 'enterprise' && rng.chance(0.3) ? rng.pick([24, 36]) : 12
  // Its own stream: choosing lapsing accounts draws nothing from the plan's, so every other
  // account (and every other field) comes out as before.
  const lapsingRng = new Rng(seed, 'lapsing', index)
  const lapsing = tierKey === 'enterprise' && lapsingRng.chance(LAPSING_SHARE)
  const drawnRenewalDays = rng.int(1, Math.round(termMonths * 30.4))
  const renewalDays = lapsing ? lapsingRng.int(...LAPSING_RENEWAL_DAYS) : drawnRenewalDays
  const renewalDate = isoDay(asOfMs + renewalDays * DAY_MS)
  const contractStart = addMonths(renewalDate, -termMonths)
  const previousStart = addMonths(contractStart, -12)
  const tenureMonths = rng.int(0, 48)
  const customerSince = addMonths(previousStart, -tenureMonths)
  // Some accounts moved up a tier at their last renewal; their older tickets ran on the old tier.
  const upgradable = tierKey !== 'community' && rng.chance(tierKey === 'standard' ? 0.08 : 0.12)
  const previousTier = upgradable
    ? tiers.find((candidate) => candidate.rank === tier.rank - 1)
    : tier
  const version = versionOn(tier, contractStart)
  const previousVersion = versionOn(previousTier ?? tier, previousStart)
  const upgradedOn = previousTier !== undefined && previousTier !== tier ? contractStart : null

  faker.seed(hash32(seed, 'account', index))
  let name = faker.company.name()
  if (taken.has(name)) name = `${name} ${place.country}`
  for (let n = 2; taken.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`
  taken.add(name)
  const domain = `${slug(name)}.${place.tld}`
  const drawnStory = rng.weighted(storyMix)
  const story: Story = lapsing ? 'declining' : drawnStory
  const [lowHealth, highHealth] = healthRange[story]
  const drawnHealth = rng.int(lowHealth, highHealth)
  const healthScore = lapsing ? lapsingRng.int(15, 35) : drawnHealth
  const discount = rng.float(0, 0.3)
  const arrMinor = annualValue(seats, version, place.currency, discount)

  const since = dayMs(customerSince)
  const daysToRenewal = (dayMs(renewalDate) - asOfMs) / DAY_MS
  const lifecycle: LifecycleStage =
    upgradedOn !== null && (asOfMs - dayMs(upgradedOn)) / DAY_MS < 120
      ? 'onboarding'
      : daysToRenewal <= 90
        ? 'renewal'
        : asOfMs - since < 540 * DAY_MS
          ? 'adoption'
          : 'steady-state'

  const createdMs = since + rng.int(8, 18) * 3_600_000
  const id = rng.id(createdMs)
  const hasTam = tierKey === 'premium' || tierKey === 'enterprise'
  const contacts = planContacts(faker, rng, seed, index, tierKey, domain, version, createdMs)
  const customTerms = hasTam && rng.chance(0.18) ? [customTerm(rng, version, contractStart)] : []

  return {
    index,
    id,
    name,
    domain,
    createdMs,
    tier,
    version,
    previousVersion,
    upgradedOn,
    segment,
    industry: rng.pick(industries),
    region: place.region,
    country: place.country,
    currency: place.currency,
    calendarKey,
    calendarId: calendar.doc.id,
    calendar: calendar.compiled,
    timeZone: calendar.doc.timeZone === 'UTC' ? 'America/New_York' : calendar.doc.timeZone,
    ownerId: rng.pick(users.csms).id,
    tamId: hasTam ? rng.pick(users.tams).id : null,
    seats,
    arrMinor,
    arrReportingMinor: toReportingMinor(arrMinor, place.currency),
    customerSince,
    contractStart,
    renewalDate,
    termMonths,
    autoRenew: tierKey === 'community' || rng.chance(0.4),
    story,
    lapsing,
    healthScore,
    healthBand: bandFor(healthScore),
    lifecycle,
    customTerms,
    contacts,
    breachRate: lapsing
      ? LAPSING_BREACH_RATE
      : tierBreachRate[tierKey] * (story === 'declining' ? 2.5 : story === 'recovering' ? 1.5 : 1),
    ticketWeight:
      tierTicketWeight[tierKey] *
      Math.pow(seats, 0.35) *
      (story === 'declining' ? 1.4 : story === 'expanding' ? 1.2 : 1) *
      rng.logNormal(1, 0.35),
    ticketCount: 0,
  }
}

function planContacts(
  faker: Faker,
  rng: Rng,
  seed: number,
  index: number,
  tier: TierKey,
  domain: string,
  version: Tier,
  createdMs: number,
): ContactPlan[] {
  const count =
    tier === 'community'
      ? rng.int(2, 3)
      : tier === 'standard'
        ? rng.int(3, 5)
        : tier === 'premium'
          ? rng.int(4, 7)
          : rng.int(6, 10)
  const roleOrder: ContactRole[][] = [['champion'], ['technical'], ['billing']]
  if (tier === 'premium' || tier === 'enterprise' || rng.chance(0.4))
    roleOrder.splice(1, 0, ['executive-sponsor'])
  const named = version.definition.entitlements.namedContacts
  faker.seed(hash32(seed, 'contacts', index))
  const emails = new Set<string>()
  return Array.from({ length: count }, (_, i) => {
    const roles = [...(roleOrder[i] ?? (rng.chance(0.5) ? ['technical' as const] : []))]
    if (i === 0 && rng.chance(0.3)) roles.push('technical')
    const first = faker.person.firstName()
    const last = faker.person.lastName()
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') || 'contact'
    let email = `${local}@${domain}`
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`
    emails.add(email)
    const role = roles[0] ?? 'technical'
    const at = createdMs + (i === 0 ? 0 : rng.int(1, 300) * DAY_MS)
    return {
      id: rng.id(at),
      name: `${first} ${last}`,
      email,
      title: rng.pick(contactTitles[role]),
      phone: rng.chance(0.7) ? faker.phone.number({ style: 'international' }) : null,
      roles,
      named: i < named && !roles.includes('billing'),
      createdMs: at,
    }
  })
}

function customTerm(rng: Rng, version: Tier, contractStart: string): CustomTerm {
  const entitlements = version.definition.entitlements
  const agreedOn = addMonths(contractStart, 0)
  const options: CustomTerm[] = [
    {
      id: rng.id(dayMs(agreedOn)),
      field: 'entitlements.tamHoursPerMonth',
      value: entitlements.tamHoursPerMonth * 1.5,
      note: 'Extra TAM hours agreed for the migration programme.',
      agreedOn,
    },
    {
      id: rng.id(dayMs(agreedOn)),
      field: 'entitlements.architectureReviewsPerYear',
      value: entitlements.architectureReviewsPerYear + 1,
      note: 'Additional architecture review before the regional roll-out.',
      agreedOn,
    },
    {
      id: rng.id(dayMs(agreedOn)),
      field: 'sla.S1.firstResponse.minutes',
      value: 10,
      note: 'Tighter S1 first response negotiated at signature.',
      agreedOn,
    },
  ]
  if (!entitlements.channels.includes('slack')) {
    options.push({
      id: rng.id(dayMs(agreedOn)),
      field: 'entitlements.channels',
      value: [...entitlements.channels, 'slack'],
      note: 'Shared Slack channel granted ahead of the tier including it.',
      agreedOn,
    })
  }
  return rng.pick(options)
}
