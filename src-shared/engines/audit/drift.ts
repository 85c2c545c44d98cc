import type { Account } from '../../model/account'
import type { Tier } from '../../model/tier'
import { diffJson } from '../../model/tier-diff'
import type { ComplianceRow } from '../compliance/compliance'
import type { AccountLedger, LedgerItem } from '../ledger/ledger'

/**
 * The SLA met share below which delivered SLA counts as drift. Tiers state targets per ticket,
 * not a share of tickets that must meet them, so the audit uses this one documented bar (the
 * common "95 % of tickets within target" of support contracts).
 */
export const DEFAULT_MIN_MET_SHARE = 0.95

export type DriftDifference =
  | {
      /** The account's signed version is older than the tier's current one. */
      readonly kind: 'version'
      readonly path: string
      readonly signed: unknown
      readonly current: unknown
      readonly reason: string
    }
  | {
      /** A custom term departs from the tier: compared with the signed and the current value. */
      readonly kind: 'custom-term'
      readonly termId: string
      readonly path: string
      readonly agreed: unknown
      readonly signed: unknown
      readonly current: unknown
      readonly reason: string
    }
  | {
      /** An entitlement delivered above or below what was agreed (ledger engine). */
      readonly kind: 'entitlement'
      readonly item: LedgerItem
      readonly period: string
      readonly flag: 'over' | 'under'
      readonly entitled: number
      readonly consumed: number
      readonly evidenceIds: readonly string[]
      readonly reason: string
    }
  | {
      /** SLA actually achieved below the bar (compliance engine). */
      readonly kind: 'sla'
      readonly metShare: number
      readonly met: number
      readonly breached: number
      readonly minMetShare: number
      readonly reason: string
    }

export interface AccountDrift {
  readonly accountId: string
  readonly tierId: string
  readonly signedVersionId: string
  readonly signedVersion: number
  /** Null when the tier has no current version (retired and removed from the catalogue). */
  readonly currentVersion: number | null
  readonly differences: readonly DriftDifference[]
  readonly drifted: boolean
}

export interface DriftInput {
  readonly account: Pick<Account, 'id' | 'tierId' | 'tierVersionId' | 'customTerms'>
  readonly signed: Pick<Tier, 'id' | 'version' | 'definition'>
  readonly current: Pick<Tier, 'id' | 'version' | 'definition'> | null
  /** The account's ledger against its signed version. */
  readonly ledger: AccountLedger
  /** The account's SLA compliance over the audited period; null when nothing was measured. */
  readonly compliance: Pick<ComplianceRow, 'met' | 'breached' | 'metShare'> | null
  readonly minMetShare?: number
}

/** The value at a dotted path of a JSON value (`sla.S1.firstResponse.minutes`); undefined when absent. */
export function valueAt(root: unknown, path: string): unknown {
  let value: unknown = root
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = Reflect.get(value, Array.isArray(value) ? Number(key) : key) as unknown
  }
  return value
}

const show = (value: unknown) =>
  value === undefined ? 'nothing' : typeof value === 'string' ? value : JSON.stringify(value)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * What an account is given against what its tier defines today (issue #5 item 8): the signed
 * version against the current one (field by field), each custom term against both, the
 * entitlements actually delivered (ledger over/under flags) and the SLA actually achieved.
 */
export function driftAudit(input: Readonly<DriftInput>): AccountDrift {
  const { account, signed, current } = input
  const differences: DriftDifference[] = []
  if (current !== null && current.id !== signed.id) {
    for (const entry of diffJson(signed.definition, current.definition)) {
      differences.push({
        kind: 'version',
        path: entry.path,
        signed: entry.before,
        current: entry.after,
        reason: `${entry.path}: v${signed.version} gives ${show(entry.before)}, v${current.version} gives ${show(entry.after)}`,
      })
    }
  }
  for (const term of account.customTerms) {
    const signedValue = valueAt(signed.definition, term.field)
    const currentValue = current === null ? undefined : valueAt(current.definition, term.field)
    const now =
      current !== null && same(term.value, currentValue)
        ? ' (the current version gives the same)'
        : ''
    differences.push({
      kind: 'custom-term',
      termId: term.id,
      path: term.field,
      agreed: term.value,
      signed: signedValue,
      current: currentValue,
      reason: `${term.field}: agreed ${show(term.value)} instead of ${show(signedValue)}${now}`,
    })
  }
  for (const line of [...input.ledger.over, ...input.ledger.under]) {
    if (line.flag !== 'over' && line.flag !== 'under') continue
    differences.push({
      kind: 'entitlement',
      item: line.item,
      period: line.period.label,
      flag: line.flag,
      entitled: line.available,
      consumed: line.consumed,
      evidenceIds: line.evidenceIds,
      reason: `${line.flag === 'over' ? 'Over-delivered' : 'Under-delivered'}: ${line.reason}`,
    })
  }
  const minMetShare = input.minMetShare ?? DEFAULT_MIN_MET_SHARE
  const compliance = input.compliance
  if (compliance !== null && compliance.metShare !== null && compliance.metShare < minMetShare) {
    differences.push({
      kind: 'sla',
      metShare: compliance.metShare,
      met: compliance.met,
      breached: compliance.breached,
      minMetShare,
      reason: `SLA met on ${Math.round(compliance.metShare * 1000) / 10}% of measured targets (${compliance.breached} breached), below ${Math.round(minMetShare * 100)}%`,
    })
  }
  return {
    accountId: account.id,
    tierId: account.tierId,
    signedVersionId: signed.id,
    signedVersion: signed.version,
    currentVersion: current?.version ?? null,
    differences,
    drifted: differences.length > 0,
  }
}
