import { severities, slaMetrics } from '../model/enums'
import type {
  EscalationLevel,
  PauseRule,
  SlaTarget,
  Tier,
  TierDefinition,
  TierDiffEntry,
  TierPrice,
} from '../model/tier'

/**
 * What a new tier version changed, as entries of the model's `tierDiffEntrySchema`, keyed the
 * way people think about a plan rather than by array position:
 * - an SLA target is one entry per severity and metric (`sla.S1.firstResponse`), minutes and
 *   business/24x7 together, so "60 → 30 business minutes" is one change, not two;
 * - prices are keyed by currency (`prices.EUR.perSeatMonthlyMinor`), pause rules by status
 *   (`pauseRules.waiting-on-customer`), escalation by level number (`escalation.2`): removing the
 *   first price list must not read as "every currency changed";
 * - lists of names (channels, residency regions) compare as sets, and are one entry.
 * Identity fields a version also carries (`name`, `description`, `status`) use those bare paths,
 * which no definition key shares. The readable sentence of each entry is {@link describeTierDiffEntry}.
 */

type Json = unknown

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000')

const sameTarget = (a: SlaTarget | null, b: SlaTarget | null) =>
  a === null || b === null ? a === b : a.minutes === b.minutes && a.hours === b.hours

function changed(path: string, before: Json, after: Json): TierDiffEntry {
  return { path, op: 'changed', before, after }
}

/** Scalars compare by value, string lists as sets; anything else is one changed entry. */
function leafChanged(before: Json, after: Json): boolean {
  if (Array.isArray(before) && Array.isArray(after)) {
    return !sameSet(before.map(String), after.map(String))
  }
  return !Object.is(before, after)
}

function diffFlat(
  prefix: string,
  before: Readonly<Record<string, Json>>,
  after: Readonly<Record<string, Json>>,
): TierDiffEntry[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .filter((key) => leafChanged(before[key], after[key]))
    .map((key) => changed(`${prefix}.${key}`, before[key], after[key]))
}

/** Keyed lists: each side's items by key, then added / removed / changed per key in `order`. */
function diffKeyed<T>(
  prefix: string,
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
  same: (a: T, b: T) => boolean,
  order: (keys: string[]) => string[],
): TierDiffEntry[] {
  const was = new Map(before.map((item) => [keyOf(item), item]))
  const now = new Map(after.map((item) => [keyOf(item), item]))
  return order([...new Set([...was.keys(), ...now.keys()])]).flatMap((key): TierDiffEntry[] => {
    const a = was.get(key)
    const b = now.get(key)
    const path = `${prefix}.${key}`
    if (a === undefined && b !== undefined) return [{ path, op: 'added', after: b }]
    if (a !== undefined && b === undefined) return [{ path, op: 'removed', before: a }]
    if (a !== undefined && b !== undefined && !same(a, b)) return [changed(path, a, b)]
    return []
  })
}

function diffPrices(before: readonly TierPrice[], after: readonly TierPrice[]): TierDiffEntry[] {
  const was = new Map(before.map((price) => [price.currency, price]))
  const now = new Map(after.map((price) => [price.currency, price]))
  const currencies = [...new Set([...was.keys(), ...now.keys()])].sort()
  return currencies.flatMap((currency): TierDiffEntry[] => {
    const a = was.get(currency)
    const b = now.get(currency)
    const path = `prices.${currency}`
    if (a === undefined) return b === undefined ? [] : [{ path, op: 'added', after: b }]
    if (b === undefined) return [{ path, op: 'removed', before: a }]
    return diffFlat(path, a, b)
  })
}

function diffSla(before: TierDefinition['sla'], after: TierDefinition['sla']): TierDiffEntry[] {
  return severities.flatMap((severity) =>
    slaMetrics
      .filter((metric) => !sameTarget(before[severity][metric], after[severity][metric]))
      .map((metric) =>
        changed(`sla.${severity}.${metric}`, before[severity][metric], after[severity][metric]),
      ),
  )
}

const sortedKeys = (keys: string[]) => [...keys].sort()
const byNumber = (keys: string[]) => [...keys].sort((a, b) => Number(a) - Number(b))

/** The changes from one tier definition to the next, in a stable order (section, then key). */
export function diffTierDefinitions(
  before: TierDefinition,
  after: TierDefinition,
): TierDiffEntry[] {
  return [
    ...diffPrices(before.prices, after.prices),
    ...diffSla(before.sla, after.sla),
    ...diffKeyed<PauseRule>(
      'pauseRules',
      before.pauseRules,
      after.pauseRules,
      (rule) => rule.status,
      (a, b) => sameSet(a.metrics, b.metrics),
      sortedKeys,
    ),
    ...diffKeyed<EscalationLevel>(
      'escalation',
      before.escalation,
      after.escalation,
      (level) => String(level.level),
      (a, b) =>
        a.role === b.role &&
        a.afterMinutes === b.afterMinutes &&
        sameSet(a.severities, b.severities),
      byNumber,
    ),
    ...diffFlat('entitlements', before.entitlements, after.entitlements),
    ...diffFlat('governance.owners', before.governance.owners, after.governance.owners),
    ...diffFlat(
      'governance.dataPrivacy',
      before.governance.dataPrivacy,
      after.governance.dataPrivacy,
    ),
  ]
}

export type TierContent = Pick<Tier, 'name' | 'description' | 'status' | 'definition'>

/** A whole version's changes: identity fields first, then the definition's. */
export function diffTierVersions(before: TierContent, after: TierContent): TierDiffEntry[] {
  const identity = (['name', 'description', 'status'] as const)
    .filter((field) => before[field] !== after[field])
    .map((field) => changed(field, before[field], after[field]))
  return [...identity, ...diffTierDefinitions(before.definition, after.definition)]
}
