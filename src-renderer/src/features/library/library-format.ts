import type { FieldIssue, TierlineError } from '@shared/ipc/errors'
import type { Segment } from '@shared/model/enums'

export const segmentLabels: Readonly<Record<Segment, string>> = {
  smb: 'SMB',
  'mid-market': 'Mid-market',
  enterprise: 'Enterprise',
  strategic: 'Strategic',
}

/** A refused save's field issues, keyed by the field path without the input's wrapper. */
export function issuesByField(
  error: TierlineError | null,
  prefix = '',
): ReadonlyMap<string, string> {
  const issues = (error?.details?.['issues'] ?? []) as readonly FieldIssue[]
  const map = new Map<string, string>()
  for (const issue of issues) {
    const field = issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field
    if (!map.has(field)) map.set(field, issue.message)
  }
  return map
}
