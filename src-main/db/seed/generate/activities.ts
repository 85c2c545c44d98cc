import type { Activity, QbrSnapshot, Sentiment } from '@shared/model/activity'
import type { Cadence } from '@shared/model/enums'
import type { BookContext } from '../context'
import { quarterOf } from '../dates'
import type { AccountPlan, Story } from '../plan'
import { Rng } from '../prng'
import { callSummary, checkInSummary, noteBody } from '../text'
import { DAY_MS, iso } from '../zoned-time'
import { usageDocs } from './usage'

const sentimentMix: Readonly<Record<Story, readonly (readonly [Sentiment, number])[]>> = {
  growing: [
    ['positive', 70],
    ['neutral', 25],
    ['negative', 5],
  ],
  steady: [
    ['positive', 45],
    ['neutral', 45],
    ['negative', 10],
  ],
  declining: [
    ['positive', 10],
    ['neutral', 40],
    ['negative', 50],
  ],
  expanding: [
    ['positive', 65],
    ['neutral', 30],
    ['negative', 5],
  ],
  recovering: [
    ['positive', 30],
    ['neutral', 45],
    ['negative', 25],
  ],
}

/** A lapsing account's check-ins: mostly bad news. */
const lapsingSentiment: readonly (readonly [Sentiment, number])[] = [
  ['positive', 5],
  ['neutral', 25],
  ['negative', 70],
]

/** A lapsing account has had no notes, calls or check-ins (nor a held QBR) for this long. */
const LAPSING_SILENCE_DAYS = 80

const checkInsPerYear: Readonly<Record<string, number>> = {
  community: 1,
  standard: 4,
  premium: 12,
  enterprise: 12,
}

const qbrsPerYear: Readonly<Record<Cadence, number>> = {
  none: 0,
  annual: 1,
  semiannual: 2,
  quarterly: 4,
  monthly: 12,
}

/** Notes, calls, check-ins and QBRs of one account over the book's year, oldest first. */
export function activityDocs(context: BookContext, plan: AccountPlan): Activity[] {
  const { seed, asOfMs } = context.options
  const rng = new Rng(seed, 'activities', plan.index)
  const fromMs = Math.max(asOfMs - 365 * DAY_MS, plan.createdMs + DAY_MS)
  const untilMs = plan.lapsing ? asOfMs - LAPSING_SILENCE_DAYS * DAY_MS : asOfMs
  const span = Math.max(DAY_MS, untilMs - fromMs)
  const contactIds = plan.contacts.map((contact) => contact.id)
  const someContacts = () =>
    rng.shuffle(contactIds).slice(0, rng.int(1, Math.min(3, contactIds.length)))
  const author = () => (plan.tamId !== null && rng.chance(0.35) ? plan.tamId : plan.ownerId)
  const base = (occurredMs: number, title: string, bodyMarkdown: string) => {
    const createdMs = Math.min(asOfMs, occurredMs + rng.int(5, 90) * 60_000)
    const by = author()
    return {
      id: rng.id(occurredMs),
      accountId: plan.id,
      occurredAt: iso(occurredMs),
      authorId: by,
      title,
      bodyMarkdown,
      contactIds: someContacts(),
      pinned: rng.chance(0.05),
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
      updatedBy: by,
    }
  }
  const when = () => fromMs + rng.next() * span
  const docs: Activity[] = []
  const premiumCare = plan.tamId !== null

  for (let i = rng.int(2, 7) + (premiumCare ? 3 : 0); i > 0; i--) {
    docs.push({
      ...base(
        when(),
        rng.pick([
          'Account plan',
          'Stakeholder map',
          'Adoption note',
          'Renewal prep',
          'Meeting notes',
        ]),
        noteBody(plan.name, rng),
      ),
      kind: 'note',
    })
  }
  for (let i = rng.int(1, 5) + (premiumCare ? 4 : 0); i > 0; i--) {
    const outcome = rng.weighted([
      ['connected', 75],
      ['voicemail', 12],
      ['no-answer', 8],
      ['rescheduled', 5],
    ] as const)
    docs.push({
      ...base(
        when(),
        rng.pick(['Weekly sync', 'Escalation call', 'Roadmap call', 'Renewal call', 'Intro call']),
        outcome === 'connected' ? callSummary(rng) : 'No conversation.',
      ),
      kind: 'call',
      durationMinutes: outcome === 'connected' ? rng.int(15, 60) : 1,
      direction: rng.chance(0.8) ? 'outbound' : 'inbound',
      outcome,
    })
  }
  const checkIns = checkInsPerYear[plan.tier.key] ?? 0
  for (let i = 0; i < checkIns; i++) {
    const at = fromMs + ((i + rng.float(0.2, 0.8)) / checkIns) * span
    const sentiment = rng.weighted(plan.lapsing ? lapsingSentiment : sentimentMix[plan.story])
    const nps = rng.chance(0.4)
      ? sentiment === 'positive'
        ? rng.int(8, 10)
        : sentiment === 'neutral'
          ? rng.int(6, 8)
          : rng.int(0, 6)
      : null
    docs.push({
      ...base(at, 'Check-in', checkInSummary(sentiment, rng)),
      kind: 'check-in',
      sentiment,
      nps,
    })
  }
  docs.push(...qbrDocs(context, plan, rng, base))
  return docs.sort((a, b) =>
    a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0,
  )
}

