import type { Severity, SlaMetric, TicketStatus } from '../../model/enums'
import { severities, slaMetrics } from '../../model/enums'
import type { SlaTarget, TierDefinition } from '../../model/tier'

/** Index orders shared by the tables below and by timeline pieces. */
export const severityIndex: Readonly<Record<Severity, number>> = { S1: 0, S2: 1, S3: 2, S4: 3 }
export const metricIndex: Readonly<Record<SlaMetric, number>> = {
  firstResponse: 0,
  nextResponse: 1,
  periodicUpdate: 2,
  resolution: 3,
}
export const statusIndex: Readonly<Record<TicketStatus, number>> = {
  new: 0,
  open: 1,
  'waiting-on-customer': 2,
  'waiting-on-third-party': 3,
  solved: 4,
  closed: 5,
}

/**
 * A tier version's SLA terms as flat tables, read once per measured stretch: string-keyed
 * lookups (`sla[severity][metric]`, a Set per status) were the hottest lines of the engine.
 */
export interface TierTable {
  /** `[severity * 4 + metric]`: target in ms, or -1 when the tier makes no commitment. */
  readonly targetMs: Float64Array
  /** `[severity * 4 + metric]`: the target object itself (null: no commitment). */
  readonly targets: readonly (SlaTarget | null)[]
  /** `[status * 4 + metric]`: 1 when the status stops that metric's clock. */
  readonly paused: Uint8Array
}

const tables = new WeakMap<Readonly<TierDefinition>, TierTable>()
let lastDefinition: Readonly<TierDefinition> | null = null
let lastTable: TierTable | null = null

/**
 * Compiled once per tier version. `solved` and `closed` stop every clock whatever the tier says:
 * nothing is owed on a solved ticket, and the time between a solve and a reopen must not count
 * against resolution.
 */
export function tierTable(definition: Readonly<TierDefinition>): TierTable {
  // Consecutive tickets mostly share a tier version: skip the WeakMap lookup then.
  if (definition === lastDefinition && lastTable !== null) return lastTable
  let table = tables.get(definition)
  if (table === undefined) {
    const targetMs = new Float64Array(16).fill(-1)
    const targets: (SlaTarget | null)[] = []
    for (const severity of severities) {
      const s = severityIndex[severity]
      for (const metric of slaMetrics) {
        const target = definition.sla[severity][metric]
        targets[s * 4 + metricIndex[metric]] = target
        if (target !== null) targetMs[s * 4 + metricIndex[metric]] = target.minutes * 60_000
      }
    }
    const paused = new Uint8Array(24)
    for (const rule of definition.pauseRules) {
      for (const metric of rule.metrics)
        paused[statusIndex[rule.status] * 4 + metricIndex[metric]] = 1
    }
    paused.fill(1, statusIndex.solved * 4, statusIndex.closed * 4 + 4)
    table = { targetMs, targets, paused }
    tables.set(definition, table)
  }
  lastDefinition = definition
  lastTable = table
  return table
}
