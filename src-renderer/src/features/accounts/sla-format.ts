import type { SlaState } from '@shared/engines/sla/types'
import type { SlaMetric } from '@shared/model/enums'

export const metricLabels: Readonly<Record<SlaMetric, string>> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  periodicUpdate: 'Update',
  resolution: 'Resolution',
}

export const stateLabels: Readonly<Record<SlaState, string>> = {
  breached: 'Breached',
  'at-risk': 'At risk',
  ok: 'On track',
  paused: 'Paused',
  met: 'Met',
  'not-applicable': 'No target',
}

export const stateColors: Readonly<Record<SlaState, string>> = {
  breached: 'red',
  'at-risk': 'orange',
  ok: 'teal',
  paused: 'gray',
  met: 'blue',
  'not-applicable': 'gray',
}

/** `1d 2h 03m`, or with seconds (`2h 03m 09s`) when `withSeconds`; never negative. */
export function formatDuration(totalSeconds: number, withSeconds = false): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3_600)
  const minutes = Math.floor((seconds % 3_600) / 60)
  const rest = seconds % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  const parts: string[] = []
  if (days > 0) parts.push(`${days}d`)
  if (days > 0 || hours > 0) parts.push(`${hours}h`)
  parts.push(`${parts.length > 0 ? pad(minutes) : minutes}m`)
  if (withSeconds && days === 0) parts.push(`${pad(rest)}s`)
  return parts.join(' ')
}
