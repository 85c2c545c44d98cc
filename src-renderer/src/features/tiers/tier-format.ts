import type { SlaTarget } from '@shared/model/tier'
import { formatDuration } from '@shared/tiers/labels'

/** "30 minutes (24x7)", "8 business hours", "—" for no commitment. */
export function targetLabel(target: SlaTarget | null): string {
  if (target === null) return '—'
  const duration = formatDuration(target.minutes)
  return target.hours === 'business' ? duration.replace(' ', ' business ') : `${duration} (24x7)`
}

export const listLabel = (values: readonly string[], labels: Readonly<Record<string, string>>) =>
  values.map((value) => labels[value] ?? value).join(', ')
