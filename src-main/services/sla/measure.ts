import {
  CalendarEngineError,
  computeSlaClocks,
  SlaEngineError,
  type MeasuredTicket,
  type TicketClocks,
} from '@shared/engines'
import type { Account } from '@shared/model/account'
import type { Calendar } from '@shared/model/calendar'
import type { Ticket } from '@shared/model/ticket'
import type { Tier } from '@shared/model/tier'
import type { UnmeasuredTicket } from '@shared/sla/sla-queries'

/** What measuring needs besides the ticket: the versions and calendars of the workspace. */
export interface MeasureContext {
  readonly versions: ReadonlyMap<string, Tier>
  readonly calendars: ReadonlyMap<string, Calendar>
  readonly atRiskShare: number
  readonly now: number
}

export type Prepared =
  | { readonly ok: true; readonly measured: MeasuredTicket & { readonly tier: Tier } }
  | { readonly ok: false; readonly unmeasured: UnmeasuredTicket }

const unmeasured = (ticket: Ticket, reason: string) => ({
  ok: false as const,
  unmeasured: { ticketId: ticket.id, number: ticket.number, reason },
})

/**
 * Pairs a ticket with the tier version stamped on it (the rule of `tierVersionForTicket`) and
 * its account's calendar. A ticket whose version or calendar is missing is reported, not
 * thrown: one damaged ticket must not hide an account's other clocks.
 */
export function prepareTicket(
  ticket: Ticket,
  account: Pick<Account, 'calendarId'>,
  context: MeasureContext,
): Prepared {
  const tier = context.versions.get(ticket.tierVersionId)
  if (tier === undefined) {
    return unmeasured(
      ticket,
      `it refers to tier version ${ticket.tierVersionId}, which this workspace does not have`,
    )
  }
  const calendar = context.calendars.get(account.calendarId)
  if (calendar === undefined) {
    return unmeasured(ticket, `its account's support calendar ${account.calendarId} does not exist`)
  }
  return { ok: true, measured: { ticket, tier, calendar } }
}

/** The engines' typed failures as a sentence for the person reading the panel. */
export function engineFailure(error: unknown): string | undefined {
  if (error instanceof SlaEngineError || error instanceof CalendarEngineError) return error.message
  return undefined
}

export type Clocked =
  | {
      readonly ok: true
      readonly measured: MeasuredTicket & { readonly tier: Tier }
      readonly clocks: TicketClocks
    }
  | { readonly ok: false; readonly unmeasured: UnmeasuredTicket }

/** {@link prepareTicket}, then the clocks at `now`; engine errors become an unmeasured ticket. */
export function clockTicket(
  ticket: Ticket,
  account: Pick<Account, 'calendarId'>,
  context: MeasureContext,
): Clocked {
  const prepared = prepareTicket(ticket, account, context)
  if (!prepared.ok) return { ok: false, unmeasured: prepared.unmeasured }
  try {
    const clocks = computeSlaClocks({
      ...prepared.measured,
      now: context.now,
      atRiskShare: context.atRiskShare,
    })
    return { ok: true, measured: prepared.measured, clocks }
  } catch (error) {
    const reason = engineFailure(error)
    if (reason === undefined) throw error
    return unmeasured(ticket, reason)
  }
}
