import { TierlineError } from '@shared/ipc/errors'

/**
 * The engines read the workspace settings document (at-risk share, renewal windows, health
 * weights…). A workspace signed in to team sync has none until its first pull brings it, so
 * this is a state to wait out rather than a fault; `details.missing` lets callers tell.
 */
export function missingSettingsError(): TierlineError {
  return new TierlineError(
    'not-found',
    'This workspace has no settings document, so its SLA and KPI figures cannot be computed.',
    { missing: 'workspace-settings' },
  )
}

/** True for {@link missingSettingsError}, also after it crossed from the engine worker. */
export function isMissingSettings(error: unknown): boolean {
  return (
    error instanceof TierlineError &&
    error.code === 'not-found' &&
    error.details?.['missing'] === 'workspace-settings'
  )
}
