import { Faker, base, en } from '@faker-js/faker'
import type { Calendar } from '@shared/model/calendar'
import type { CaseStudy } from '@shared/model/case-study'
import type { SavedView } from '@shared/model/saved-view'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import { compileCalendar, type CompiledCalendar } from './business-time'
import type { ResolvedOptions } from './options'
import { planAccounts, type AccountPlan } from './plan'
import { Rng } from './prng'
import { buildCaseStudies } from './reference/case-studies'
import { buildCalendars, type CalendarKey, type CalendarRef } from './reference/calendars'
import {
  buildPlaybooks,
  buildSavedViews,
  buildWorkspaceSettings,
  type PlaybookRef,
} from './reference/library'
import { buildTiers, type TierRef } from './reference/tiers'
import { buildAgents, buildUsers, type UserRefs } from './reference/users'
import { DAY_MS, isoDay } from './zoned-time'

/** What one account's tickets told the later generators (alerts, QBR snapshots). */
export interface AccountFacts {
  /** Recent tickets that missed a target, newest last (at most a few). */
  readonly breaches: { ticketId: string; at: number; severity: string; metric: string }[]
  /** S1 tickets still open at `asOf`. */
  readonly openS1: string[]
  /** Most recent S1 (id and time), for follow-up playbooks. */
  lastS1: { ticketId: string; at: number } | null
  /** Tickets opened per quarter (YYYY-Qn) and how many of them met every target. */
  readonly quarters: Map<string, { tickets: number; met: number }>
}

export type CompiledCalendarRef = CalendarRef & { readonly compiled: CompiledCalendar }

/**
 * The book's shared, small state: reference documents, compiled calendars, account plans and the
 * facts the ticket pass leaves for later passes. Documents themselves are never kept here.
 */
export interface BookContext {
  readonly options: ResolvedOptions
  readonly faker: Faker
  readonly createdMs: number
  readonly users: UserRefs
  readonly calendars: ReadonlyMap<CalendarKey, CompiledCalendarRef>
  readonly tiers: readonly TierRef[]
  readonly workspace: WorkspaceSettings
  readonly playbooks: readonly PlaybookRef[]
  readonly savedViews: readonly SavedView[]
  readonly caseStudies: readonly CaseStudy[]
  readonly plans: readonly AccountPlan[]
  readonly agents: readonly string[]
  readonly facts: readonly AccountFacts[]
}

export function calendarDocs(context: BookContext): Calendar[] {
  return [...context.calendars.values()].map((calendar) => calendar.doc)
}

export function createContext(options: ResolvedOptions): BookContext {
  const { seed, asOf, asOfMs } = options
  // A fresh Faker per book: the global instance's state would leak between books.
  const faker = new Faker({ locale: [en, base] })
  const reference = new Rng(seed, 'reference')
  // The workspace predates the tier catalogue's launch four years before `asOf`.
  const createdMs = Date.parse(`${isoDay(asOfMs - 4 * 365 * DAY_MS - 60 * DAY_MS)}T09:00:00.000Z`)
  const users = buildUsers(faker, reference, seed, options.accounts, createdMs)
  const actor = users.admin.id
  // Tickets reach a year back; what happens after `asOf` is cut off, so a short tail suffices.
  const from = isoDay(asOfMs - 400 * DAY_MS)
  const to = isoDay(asOfMs + 60 * DAY_MS)
  const calendars = new Map<CalendarKey, CompiledCalendarRef>(
    buildCalendars(reference, createdMs + DAY_MS, actor).map((ref) => [
      ref.key,
      { ...ref, compiled: compileCalendar(ref.doc, from, to) },
    ]),
  )
  const tiers = buildTiers(reference, asOf, actor)
  const defaultCalendar = calendars.get('us-east')?.doc.id ?? ''
  const workspace = buildWorkspaceSettings(createdMs, defaultCalendar, actor)
  const playbooks = buildPlaybooks(reference, createdMs + 30 * DAY_MS, users, tiers)
  const savedViews = buildSavedViews(reference, createdMs + 60 * DAY_MS, users, tiers)
  // Their own stream: drawing from `reference` would shift every id generated after them.
  const caseStudies = buildCaseStudies(
    new Rng(seed, 'case-studies'),
    createdMs + 90 * DAY_MS,
    users,
    tiers,
  )
  const plans = planAccounts({
    seed,
    asOfMs,
    count: options.accounts,
    totalTickets: options.tickets,
    faker,
    users,
    tiers,
    calendars,
  })
  const agents = buildAgents(faker, seed, Math.max(12, Math.ceil(options.accounts / 10)))
  const facts = plans.map((): AccountFacts => ({
    breaches: [],
    openS1: [],
    lastS1: null,
    quarters: new Map(),
  }))
  return {
    options,
    faker,
    createdMs,
    users,
    calendars,
    tiers,
    workspace,
    playbooks,
    savedViews,
    caseStudies,
    plans,
    agents,
    facts,
  }
}
