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

/**
 * The two most significant units: `5d`, `1d 4h`, `16h`, `2h 05m`, `45m`; with `withSeconds`
 * (live countdowns) every unit down to seconds: `1d 04h 03m 09s`, `2h 05m 09s`, `4m 30s`.
 */
export function formatDuration(totalSeconds: number, withSeconds = false): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3_600)
  const minutes = Math.floor((seconds % 3_600) / 60)
  const rest = seconds % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  const tail = withSeconds ? ` ${pad(rest)}s` : ''
  // A countdown ticks every second, however far away its instant is.
  if (days > 0 && withSeconds) return `${days}d ${pad(hours)}h ${pad(minutes)}m${tail}`
  if (days > 0) return hours === 0 ? `${days}d` : `${days}d ${hours}h`
  if (hours > 0)
    return minutes === 0 && !withSeconds ? `${hours}h` : `${hours}h ${pad(minutes)}m${tail}`
  return `${minutes}m${tail}`
}