type Base = (
  occurredMs: number,
  title: string,
  bodyMarkdown: string,
) => Omit<Activity & { kind: 'note' }, 'kind'>

function qbrDocs(context: BookContext, plan: AccountPlan, rng: Rng, base: Base): Activity[] {
  const { asOfMs } = context.options
  const perYear = qbrsPerYear[plan.version.definition.entitlements.qbrCadence]
  if (perYear === 0) return []
  const facts = context.facts[plan.index]
  const usage = usageDocs(context, plan)
  const period = (365 / perYear) * DAY_MS
  const attendees = [plan.ownerId, ...(plan.tamId === null ? [] : [plan.tamId])]
  const docs: Activity[] = []
  // The past year's reviews and the next one.
  for (let k = perYear - 1; k >= -1; k--) {
    const scheduledMs = asOfMs - k * period - rng.float(0.1, 0.6) * period
    if (scheduledMs < plan.createdMs + 30 * DAY_MS) continue
    const upcoming = scheduledMs > asOfMs
    // A lapsing customer has stopped turning up: recent reviews were called off.
    const calledOff = rng.chance(0.05)
    const cancelled =
      !upcoming &&
      (calledOff || (plan.lapsing && asOfMs - scheduledMs < LAPSING_SILENCE_DAYS * DAY_MS))
    const prepared = !upcoming || scheduledMs - asOfMs < 14 * DAY_MS
    const quarter = quarterOf(iso(scheduledMs).slice(0, 10))
    const month =
      usage
        .filter((snapshot) => snapshot.capturedAt <= iso(Math.min(scheduledMs, asOfMs)))
        .at(-1) ?? usage[0]
    const counts = facts?.quarters.get(quarterOf(iso(scheduledMs - 90 * DAY_MS).slice(0, 10)))
    const snapshot: QbrSnapshot | null =
      prepared && !cancelled && month !== undefined
        ? {
            healthScore: Math.max(0, Math.min(100, plan.healthScore + rng.int(-8, 8))),
            arr: { amountMinor: plan.arrMinor, currency: plan.currency },
            seats: plan.seats,
            seatsUsed: month.seatsUsed,
            activeUsers: month.activeUsers,
            ticketsInQuarter: counts?.tickets ?? 0,
            slaCompliance:
              counts === undefined || counts.tickets === 0
                ? null
                : Math.round((counts.met / counts.tickets) * 1000) / 1000,
          }
        : null
    const status = cancelled
      ? 'cancelled'
      : upcoming
        ? snapshot === null
          ? 'planned'
          : 'prepared'
        : 'held'
    const doc = base(
      Math.min(scheduledMs, asOfMs - 60_000),
      `${quarter} business review`,
      status === 'held'
        ? `## Outcomes\n- Agreed priorities for next quarter\n- ${rng.pick(['Expansion to a new region discussed', 'Support experience reviewed', 'Adoption plan refreshed'])}`
        : '',
    )
    docs.push({
      ...doc,
      occurredAt: iso(scheduledMs),
      contactIds: plan.contacts
        .filter(
          (contact) =>
            contact.roles.includes('champion') || contact.roles.includes('executive-sponsor'),
        )
        .map((contact) => contact.id),
      kind: 'qbr',
      quarter,
      status,
      attendeeUserIds: attendees,
      agendaMarkdown:
        '1. Outcomes since last review\n2. Adoption and usage\n3. Support review\n4. Roadmap and next steps',
      goals: rng.chance(0.8)
        ? [
            {
              id: rng.id(scheduledMs),
              title: rng.pick([
                'Roll out SSO to all teams',
                'Raise weekly active users by 15%',
                'Automate the monthly export',
                'Reduce S2 tickets',
              ]),
              status:
                status === 'held'
                  ? rng.pick(['on-track', 'at-risk', 'achieved'] as const)
                  : 'proposed',
              dueDate: iso(scheduledMs + 90 * DAY_MS).slice(0, 10),
            },
          ]
        : [],
      snapshot,
    })
  }
  return docs
}
