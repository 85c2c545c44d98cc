import { searchKey, type Account } from '@shared/model/account'
import type { Contact } from '@shared/model/contact'
import type { BookContext } from '../context'
import type { AccountPlan } from '../plan'
import { Rng } from '../prng'
import { iso } from '../zoned-time'

export function accountDoc(context: BookContext, plan: AccountPlan): Account {
  const createdAt = iso(plan.createdMs)
  const healthAt = iso(context.options.asOfMs - 6 * 3_600_000)
  const tags = [
    ...(plan.upgradedOn !== null ? ['upgraded'] : []),
    ...(plan.story === 'expanding' ? ['expansion'] : []),
    ...(plan.segment === 'strategic' ? ['strategic'] : []),
  ]
  return {
    id: plan.id,
    name: plan.name,
    nameKey: searchKey(plan.name),
    domain: plan.domain,
    tierId: plan.tier.tierId,
    tierVersionId: plan.version.id,
    customerSince: plan.customerSince,
    contractStart: plan.contractStart,
    renewalDate: plan.renewalDate,
    termMonths: plan.termMonths,
    autoRenew: plan.autoRenew,
    arr: { amountMinor: plan.arrMinor, currency: plan.currency },
    arrReportingMinor: plan.arrReportingMinor,
    seats: plan.seats,
    ownerId: plan.ownerId,
    tamId: plan.tamId,
    segment: plan.segment,
    industry: plan.industry,
    region: plan.region,
    country: plan.country,
    calendarId: plan.calendarId,
    lifecycleStage: plan.lifecycle,
    healthScore: plan.healthScore,
    healthBand: plan.healthBand,
    healthComputedAt: healthAt,
    customTerms: [...plan.customTerms],
    tags,
    archived: false,
    createdAt,
    // Last touched by its CSM at the latest renewal (or when it was created).
    updatedAt: iso(Math.max(plan.createdMs, Date.parse(`${plan.contractStart}T15:00:00.000Z`))),
    updatedBy: plan.ownerId,
  }
}

export function contactDocs(context: BookContext, plan: AccountPlan): Contact[] {
  const rng = new Rng(context.options.seed, 'contact-activity', plan.index)
  const { asOfMs } = context.options
  return plan.contacts.map((contact) => {
    const createdAt = iso(contact.createdMs)
    const lastContacted = rng.chance(0.8) ? iso(asOfMs - rng.int(1, 120) * 86_400_000) : null
    return {
      id: contact.id,
      accountId: plan.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      title: contact.title,
      roles: [...contact.roles],
      namedSupportContact: contact.named,
      timeZone: plan.timeZone,
      lastContactedAt: lastContacted !== null && lastContacted > createdAt ? lastContacted : null,
      active: rng.chance(0.95),
      createdAt,
      updatedAt: createdAt,
      updatedBy: plan.ownerId,
    }
  })
}
