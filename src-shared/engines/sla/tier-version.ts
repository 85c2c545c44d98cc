import type { Ticket } from '../../model/ticket'
import type { Tier } from '../../model/tier'
import { SlaEngineError } from './errors'

/**
 * Which tier version measures a ticket: the one stamped on the ticket (`ticket.tierVersionId`),
 * i.e. the version the account had signed when the ticket was opened. A later upgrade, renewal
 * or new tier version does not re-measure old tickets — that is what replay is for. A ticket
 * whose version is unknown is an error, not a silent fallback to the current catalogue.
 */
export function tierVersionForTicket<T extends Pick<Tier, 'id'>>(
  ticket: Pick<Ticket, 'id' | 'tierVersionId'>,
  versions: ReadonlyMap<string, T>,
): T {
  const tier = versions.get(ticket.tierVersionId)
  if (tier === undefined) {
    throw new SlaEngineError(
      'unknown-tier-version',
      `ticket ${ticket.id} refers to unknown tier version ${ticket.tierVersionId}`,
      { ticketId: ticket.id, tierVersionId: ticket.tierVersionId },
    )
  }
  return tier
}
