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
export type { RetentionCohortInput } from './kpi/arr-history'
export { retentionCohort } from './kpi/arr-history'
export { DEFAULT_ADOPTION_SHARE, valueMilestones } from './kpi/value-milestones'
export type { OpenEscalations } from './kpi/escalations'
export { openEscalations } from './kpi/escalations'
export { toReportingMinor } from './kpi/reporting-money'
export type {
  ComponentScore,
  EvidenceRef,
  HealthAccount,
  HealthComponentKey,
  HealthUsage,
} from './health/components'
export { healthComponentKeys, healthThresholds } from './health/components'
export { HealthEngineError } from './health/errors'
export type {
  AccountHealth,
  HealthComponent,
  HealthInput,
  HealthScore,
  HealthSettings,
  HealthTrend,
  HealthWeek,
} from './health/health'
export { accountHealth, bandOf, DEFAULT_HEALTH_WEIGHTS, healthScore } from './health/health'
export type { OpenSpan, TicketFacts } from './health/ticket-facts'
export { firstBreachOf, openSeverityAt, ticketFacts } from './health/ticket-facts'
export type {
  AccountLedger,
  LedgerFlag,
  LedgerInput,
  LedgerItem,
  LedgerLine,
} from './ledger/ledger'
export { entitledValue, entitlementLedger, ledgerRules, qbrsPerYear } from './ledger/ledger'
export type { LedgerPeriod } from './ledger/periods'
export type {
  AccountEligibility,
  CatalogueTier,
  EligibilityInput,
  EligibilitySignal,
  EligibilityUsage,
  SignalKind,
  TargetTier,
} from './eligibility/eligibility'
export { upgradeEligibility } from './eligibility/eligibility'
export type { EligibilityRules } from './eligibility/rules'
export { defaultEligibilityRules, fallbackRules, rulesFor } from './eligibility/rules'
export type { AccountDrift, DriftDifference, DriftInput } from './audit/drift'
export { DEFAULT_MIN_MET_SHARE, driftAudit, valueAt } from './audit/drift'
export { alertId } from './alerts/alert-id'
export type { AlertPlan, AlertsInput } from './alerts/alerts'
export { alertActors, alertRules, defaultCheckInCadenceDays, planAlerts } from './alerts/alerts'
