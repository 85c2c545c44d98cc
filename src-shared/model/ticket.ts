import { z } from 'zod'
import { defineCollection } from './collection'
import { channelSchema, severitySchema, ticketStatusSchema } from './enums'
import { documentMetaShape, idSchema, isoDateTimeSchema, labelSchema } from './primitives'
import { ticketEventSchema } from './ticket-events'
import { summarizeTicketEvents, ticketSummaryFields } from './ticket-summary'

/**
 * Tickets embed their event history rather than keeping events in a separate collection:
 * - every consumer of events (the SLA clock, replay under another tier, the ticket screen) needs
 *   the whole history of one ticket at once — one read, no join, no partial history;
 * - histories are short (a few to a few dozen events, capped at 500) and append-only;
 * - a ticket and its history replicate as one document, so a client never measures an SLA on a
 *   ticket whose events have not all arrived. Concurrent appends conflict on the ticket and the
 *   conflict handler merges the two arrays by event id (events are ULIDs, so the union sorts);
 * - no screen queries events across tickets; lists read the summary fields below, which are
 *   derived from the events and checked against them on every validation.
 */

export const ticketSchema = z
  .strictObject({
    id: idSchema,
    /** Human-facing number, unique within the workspace. */
    number: z.int().min(1).max(1e9),
    /** The id in the helpdesk the ticket came from, if any. */
    externalRef: z.string().max(64).nullable(),
    accountId: idSchema,
    /** The tier version in force when the ticket was opened: its SLA targets apply. */
    tierVersionId: idSchema,
    requesterContactId: idSchema.nullable(),
    subject: labelSchema(300),
    channel: channelSchema,
    assignee: z.string().max(120).nullable(),
    tags: z.array(z.string().min(1).max(40)).max(20),
    // Summary fields: derived from `events` (see summarizeTicketEvents), stored for indexes.
    severity: severitySchema,
    status: ticketStatusSchema,
    createdAt: isoDateTimeSchema,
    firstResponseAt: isoDateTimeSchema.nullable(),
    lastCustomerMessageAt: isoDateTimeSchema.nullable(),
    lastAgentReplyAt: isoDateTimeSchema.nullable(),
    solvedAt: isoDateTimeSchema.nullable(),
    closedAt: isoDateTimeSchema.nullable(),
    reopenCount: z.int().min(0).max(500),
    escalationLevel: z.int().min(0).max(9),
    events: z.array(ticketEventSchema).min(1).max(500),
    ...documentMetaShape,
  })
  .superRefine((ticket, ctx) => {
    const replay = summarizeTicketEvents(ticket.events)
    if (!replay.ok) {
      ctx.addIssue({ code: 'custom', path: ['events', replay.index], message: replay.message })
      return
    }
    for (const field of ticketSummaryFields) {
      const expected = replay.summary[field]
      if (ticket[field] !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `must match the event history (${String(expected)})`,
        })
      }
    }
  })

export const ticketsCollection = defineCollection({
  name: 'tickets',
  description: 'Support tickets with severity, status and their full event history.',
  schema: ticketSchema,
  version: 0,
  indexes: [
    // Account screen: an account's tickets, newest first.
    ['accountId', 'createdAt'],
    // Account screen: open tickets of an account.
    ['accountId', 'status'],
    // Escalations: open S1/S2 across the book.
    ['severity', 'status'],
    // Ticket queues: by status, most recently touched first.
    ['status', 'updatedAt'],
    'number',
  ],
})

export type Ticket = Readonly<z.infer<typeof ticketSchema>>
