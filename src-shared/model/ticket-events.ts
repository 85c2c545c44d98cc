import { z } from 'zod'
import { channelSchema, severitySchema, ticketStatusSchema } from './enums'
import { idSchema, isoDateTimeSchema, labelSchema, markdownSchema } from './primitives'

/**
 * A ticket's history, embedded in the ticket as an append-only array (see ticket.ts for why).
 * Status changes are recorded once: `created` starts at `new`, `solved` moves to `solved`,
 * `reopened` moves back to `open`, and `status-change` covers every other move. That keeps one
 * unambiguous status timeline for the SLA clock.
 */

export const ticketActorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('customer'),
    name: labelSchema(120),
    contactId: idSchema.nullable(),
  }),
  z.strictObject({ kind: z.literal('agent'), name: labelSchema(120) }),
  z.strictObject({ kind: z.literal('system'), name: labelSchema(120) }),
])

const eventShape = {
  /** ULID: events from two replicas merge by id and still sort by time. */
  id: idSchema,
  at: isoDateTimeSchema,
  actor: ticketActorSchema,
}

export const ticketEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...eventShape,
    type: z.literal('created'),
    severity: severitySchema,
    channel: channelSchema,
    body: markdownSchema,
  }),
  z.strictObject({
    ...eventShape,
    type: z.literal('customer-message'),
    channel: channelSchema,
    body: markdownSchema,
  }),
  z.strictObject({
    ...eventShape,
    type: z.literal('agent-reply'),
    channel: channelSchema,
    body: markdownSchema,
  }),
  z.strictObject({
    ...eventShape,
    type: z.literal('internal-note'),
    body: markdownSchema,
    /** Set when the note records engaging an escalation level of the tier's path. */
    escalationLevel: z.int().min(1).max(9).nullable(),
  }),
  z.strictObject({
    ...eventShape,
    type: z.literal('status-change'),
    from: ticketStatusSchema,
    to: ticketStatusSchema,
  }),
  z.strictObject({
    ...eventShape,
    type: z.literal('severity-change'),
    from: severitySchema,
    to: severitySchema,
    reason: z.string().max(1000),
  }),
  z.strictObject({ ...eventShape, type: z.literal('solved'), resolution: z.string().max(2000) }),
  z.strictObject({ ...eventShape, type: z.literal('reopened'), reason: z.string().max(1000) }),
])

export type TicketActor = z.infer<typeof ticketActorSchema>
export type TicketEvent = z.infer<typeof ticketEventSchema>
export type TicketEventType = TicketEvent['type']
