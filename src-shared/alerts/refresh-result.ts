/** What `alerts.refresh` did: the engines' alerts written into the `alerts` collection. */
export interface AlertsRefreshResult {
  readonly ranAt: string
  /** New alerts and reminders. */
  readonly raised: number
  /** Open engine alerts whose text changed (their status, due time and raise time kept). */
  readonly updated: number
  /** Check-in reminders closed because a check-in was logged. */
  readonly resolved: number
  /** Alerts already there (unchanged, snoozed, done or dismissed), left as they were. */
  readonly kept: number
  /** Planned writes not made: the alert changed meanwhile, or failed validation (logged). */
  readonly skipped: number
}
