import { z } from 'zod'

/** Enumerations shared by several collections; each is the single list the UI offers. */

export const severitySchema = z.enum(['S1', 'S2', 'S3', 'S4'])
export const severities = severitySchema.options

/**
 * Ticket statuses. `waiting-on-customer` and `waiting-on-third-party` exist so tier pause rules
 * can stop some SLA clocks and not others.
 */
export const ticketStatusSchema = z.enum([
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
  'solved',
  'closed',
])
export const ticketStatuses = ticketStatusSchema.options

export const slaMetricSchema = z.enum([
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
])
export const slaMetrics = slaMetricSchema.options

/** Channels a tier entitles a customer to, and that a ticket can arrive on. */
export const channelSchema = z.enum(['portal', 'email', 'chat', 'phone', 'slack'])

export const userRoleSchema = z.enum(['admin', 'manager', 'csm', 'tam'])

export const segmentSchema = z.enum(['smb', 'mid-market', 'enterprise', 'strategic'])
export const segments = segmentSchema.options

export const healthBandSchema = z.enum(['healthy', 'watch', 'at-risk', 'unknown'])

export const cadenceSchema = z.enum(['none', 'annual', 'semiannual', 'quarterly', 'monthly'])

export const regionSchema = z.enum(['na', 'latam', 'emea', 'apac'])

export type Severity = z.infer<typeof severitySchema>
export type TicketStatus = z.infer<typeof ticketStatusSchema>
export type SlaMetric = z.infer<typeof slaMetricSchema>
export type Channel = z.infer<typeof channelSchema>
export type UserRole = z.infer<typeof userRoleSchema>
export type Segment = z.infer<typeof segmentSchema>
export type HealthBand = z.infer<typeof healthBandSchema>
export type Cadence = z.infer<typeof cadenceSchema>
export type Region = z.infer<typeof regionSchema>
