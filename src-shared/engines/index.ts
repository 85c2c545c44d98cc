/**
 * The engines of issue #5 items 1–4: business-time calendars, SLA clocks from a ticket's
 * history, replay under another tier version, SLA compliance and portfolio KPIs. Pure: no I/O,
 * no clock reads — `now` is always passed in. Instants are epoch milliseconds (UTC).
 */
export type { Instant } from './calendar/business-time'
export {
  addBusinessMs,
  addBusinessTime,
  businessMsBetween,
  businessTimeBetween,
} from './calendar/business-time'
export type { CompiledCalendar } from './calendar/compile'
export { compileCalendar } from './calendar/compile'
export { CalendarEngineError } from './calendar/wall-clock'
export type { SlaClockInput } from './sla/clocks'
export { computeSlaClocks, DEFAULT_AT_RISK_SHARE } from './sla/clocks'
export { SlaEngineError } from './sla/errors'
export { tierVersionForTicket } from './sla/tier-version'
export type { MetricClock, SlaState, TicketClocks } from './sla/types'
export type {
  BreachReference,
  MeasuredTicket,
  MetricReplay,
  ReplayChange,
  ReplayInput,
  ReplayResult,
  ReplaySummary,
  TicketReplay,
} from './replay/replay'
export { replayTickets } from './replay/replay'
export type {
  ComplianceInput,
  ComplianceRow,
  MeasuredClocks,
  MetricCompliance,
} from './compliance/compliance'
export { slaCompliance } from './compliance/compliance'
export { percentile } from './compliance/percentile'
export type {
  PortfolioBook,
  RenewalWindow,
  Retention,
  RetentionRow,
  TierBook,
  TimeToValue,
  ValueMilestone,
} from './kpi/portfolio'
export { portfolioBook, revenueRetention, timeToValue } from './kpi/portfolio'
export { atRiskAt, nextStateChange } from './sla/next-change'
